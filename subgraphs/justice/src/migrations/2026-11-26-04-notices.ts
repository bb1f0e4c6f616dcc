import { runStatements } from '@duty/kit';
import type { Kysely } from 'kysely';

// Frozen: change the schema with a new, later migration.
export async function up(db: Kysely<unknown>) {
  await runStatements(db, [
    // The agency's inbox: one row per notice received from any organ. Keys and dates only: the
    // accused's details stay in the organ's own subgraph.
    `create table help_request_notice (
      id text primary key,
      subgraph text not null check (subgraph in ('court', 'procuratorate', 'public-security')),
      request_type text not null,
      request_id text not null,
      organ_kind text not null check (organ_kind in ('COURT', 'PROCURATORATE', 'PUBLIC_SECURITY', 'DETENTION_CENTER')),
      organ_id text not null,
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      stage text not null check (stage in ('INVESTIGATION', 'REVIEW_FOR_PROSECUTION', 'TRIAL')),
      workstation_id text,
      requested_at timestamptz not null,
      deadline_at timestamptz not null,
      received_at timestamptz not null default now(),
      status text not null default 'RECEIVED' check (status in (
        'RECEIVED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED', 'REFUSED_BY_ACCUSED')),
      constraint help_request_notice_once unique (subgraph, request_id)
    )`,
    'create index help_request_notice_newest_idx on help_request_notice (region_code text_pattern_ops, requested_at desc, id desc)',
    'create index help_request_notice_urgent_idx on help_request_notice (region_code text_pattern_ops, deadline_at, id)',
  ]);
}

export async function down(db: Kysely<unknown>) {
  await runStatements(db, ['drop table help_request_notice']);
}
