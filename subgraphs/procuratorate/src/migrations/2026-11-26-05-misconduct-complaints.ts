import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // Complaints of torture or illegal evidence collection (刑讯逼供、非法取证) the duty lawyer files
    // with a procuratorate on the accused's behalf, whatever the stage and organ; the procuratorate
    // records its handling and outcome.
    `create table misconduct_complaint (
      id text primary key,
      procuratorate_id text not null references procuratorate (id),
      notice_id text not null,
      lawyer_id text not null,
      kind text not null check (kind in ('TORTURE', 'ILLEGAL_EVIDENCE')),
      against text not null check (length(against) between 2 and 200),
      facts text not null check (length(facts) between 5 and 5000),
      filed_at timestamptz not null default now(),
      status text not null default 'RECEIVED' check (status in ('RECEIVED', 'UNDER_INVESTIGATION', 'CONCLUDED')),
      handling_notes text,
      outcome text,
      handled_by text,
      concluded_at timestamptz,
      idempotency_key text unique,
      constraint misconduct_complaint_outcome check (status <> 'CONCLUDED' or (outcome is not null and concluded_at is not null))
    )`,
    'create index misconduct_complaint_procuratorate_idx on misconduct_complaint (procuratorate_id, filed_at)',
    'create index misconduct_complaint_lawyer_idx on misconduct_complaint (lawyer_id, filed_at)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table misconduct_complaint']);
}
