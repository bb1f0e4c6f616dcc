import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // The least years of practice a lawyer needs to be admitted, set per agency (art. 4).
    'alter table legal_aid_agency add column min_practice_years integer not null default 2 check (min_practice_years >= 0)',
    `create table roster_entry (
      id text primary key,
      lawyer_id text not null references lawyer (id),
      agency_id text not null references legal_aid_agency (id),
      list text not null check (list in ('ROSTER', 'POOL')),
      status text not null check (status in ('ACTIVE', 'SUSPENDED', 'REMOVED')),
      since date not null,
      constraint roster_entry_once unique (lawyer_id, agency_id)
    )`,
    'create index roster_entry_agency_idx on roster_entry (agency_id, status)',
    `create table roster_event (
      id text primary key,
      roster_entry_id text not null references roster_entry (id),
      action text not null check (action in ('ADMIT', 'SUSPEND', 'REMOVE', 'REINSTATE')),
      status_after text not null check (status_after in ('ACTIVE', 'SUSPENDED', 'REMOVED')),
      list text not null check (list in ('ROSTER', 'POOL')),
      reason text not null check (length(reason) between 2 and 500),
      effective_date date not null,
      decided_by text not null,
      decided_at timestamptz not null default now(),
      assessment jsonb
    )`,
    'create index roster_event_entry_idx on roster_event (roster_entry_id, decided_at)',
    // The history is never overwritten: the database itself refuses updates and deletes.
    `create function roster_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'roster history is append-only' using errcode = 'check_violation', constraint = 'roster_event_append_only';
    end $$`,
    `create trigger roster_event_append_only before update or delete on roster_event
      for each row execute function roster_event_append_only()`,
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop table roster_event',
    'drop function roster_event_append_only',
    'drop table roster_entry',
    'alter table legal_aid_agency drop column min_practice_years',
  ]);
}
