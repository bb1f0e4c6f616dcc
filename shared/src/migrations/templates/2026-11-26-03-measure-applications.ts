import type { Kysely, Migration } from 'kysely';
import { runStatements } from '../../sql.js';

// Frozen: a template the organ subgraphs' own migrations call; change it with a new template.
/**
 * Applications by the duty lawyer to change a coercive measure (申请变更强制措施), filed with the
 * organ handling the case, which decides within its time limit (a refusal with its reason).
 */
export function measureApplicationTable(options: { personTable: string }): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await runStatements(db, [
        `create table measure_application (
      id text primary key,
      person_id text not null references ${options.personTable} (id),
      lawyer_id text not null,
      current_measure text not null check (current_measure in ('DETENTION', 'ARREST', 'RESIDENTIAL_SURVEILLANCE', 'BAIL')),
      requested_measure text not null check (requested_measure in ('BAIL', 'RESIDENTIAL_SURVEILLANCE', 'RELEASE')),
      grounds text not null check (length(grounds) between 2 and 2000),
      filed_at timestamptz not null default now(),
      decision_deadline_at timestamptz not null,
      status text not null default 'PENDING' check (status in ('PENDING', 'GRANTED', 'REFUSED')),
      decided_by text,
      decided_at timestamptz,
      decision_reason text,
      idempotency_key text unique,
      constraint measure_application_refusal check (status <> 'REFUSED' or decision_reason is not null)
    )`,
        'create index measure_application_person_idx on measure_application (person_id, filed_at)',
        'create index measure_application_pending_idx on measure_application (status, decision_deadline_at)',
      ]);
    },
    async down(db: Kysely<unknown>) {
      await runStatements(db, ['drop table measure_application']);
    },
  };
}
