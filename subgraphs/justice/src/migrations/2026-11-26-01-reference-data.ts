import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    `create table justice_bureau (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      level text not null check (level in ('PROVINCE', 'CITY', 'COUNTY')),
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      address text not null,
      phone text not null
    )`,
    `create table legal_aid_agency (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      level text not null check (level in ('PROVINCE', 'CITY', 'COUNTY')),
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      justice_bureau_id text not null references justice_bureau (id),
      address text not null,
      phone text not null
    )`,
    'create index legal_aid_agency_region_idx on legal_aid_agency (region_code text_pattern_ops, id)',
    'create index legal_aid_agency_bureau_idx on legal_aid_agency (justice_bureau_id)',
    `create table lawyer (
      id text primary key,
      name text not null check (length(name) between 2 and 40),
      gender text not null check (gender in ('MALE', 'FEMALE')),
      resident_id_number text not null unique,
      license_no text not null unique check (license_no ~ '^[0-9]{17}$'),
      law_firm text not null,
      practice_kind text not null check (practice_kind in ('PRIVATE_PRACTICE', 'AGENCY')),
      first_licensed_year integer not null check (first_licensed_year between 1950 and 2100),
      phone text not null,
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      agency_id text not null references legal_aid_agency (id)
    )`,
    'create index lawyer_region_idx on lawyer (region_code text_pattern_ops, id)',
    'create index lawyer_agency_idx on lawyer (agency_id)',
    `create table workstation (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      agency_id text not null references legal_aid_agency (id),
      host_kind text not null check (host_kind in ('COURT', 'PROCURATORATE', 'DETENTION_CENTER')),
      host_id text not null,
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      address text not null,
      phone text not null,
      duty_modes text[] not null check (
        cardinality(duty_modes) > 0 and duty_modes <@ array['ON_SITE', 'PHONE', 'ONLINE']
      ),
      opening_hours text not null
    )`,
    'create index workstation_region_idx on workstation (region_code text_pattern_ops, id)',
    'create index workstation_host_idx on workstation (host_kind, host_id)',
    'create index workstation_agency_idx on workstation (agency_id)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop table workstation',
    'drop table lawyer',
    'drop table legal_aid_agency',
    'drop table justice_bureau',
  ]);
}
