import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // The lawyer's own side of a plea agreement signed at a procuratorate (见证具结): present or
    // not, the plea voluntary or not, and any objection to the recommendation. One per lawyer and
    // agreement; the procuratorate's side stays in its subgraph.
    `create table plea_witness (
      id text primary key,
      agreement_id text not null,
      lawyer_id text not null references lawyer (id),
      present boolean not null,
      voluntary boolean not null,
      objection text,
      recorded_at timestamptz not null default now(),
      idempotency_key text unique,
      constraint plea_witness_once unique (agreement_id, lawyer_id)
    )`,
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table plea_witness']);
}
