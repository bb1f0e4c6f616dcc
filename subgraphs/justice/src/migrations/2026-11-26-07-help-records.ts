import { auditLogTable, runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
const auditLog = auditLogTable();

export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // A reception by the assigned duty lawyer (法律帮助记录). Corrected only by a new version of
    // the same record: every version stays. The consultation columns are confidential.
    `create table help_record (
      id text not null,
      version integer not null check (version >= 1),
      notice_id text not null references help_request_notice (id),
      lawyer_id text not null references lawyer (id),
      given_at timestamptz not null,
      mode text not null check (mode in ('ON_SITE', 'PHONE', 'ONLINE')),
      questions jsonb not null,
      suspected_charges text[] not null default '{}',
      facts text,
      advice text not null,
      legal_aid_eligible boolean not null,
      told_how_to_apply boolean not null,
      acknowledgment text not null check (acknowledgment in ('ACKNOWLEDGED', 'REFUSED')),
      recorded_at timestamptz not null default now(),
      correction_reason text,
      idempotency_key text unique,
      primary key (id, version),
      constraint help_record_correction check (version = 1 or correction_reason is not null)
    )`,
    'create index help_record_notice_idx on help_record (notice_id, id, version)',
    // The one exception to confidentiality (art. 2): a crime being prepared or committed that
    // endangers state security, public safety or someone's life, disclosed to a named organ.
    `create table disclosure (
      id text primary key,
      record_id text not null,
      record_version integer not null,
      organ_kind text not null check (organ_kind in ('COURT', 'PROCURATORATE', 'PUBLIC_SECURITY', 'DETENTION_CENTER')),
      organ_id text not null,
      danger text not null check (danger in ('STATE_SECURITY', 'PUBLIC_SAFETY', 'PERSONAL_SAFETY')),
      content text not null,
      disclosed_by text not null references lawyer (id),
      disclosed_at timestamptz not null default now(),
      idempotency_key text unique,
      foreign key (record_id, record_version) references help_record (id, version)
    )`,
    'create index disclosure_organ_idx on disclosure (organ_id, disclosed_at)',
    'create index disclosure_record_idx on disclosure (record_id)',
    `create function help_record_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'help records and disclosures are append-only' using errcode = 'check_violation', constraint = 'help_record_append_only';
    end $$`,
    `create trigger help_record_append_only before update or delete on help_record
      for each row execute function help_record_append_only()`,
    `create trigger disclosure_append_only before update or delete on disclosure
      for each row execute function help_record_append_only()`,
  ]);
  await auditLog.up(db);
}

export async function down(db: Kysely<unknown>) {
  await auditLog.down?.(db);
  await runStatements(db, [
    'drop table disclosure',
    'drop table help_record',
    'drop function help_record_append_only',
  ]);
}
