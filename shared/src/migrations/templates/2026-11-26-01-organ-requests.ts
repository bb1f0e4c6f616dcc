import type { Kysely, Migration } from 'kysely';
import { runStatements } from '../../sql.js';

// Frozen: a template the organ subgraphs' own migrations call; change it with a new template.
/**
 * The tables every organ subgraph keeps for the accused it handles: rights notices, help requests
 * and the per-region deadline rules. Each row names the organ where it was taken (a court, a
 * procuratorate, a police organ or a detention center) and that organ's region, which decide who
 * may read it.
 */
export function organRequestTables(options: {
  /** The table of the accused (its `id` is the person). */
  personTable: string;
  /** The stages this organ handles. */
  stages: readonly string[];
  /** The kinds of organ that take requests here. */
  organKinds: readonly string[];
}): Migration {
  const stages = options.stages.map((s) => `'${s}'`).join(', ');
  const kinds = options.organKinds.map((k) => `'${k}'`).join(', ');
  const place = `organ_kind text not null check (organ_kind in (${kinds})),
      organ_id text not null,
      region_code text not null check (region_code ~ '^[0-9]{6}$')`;
  return {
    async up(db: Kysely<unknown>) {
      await runStatements(db, [
        `create table rights_notice (
      id text primary key,
      person_id text not null references ${options.personTable} (id),
      stage text not null check (stage in (${stages})),
      method text not null check (method in ('WRITTEN', 'ORAL', 'VIDEO')),
      informed_at timestamptz not null,
      informed_by text not null,
      answer text not null check (answer in ('REQUESTS_HELP', 'DECLINES')),
      note text,
      ${place}
    )`,
        'create index rights_notice_person_idx on rights_notice (person_id, informed_at)',
        `create table help_request (
      id text primary key,
      person_id text not null references ${options.personTable} (id),
      stage text not null check (stage in (${stages})),
      requested_by text not null check (requested_by in ('ACCUSED', 'RELATIVE')),
      relative_name text,
      relative_relation text,
      requested_at timestamptz not null,
      deadline_at timestamptz not null,
      recorded_by text not null,
      idempotency_key text unique,
      ${place},
      constraint help_request_relative check (requested_by = 'ACCUSED' or (relative_name is not null and relative_relation is not null))
    )`,
        'create index help_request_person_idx on help_request (person_id)',
        'create index help_request_organ_idx on help_request (organ_id, requested_at)',
        // The time the legal aid agency has, per region and kind of organ (longest prefix wins).
        `create table deadline_rule (
      region_prefix text not null check (region_prefix ~ '^[0-9]{2,6}$'),
      organ_kind text not null check (organ_kind in (${kinds})),
      hours integer not null check (hours between 1 and 720),
      primary key (region_prefix, organ_kind)
    )`,
      ]);
    },
    async down(db: Kysely<unknown>) {
      await runStatements(db, [
        'drop table deadline_rule',
        'drop table help_request',
        'drop table rights_notice',
      ]);
    },
  };
}
