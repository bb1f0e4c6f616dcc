import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // An application for legal aid (申请法律援助) the duty lawyer forwards for the accused or a
    // relative: forwarded within its deadline, reviewed by the agency, and on a grant a defense
    // lawyer is assigned, which closes the duty-lawyer path for that request.
    `create table legal_aid_application (
      id text primary key,
      notice_id text not null references help_request_notice (id),
      forwarded_by text not null references lawyer (id),
      applicant text not null check (applicant in ('ACCUSED', 'RELATIVE')),
      relative_name text,
      relative_relation text,
      received_at timestamptz not null,
      materials text[] not null check (cardinality(materials) between 1 and 30),
      forwarded_at timestamptz not null default now(),
      forward_deadline_at timestamptz not null,
      review_deadline_at timestamptz not null,
      status text not null default 'UNDER_REVIEW' check (status in ('UNDER_REVIEW', 'GRANTED', 'REFUSED')),
      decided_at timestamptz,
      decided_by text,
      decision_reason text,
      defense_deadline_at timestamptz,
      defense_lawyer_id text references lawyer (id),
      defense_assigned_at timestamptz,
      defense_assigned_by text,
      idempotency_key text unique,
      constraint legal_aid_application_relative check (applicant = 'ACCUSED' or (relative_name is not null and relative_relation is not null)),
      constraint legal_aid_application_refusal check (status <> 'REFUSED' or decision_reason is not null),
      constraint legal_aid_application_defense check (defense_lawyer_id is null or status = 'GRANTED')
    )`,
    'create index legal_aid_application_notice_idx on legal_aid_application (notice_id)',
    'create index legal_aid_application_review_idx on legal_aid_application (status, review_deadline_at)',
    // One application under review per request at a time.
    `create unique index legal_aid_application_open_idx on legal_aid_application (notice_id) where status = 'UNDER_REVIEW'`,
    // The legal aid agency's own time limits, per region (longest prefix wins); defaults in code.
    `create table time_limit_rule (
      region_prefix text not null check (region_prefix ~ '^[0-9]{2,6}$'),
      kind text not null check (kind in ('FORWARD_APPLICATION', 'REVIEW_APPLICATION', 'ASSIGN_DEFENSE')),
      hours integer not null check (hours between 1 and 2160),
      primary key (region_prefix, kind)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table time_limit_rule', 'drop table legal_aid_application']);
}
