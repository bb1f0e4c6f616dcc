import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `create table court_case (
      id text primary key,
      case_number text not null unique check (length(case_number) between 4 and 60),
      court_id text not null references court (id),
      stage text not null default 'TRIAL' check (stage = 'TRIAL'),
      charges text[] not null default '{}',
      received_at timestamptz not null
    )`,
    'create index court_case_court_idx on court_case (court_id)',
    `create table accused_person (
      id text primary key,
      case_id text not null references court_case (id),
      name text not null check (length(name) between 2 and 40),
      resident_id_number text not null,
      phone text,
      has_defense_counsel boolean not null default false
    )`,
    'create index accused_person_case_idx on accused_person (case_id)',
    `create table rights_notice (
      id text primary key,
      person_id text not null references accused_person (id),
      stage text not null check (stage = 'TRIAL'),
      method text not null check (method in ('WRITTEN', 'ORAL', 'VIDEO')),
      informed_at timestamptz not null,
      informed_by text not null,
      answer text not null check (answer in ('REQUESTS_HELP', 'DECLINES')),
      note text
    )`,
    'create index rights_notice_person_idx on rights_notice (person_id, informed_at)',
    `create table help_request (
      id text primary key,
      person_id text not null references accused_person (id),
      stage text not null check (stage = 'TRIAL'),
      requested_by text not null check (requested_by in ('ACCUSED', 'RELATIVE')),
      relative_name text,
      relative_relation text,
      requested_at timestamptz not null,
      deadline_at timestamptz not null,
      recorded_by text not null,
      idempotency_key text unique,
      constraint help_request_relative check (requested_by = 'ACCUSED' or (relative_name is not null and relative_relation is not null))
    )`,
    'create index help_request_person_idx on help_request (person_id)',
    // The time the legal aid agency has, per region (longest matching code prefix wins).
    `create table deadline_rule (
      region_prefix text primary key check (region_prefix ~ '^[0-9]{2,6}$'),
      hours integer not null check (hours between 1 and 720)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop table deadline_rule',
    'drop table help_request',
    'drop table rights_notice',
    'drop table accused_person',
    'drop table court_case',
  ]);
}
