import type { Kysely } from 'kysely';
import { runStatements } from '../sql.js';

// Frozen: the kit's own tables, in every subgraph's database. Change them with a later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    'create table if not exists kit_state (key text primary key, value text not null)',
    // The transactional outbox: written in the same transaction as the change it reports, and
    // delivered at least once by a relay that claims rows with FOR UPDATE SKIP LOCKED and a lease.
    `create table kit_outbox (
      id text primary key,
      topic text not null,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      delivered_at timestamptz,
      last_error text
    )`,
    'create index kit_outbox_pending_idx on kit_outbox (next_attempt_at, created_at) where delivered_at is null',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table kit_outbox', 'drop table kit_state']);
}
