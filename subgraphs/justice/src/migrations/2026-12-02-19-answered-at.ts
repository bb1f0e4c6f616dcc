import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
// When a request was first answered (assigned, or otherwise closed): what "overdue" and "answered
// late" are decided by. A request assigned in time and still being helped later is not overdue.
// The database keeps it for every writer: set once, on the first status past RECEIVED, never moved.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'alter table help_request_notice add column answered_at timestamptz',
    `update help_request_notice n set answered_at = coalesce(
      (select min(e.at) from notice_event e where e.notice_id = n.id and e.action in ('ASSIGN', 'CANCEL', 'REFUSED_BY_ACCUSED', 'COMPLETE')),
      n.assigned_at,
      case when n.status <> 'RECEIVED' then n.updated_at end)`,
    `create function help_request_notice_answered() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and old.answered_at is not null then
        new.answered_at := old.answered_at;
      elsif new.answered_at is null and new.status <> 'RECEIVED' then
        new.answered_at := coalesce(new.assigned_at, now());
      end if;
      return new;
    end $$`,
    `create trigger help_request_notice_answered before insert or update on help_request_notice
      for each row execute function help_request_notice_answered()`,
    'create index help_request_notice_unanswered_idx on help_request_notice (deadline_at) where answered_at is null',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop trigger help_request_notice_answered on help_request_notice',
    'drop function help_request_notice_answered',
    'alter table help_request_notice drop column answered_at',
  ]);
}
