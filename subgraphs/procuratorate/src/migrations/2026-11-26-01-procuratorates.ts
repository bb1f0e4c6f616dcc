import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `create table procuratorate (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      level text not null check (level in ('PROVINCE', 'CITY', 'COUNTY')),
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      parent_id text references procuratorate (id),
      address text not null,
      phone text not null
    )`,
    'create index procuratorate_region_idx on procuratorate (region_code text_pattern_ops, id)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table procuratorate']);
}
