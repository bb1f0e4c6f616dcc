import type { Kysely, Migration } from 'kysely';
import { runStatements } from '../../sql.js';

// Frozen: a template the subgraphs' own migrations call; change it with a new template.
/**
 * The append-only audit log of reads of confidential content and of disclosures: who (user, roles,
 * agency, region), what (subject type and id), when, and the request id. Rows are never updated or
 * deleted; the database refuses.
 */
export function auditLogTable(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await runStatements(db, [
        `create table audit_log (
      id text primary key,
      at timestamptz not null default now(),
      action text not null check (action in ('READ', 'DISCLOSE')),
      subject_type text not null,
      subject_id text not null,
      user_id text not null,
      roles text[] not null,
      agency_id text not null,
      agency_kind text not null,
      region_code text not null,
      request_id text not null
    )`,
        'create index audit_log_subject_idx on audit_log (subject_type, subject_id, at)',
        'create index audit_log_user_idx on audit_log (user_id, at)',
        `create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'the audit log is append-only' using errcode = 'check_violation', constraint = 'audit_log_append_only';
    end $$`,
        `create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only()`,
      ]);
    },
    async down(db: Kysely<unknown>) {
      await runStatements(db, ['drop table audit_log', 'drop function audit_log_append_only']);
    },
  };
}
