import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // How the service is judged (art. 50, 59 of the Legal Aid Law): the host unit's feedback on a
    // workstation (征询意见) and the agency's follow-up call with a client (回访), each rated 1–5.
    `create table service_rating (
      id text primary key,
      kind text not null check (kind in ('HOST_FEEDBACK', 'CLIENT_FOLLOW_UP')),
      workstation_id text not null references workstation (id),
      notice_id text references help_request_notice (id),
      rating integer not null check (rating between 1 and 5),
      comment text,
      rated_at timestamptz not null default now(),
      recorded_by text not null,
      region_code text not null,
      idempotency_key text unique,
      constraint service_rating_follow_up check (kind <> 'CLIENT_FOLLOW_UP' or notice_id is not null)
    )`,
    'create index service_rating_report_idx on service_rating (region_code text_pattern_ops, rated_at)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table service_rating']);
}
