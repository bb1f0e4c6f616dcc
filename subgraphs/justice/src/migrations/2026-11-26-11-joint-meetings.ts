import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // A joint meeting (联席会议) a justice bureau convenes for its region, with the report frozen as
    // it stood when convened: the figures discussed can be shown again exactly.
    `create table joint_meeting (
      id text primary key,
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      convened_by text not null,
      title text not null check (length(title) between 2 and 100),
      held_on date not null,
      place text,
      participants jsonb not null,
      agenda text[] not null check (cardinality(agenda) between 1 and 30),
      minutes text,
      decisions text[] not null default '{}',
      report_from date not null,
      report_to date not null,
      report_snapshot jsonb not null,
      snapshot_taken_at timestamptz not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      idempotency_key text unique
    )`,
    'create index joint_meeting_region_idx on joint_meeting (region_code, held_on)',
    `create table action_item (
      id text primary key,
      meeting_id text not null references joint_meeting (id),
      description text not null check (length(description) between 2 and 500),
      owner_agency_id text not null,
      owner_agency_name text not null,
      due_on date not null,
      status text not null default 'OPEN' check (status in ('OPEN', 'IN_PROGRESS', 'DONE')),
      follow_up text,
      updated_at timestamptz not null default now(),
      updated_by text not null
    )`,
    'create index action_item_meeting_idx on action_item (meeting_id)',
    'create index action_item_owner_idx on action_item (owner_agency_id, status)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table action_item', 'drop table joint_meeting']);
}
