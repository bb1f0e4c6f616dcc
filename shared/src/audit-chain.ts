import { type Kysely, sql } from 'kysely';

export interface AuditChainCheck {
  rows: number;
  /** The first row whose hash or link does not hold (edited, deleted before it, or inserted). */
  firstBroken?: { seq: string; id: string };
}

/**
 * Recomputes the audit log's hash chain with the database's own `audit_log_row_hash` (the function
 * the insert trigger uses) and names the first row where it breaks.
 */
export async function verifyAuditChain(db: Kysely<any>): Promise<AuditChainCheck> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from audit_log`.execute(db);
  const broken = await sql<{ seq: string; id: string }>`
    select seq::text as seq, id from (
      select a.seq, a.id, a.hash, a.prev_hash, lag(a.hash) over w as before,
        audit_log_row_hash(a, lag(a.hash) over w) as expected
      from audit_log a window w as (order by a.seq)
    ) x
    where hash is distinct from expected or prev_hash is distinct from before
    order by x.seq limit 1`.execute(db);
  return { rows: Number(rows[0]?.n ?? 0), ...(broken.rows[0] ? { firstBroken: broken.rows[0] } : {}) };
}
