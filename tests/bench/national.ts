import { databaseName, type SubgraphName } from '@duty/kit';
import { type Kysely, sql } from 'kysely';
import type { Federation } from '../src/harness.js';
import { lastYear } from './seed.js';
import type { WorkloadData } from './workloads.js';

/** The databases `pnpm generate` loaded (`<prefix>_<subgraph>` on DUTY_PG_URL), served as they are. */
export function generatedDatabases(prefix: string) {
  const pgUrl = process.env.DUTY_PG_URL;
  if (!pgUrl) throw new Error('DUTY_BENCH_DATA needs DUTY_PG_URL: the generated data lives in PostgreSQL');
  return (name: SubgraphName) => ({ name: databaseName(name, prefix), pgUrl, poolSize: 10 });
}

/**
 * The workloads on the generated national data: Guangdong's justice department reads its inbox
 * (every court, procuratorate and detention center of the province) and its year's report; a
 * Guangzhou duty lawyer follows a case assigned to them; a court's station board.
 */
export async function generatedWorkloadData(f: Federation): Promise<WorkloadData> {
  const justice = f.subgraphs.justice!.database.db as Kysely<any>;
  const lawyer = 'lawyer-440106-01';
  const { rows } = await sql<{ id: string }>`select id from help_request_notice
    where lawyer_id = ${lawyer} and subgraph = 'court' and status <> 'CANCELLED'
    order by requested_at desc limit 1`.execute(justice);
  if (!rows[0]) throw new Error(`the generated data has no court request assigned to ${lawyer}`);
  return {
    board: { workstationId: 'ws-court-440106' },
    inbox: { user: 'justice-admin-440000' },
    followCase: { user: lawyer, noticeId: rows[0].id },
    report: { user: 'justice-admin-440000', regionCode: '440000', ...lastYear() },
  };
}
