import { organRequestTables, runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
const requests = organRequestTables({
  personTable: 'accused_person',
  stages: ['INVESTIGATION'],
  organKinds: ['PUBLIC_SECURITY', 'DETENTION_CENTER'],
});

export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // The category decides whether an investigation-stage lawyer meeting needs approval (CPL art. 39).
    `create table investigation_case (
      id text primary key,
      case_number text not null unique check (length(case_number) between 4 and 60),
      police_organ_id text not null references police_organ (id),
      stage text not null default 'INVESTIGATION' check (stage = 'INVESTIGATION'),
      category text not null default 'ORDINARY' check (category in ('ORDINARY', 'STATE_SECURITY', 'TERRORISM')),
      charges text[] not null default '{}',
      opened_at timestamptz not null
    )`,
    'create index investigation_case_organ_idx on investigation_case (police_organ_id)',
    `create table accused_person (
      id text primary key,
      case_id text not null references investigation_case (id),
      name text not null check (length(name) between 2 and 40),
      resident_id_number text not null,
      phone text,
      has_defense_counsel boolean not null default false,
      detention_center_id text references detention_center (id)
    )`,
    'create index accused_person_case_idx on accused_person (case_id)',
    'create index accused_person_detention_idx on accused_person (detention_center_id)',
  ]);
  await requests.up(db);
  await runStatements(db, [
    // A duty lawyer's meeting with a detainee (会见): arranged by the detention center within its
    // deadline, after the handling organ's approval where the law requires one.
    `create table meeting_request (
      id text primary key,
      person_id text not null references accused_person (id),
      detention_center_id text not null references detention_center (id),
      help_request_id text not null references help_request (id),
      lawyer_id text not null,
      requested_at timestamptz not null,
      needs_approval boolean not null,
      status text not null check (status in ('AWAITING_APPROVAL', 'REQUESTED', 'REFUSED', 'ARRANGED', 'HELD')),
      deadline_at timestamptz,
      decided_by text,
      decided_at timestamptz,
      decision_reason text,
      scheduled_at timestamptz,
      room text,
      arranged_by text,
      arranged_at timestamptz,
      held_from timestamptz,
      held_until timestamptz,
      idempotency_key text unique,
      constraint meeting_request_deadline check (status = 'AWAITING_APPROVAL' or status = 'REFUSED' or deadline_at is not null),
      constraint meeting_request_refusal check (status <> 'REFUSED' or decision_reason is not null),
      constraint meeting_request_arranged check (status not in ('ARRANGED', 'HELD') or (scheduled_at is not null and room is not null)),
      constraint meeting_request_held check (status <> 'HELD' or (held_from is not null and held_until > held_from))
    )`,
    'create index meeting_request_center_idx on meeting_request (detention_center_id, requested_at)',
    'create index meeting_request_person_idx on meeting_request (person_id)',
    'create index meeting_request_lawyer_idx on meeting_request (lawyer_id, requested_at)',
    // Hours a detention center has to arrange a meeting, per region (longest prefix wins).
    `create table meeting_deadline_rule (
      region_prefix text primary key check (region_prefix ~ '^[0-9]{2,6}$'),
      hours integer not null check (hours between 1 and 720)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table meeting_deadline_rule', 'drop table meeting_request']);
  await requests.down?.(db);
  await runStatements(db, ['drop table accused_person', 'drop table investigation_case']);
}
