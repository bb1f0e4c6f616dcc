import { z } from 'zod';
import { type ConstraintMessages, translateDatabaseError } from './db-errors.js';
import { DutyError } from './errors.js';

/**
 * A create that may carry an idempotency key (幂等键). Check who may act before calling it: a
 * repeat with the same key by the same caller for the same thing returns the first record's id;
 * the key used for anything else is a CONFLICT; two calls racing with one key both get the
 * winner's id. Database rules refusing the write become their own messages.
 */
export async function createOnce<T extends { id: string }>(options: {
  key: string | null | undefined;
  find: (key: string) => Promise<T | undefined>;
  /** The earlier record is this very request repeated (same caller, same target). */
  isRepeat: (earlier: T) => boolean;
  create: () => Promise<string>;
  rules?: ConstraintMessages;
  /** What the user reads when the key was used for something else. */
  reusedMessage?: string;
}): Promise<string> {
  const { key } = options;
  const replay = async () => {
    if (!key) return undefined;
    const earlier = await options.find(key);
    if (earlier && !options.isRepeat(earlier)) {
      throw new DutyError('CONFLICT', options.reusedMessage ?? '该幂等键已用于另一操作', {
        reason: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    return earlier?.id;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await options.create();
  } catch (error) {
    const raced = await replay().catch(() => undefined);
    if (raced) return raced;
    throw translateDatabaseError(error, options.rules ?? {});
  }
}

/** How every mutation's `idempotencyKey` argument is checked. */
export const idempotencyKeyRule = z.string().min(8, '幂等键至少 8 个字符').max(100);

/** How every "reason" argument (a refusal's, a decision's) is checked. */
export const reasonRule = z.string().trim().min(2, '理由至少 2 个字').max(500, '理由最多 500 字');
