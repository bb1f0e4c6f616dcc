import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `create table court (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      level text not null check (level in ('HIGH', 'INTERMEDIATE', 'BASIC')),
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      parent_id text references court (id),
      address text not null,
      phone text not null
    )`,
    'create index court_region_idx on court (region_code text_pattern_ops, id)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table court']);
}
