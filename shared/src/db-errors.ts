import { DutyError } from './errors.js';

/** What a database rule means to a user: its code and Chinese message, by constraint name. */
export type ConstraintMessages = Record<string, { code: 'CONFLICT' | 'BAD_USER_INPUT'; message: string }>;

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * Rules hold in the database (unique keys, checks, exclusion constraints, triggers); when one
 * refuses a write, the user gets the rule's own message instead of an internal error. Triggers
 * raise `check_violation` with `CONSTRAINT = '<name>'` so they map the same way.
 */
export function translateDatabaseError(error: unknown, messages: ConstraintMessages): unknown {
  const e = error as PgError;
  if (!e || typeof e !== 'object' || !e.code) return error;
  const known = e.constraint ? messages[e.constraint] : undefined;
  if (known) return new DutyError(known.code, known.message, { constraint: e.constraint });
  if (e.code === '23505')
    return new DutyError('CONFLICT', '数据重复：该记录已存在', { constraint: e.constraint });
  return error;
}

/** Runs a write and translates a refused database rule into a user-facing error. */
export async function withDatabaseRules<T>(messages: ConstraintMessages, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateDatabaseError(error, messages);
  }
}
