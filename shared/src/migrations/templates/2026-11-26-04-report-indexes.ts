import type { Kysely, Migration } from 'kysely';
import { runStatements } from '../../sql.js';

// Frozen: a template the organ subgraphs' own migrations call; change it with a new template.
/**
 * Indexes the joint-meeting report reads the organ-request tables by: a region (code prefix) and
 * a period, so a province-year report scans only its rows.
 */
export function organReportIndexes(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await runStatements(db, [
        'create index rights_notice_report_idx on rights_notice (region_code text_pattern_ops, informed_at)',
        'create index help_request_report_idx on help_request (region_code text_pattern_ops, requested_at)',
      ]);
    },
    async down(db: Kysely<unknown>) {
      await runStatements(db, ['drop index help_request_report_idx', 'drop index rights_notice_report_idx']);
    },
  };
}
