import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // The procuratorate's charge and sentencing recommendation in a plea case (量刑建议).
    `create table sentencing_recommendation (
      id text primary key,
      person_id text not null references accused_person (id),
      charges text[] not null check (cardinality(charges) between 1 and 10),
      sentence text not null check (length(sentence) between 2 and 200),
      procedure text not null check (procedure in ('FAST_TRACK', 'SUMMARY', 'ORDINARY')),
      recorded_by text not null,
      recorded_at timestamptz not null default now(),
      idempotency_key text unique
    )`,
    'create index sentencing_recommendation_person_idx on sentencing_recommendation (person_id, recorded_at)',
    // The duty lawyer's opinion on it (CPL art. 173), and whether the procuratorate adopted it;
    // an opinion not adopted gets its reason (procuratorate rules art. 269).
    `create table lawyer_opinion (
      id text primary key,
      recommendation_id text not null references sentencing_recommendation (id),
      lawyer_id text not null,
      on_facts text,
      on_charge text,
      on_law text,
      on_recommendation text,
      on_procedure text,
      submitted_at timestamptz not null default now(),
      adopted boolean,
      adoption_reason text,
      decided_by text,
      decided_at timestamptz,
      idempotency_key text unique,
      constraint lawyer_opinion_something check (coalesce(on_facts, on_charge, on_law, on_recommendation, on_procedure) is not null),
      constraint lawyer_opinion_decided check ((adopted is null) = (decided_at is null)),
      constraint lawyer_opinion_reason check (adopted is distinct from false or adoption_reason is not null)
    )`,
    'create index lawyer_opinion_recommendation_idx on lawyer_opinion (recommendation_id)',
    // The signed plea agreement (认罪认罚具结书): never without a lawyer present and named (art. 174).
    `create table plea_agreement (
      id text primary key,
      recommendation_id text not null references sentencing_recommendation (id),
      person_id text not null references accused_person (id),
      signed_at timestamptz not null,
      lawyer_id text not null,
      lawyer_license_no text not null check (lawyer_license_no ~ '^[0-9]{17}$'),
      lawyer_name text not null,
      lawyer_capacity text not null check (lawyer_capacity in ('DUTY_LAWYER', 'DEFENSE_COUNSEL')),
      recorded_by text not null,
      recorded_at timestamptz not null default now(),
      idempotency_key text unique
    )`,
    'create index plea_agreement_person_idx on plea_agreement (person_id)',
    'create index plea_agreement_lawyer_idx on plea_agreement (lawyer_id)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, [
    'drop table plea_agreement',
    'drop table lawyer_opinion',
    'drop table sentencing_recommendation',
  ]);
}
