import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `create table police_organ (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      kind text not null check (kind in ('PUBLIC_SECURITY', 'STATE_SECURITY')),
      level text not null check (level in ('PROVINCE', 'CITY', 'COUNTY')),
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      parent_id text references police_organ (id),
      address text not null,
      phone text not null
    )`,
    'create index police_organ_region_idx on police_organ (region_code text_pattern_ops, id)',
    `create table detention_center (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      police_organ_id text not null references police_organ (id),
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      address text not null,
      phone text not null,
      capacity integer not null check (capacity > 0)
    )`,
    'create index detention_center_region_idx on detention_center (region_code text_pattern_ops, id)',
    'create index detention_center_organ_idx on detention_center (police_organ_id)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table detention_center', 'drop table police_organ']);
}
