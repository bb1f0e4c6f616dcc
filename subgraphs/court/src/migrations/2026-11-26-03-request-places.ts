import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
// Brings the court's request tables to the kit's organ-request shape: each row names the organ
// where it was taken and its region, and deadline rules are per kind of organ.
export async function up(db: Kysely<unknown>) {
  const place = (table: string) => [
    `alter table ${table} add column organ_kind text not null default 'COURT' check (organ_kind in ('COURT')),
      add column organ_id text, add column region_code text`,
    `update ${table} t set organ_id = c.court_id, region_code = ct.region_code
      from accused_person p join court_case c on c.id = p.case_id join court ct on ct.id = c.court_id
      where p.id = t.person_id`,
    `alter table ${table} alter column organ_kind drop default, alter column organ_id set not null,
      alter column region_code set not null, add check (region_code ~ '^[0-9]{6}$')`,
  ];
  await runStatements(db, [
    ...place('rights_notice'),
    ...place('help_request'),
    'create index help_request_organ_idx on help_request (organ_id, requested_at)',
    `alter table deadline_rule add column organ_kind text not null default 'COURT' check (organ_kind in ('COURT'))`,
    'alter table deadline_rule alter column organ_kind drop default',
    'alter table deadline_rule drop constraint deadline_rule_pkey',
    'alter table deadline_rule add primary key (region_prefix, organ_kind)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'alter table deadline_rule drop constraint deadline_rule_pkey',
    'alter table deadline_rule drop column organ_kind',
    'alter table deadline_rule add primary key (region_prefix)',
    'drop index help_request_organ_idx',
    'alter table help_request drop column organ_kind, drop column organ_id, drop column region_code',
    'alter table rights_notice drop column organ_kind, drop column organ_id, drop column region_code',
  ]);
}
