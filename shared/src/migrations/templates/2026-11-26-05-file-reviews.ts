import type { Kysely, Migration } from 'kysely';
import { runStatements } from '../../sql.js';

// Frozen: a template the organ subgraphs' own migrations call; change it with a new template.
/**
 * File review (阅卷) by the duty lawyer from review for prosecution on (procuratorate rules
 * art. 269): asked for, arranged or refused with a reason, and the files provided recorded.
 */
export function fileReviewTable(options: { caseTable: string }): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await runStatements(db, [
        `create table file_review (
      id text primary key,
      case_id text not null references ${options.caseTable} (id),
      lawyer_id text not null,
      requested_at timestamptz not null default now(),
      status text not null default 'REQUESTED' check (status in ('REQUESTED', 'ARRANGED', 'REFUSED', 'DONE')),
      scheduled_at timestamptz,
      place text,
      decision_reason text,
      reviewed_at timestamptz,
      materials text[],
      handled_by text,
      idempotency_key text unique,
      constraint file_review_refusal check (status <> 'REFUSED' or decision_reason is not null),
      constraint file_review_arranged check (status not in ('ARRANGED', 'DONE') or (scheduled_at is not null and place is not null)),
      constraint file_review_done check (status <> 'DONE' or (reviewed_at is not null and cardinality(materials) > 0))
    )`,
        'create index file_review_case_idx on file_review (case_id, requested_at)',
        'create index file_review_lawyer_idx on file_review (lawyer_id, requested_at)',
      ]);
    },
    async down(db: Kysely<unknown>) {
      await runStatements(db, ['drop table file_review']);
    },
  };
}
