import { type Kysely, sql } from 'kysely';

/**
 * Runs migration DDL one statement at a time: PGlite's extended-protocol queries (what the Kysely
 * dialect uses) take a single statement each.
 */
export async function runStatements(db: Kysely<any>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
