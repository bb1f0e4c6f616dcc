import { organRequestTables, runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
const requests = organRequestTables({
  personTable: 'accused_person',
  stages: ['REVIEW_FOR_PROSECUTION'],
  organKinds: ['PROCURATORATE'],
});

export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `create table prosecution_case (
      id text primary key,
      case_number text not null unique check (length(case_number) between 4 and 60),
      procuratorate_id text not null references procuratorate (id),
      stage text not null default 'REVIEW_FOR_PROSECUTION' check (stage = 'REVIEW_FOR_PROSECUTION'),
      charges text[] not null default '{}',
      investigation_case_id text,
      received_at timestamptz not null
    )`,
    'create index prosecution_case_procuratorate_idx on prosecution_case (procuratorate_id)',
    `create table accused_person (
      id text primary key,
      case_id text not null references prosecution_case (id),
      name text not null check (length(name) between 2 and 40),
      resident_id_number text not null,
      phone text,
      has_defense_counsel boolean not null default false
    )`,
    'create index accused_person_case_idx on accused_person (case_id)',
  ]);
  await requests.up(db);
}

export async function down(db: Kysely<unknown>) {
  await requests.down?.(db);
  await runStatements(db, ['drop table accused_person', 'drop table prosecution_case']);
}
