import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `alter table help_request_notice
      add column lawyer_id text references lawyer (id),
      add column assigned_at timestamptz,
      add column updated_at timestamptz not null default now()`,
    'create index help_request_notice_lawyer_idx on help_request_notice (lawyer_id, status)',
    // Every step of a notice, with time, actor and reason: the dispatch history (append-only).
    `create table notice_event (
      id text primary key,
      notice_id text not null references help_request_notice (id),
      action text not null check (action in (
        'ASSIGN', 'ACCEPT', 'DECLINE', 'START', 'COMPLETE', 'CANCEL', 'REFUSED_BY_ACCUSED')),
      status_after text not null,
      lawyer_id text references lawyer (id),
      reason text,
      actor text not null,
      at timestamptz not null default now(),
      idempotency_key text unique
    )`,
    'create index notice_event_notice_idx on notice_event (notice_id, at)',
    `create function notice_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'dispatch history is append-only' using errcode = 'check_violation', constraint = 'notice_event_append_only';
    end $$`,
    `create trigger notice_event_append_only before update or delete on notice_event
      for each row execute function notice_event_append_only()`,
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop table notice_event',
    'drop function notice_event_append_only',
    'alter table help_request_notice drop column lawyer_id, drop column assigned_at, drop column updated_at',
  ]);
}
