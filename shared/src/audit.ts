import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { Generated, Kysely } from 'kysely';
import { DutyError, unauthenticated } from './errors.js';
import type { SubgraphContext } from './subgraph.js';

export type AuditAction = 'READ' | 'DISCLOSE';

/** A row of the audit log (`auditLogTable`), for subgraph database interfaces. */
export interface AuditLogTable {
  id: string;
  at: Date;
  action: AuditAction;
  subject_type: string;
  subject_id: string;
  user_id: string;
  roles: string[];
  agency_id: string;
  agency_kind: string;
  region_code: string;
  request_id: string;
  /** Set by the database on insert: the chain's order, the previous row's hash and this row's. */
  seq: Generated<string>;
  prev_hash: Generated<string | null>;
  hash: Generated<string>;
}

export interface AuditEntry {
  action: AuditAction;
  subjectType: string;
  subjectId: string;
}

type Ctx = Pick<SubgraphContext<any>, 'principal' | 'requestId'>;

/** Writes audit entries for the caller, in `db` (a transaction, when the entry must commit with a change). */
export async function writeAudit(db: Kysely<any>, ctx: Ctx, entries: readonly AuditEntry[]) {
  const p = ctx.principal;
  if (!p) throw unauthenticated();
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        id: randomUUID(),
        action: e.action,
        subject_type: e.subjectType,
        subject_id: e.subjectId,
        user_id: p.userId,
        roles: p.roles,
        agency_id: p.agencyId,
        agency_kind: p.agencyKind,
        region_code: p.regionCode,
        request_id: ctx.requestId,
      })),
    )
    .execute();
}

const loaders = new WeakMap<object, DataLoader<AuditEntry, true>>();

/**
 * Records a read of confidential content before the content is returned: the reads of one tick
 * of a request go in one insert. If the write fails, so does the read.
 */
export function auditRead(ctx: SubgraphContext<any>, subjectType: string, subjectId: string): Promise<true> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (entries: readonly AuditEntry[]) => {
        try {
          await writeAudit(ctx.db, ctx, entries);
        } catch (error) {
          ctx.log.error({ err: error }, 'audit write failed: confidential reads refused');
          throw new DutyError('AUDIT_UNAVAILABLE', '审计日志暂时无法写入，保密内容暂不能查看，请稍后重试');
        }
        return entries.map(() => true as const);
      },
      { cache: false },
    );
    loaders.set(ctx, loader);
  }
  return loader.load({ action: 'READ', subjectType, subjectId });
}
