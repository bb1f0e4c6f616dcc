import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { startTestFederation } from '../src/harness.js';
import { median, percentile } from './schedule.js';

/**
 * The dispatcher's inbox: pages of 10 and 50 items, each with the court's request, case, accused
 * and court through federation, over `requests` notices. SQL statements per page must not grow
 * with the page size.
 */
export async function benchInbox(requests: number, n: number) {
  const f = await startTestFederation();
  try {
    const court = f.subgraphs.court!.database.db as Kysely<any>;
    const justice = f.subgraphs.justice!.database.db as Kysely<any>;
    const persons = (
      await sql<{
        id: string;
        court_id: string;
      }>`select p.id, c.court_id from accused_person p join court_case c on c.id = p.case_id
        where c.court_id like 'court-1101%'`.execute(court)
    ).rows;
    const now = Date.now();
    for (let i = 0; i < requests; i += 500) {
      const batch = Array.from({ length: Math.min(500, requests - i) }, (_, k) => {
        const p = persons[(i + k) % persons.length]!;
        const requestedAt = new Date(now - (i + k) * 60_000);
        return {
          id: randomUUID(),
          p,
          requestedAt,
          deadlineAt: new Date(requestedAt.getTime() + 48 * 3600_000),
        };
      });
      await court
        .insertInto('help_request')
        .values(
          batch.map((b) => ({
            id: b.id,
            person_id: b.p.id,
            stage: 'TRIAL',
            requested_by: 'ACCUSED',
            requested_at: b.requestedAt,
            deadline_at: b.deadlineAt,
            recorded_by: 'bench',
          })),
        )
        .execute();
      await justice
        .insertInto('help_request_notice')
        .values(
          batch.map((b) => ({
            id: `court:${b.id}`,
            subgraph: 'court',
            request_type: 'CourtHelpRequest',
            request_id: b.id,
            organ_kind: 'COURT',
            organ_id: b.p.court_id,
            region_code: b.p.court_id.slice(6),
            stage: 'TRIAL',
            workstation_id: `ws-${b.p.court_id}`,
            requested_at: b.requestedAt,
            deadline_at: b.deadlineAt,
          })),
        )
        .execute();
    }
    const token = await f.tokenFor('justice-admin-110000');
    const query = `query($first: Int) { noticeInbox(first: $first, order: NEWEST) { edges { node { id status overdue deadlineAt
      workstation { name } request { ... on CourtHelpRequest { requestedBy court { name } case { caseNumber charges } person { name residentIdNumber } } } } } } }`;
    const page = async (first: number) => {
      const res = await f.query(query, { token, variables: { first } });
      if (res.body.errors || res.body.data.noticeInbox.edges.length !== first)
        throw new Error(JSON.stringify(res.body.errors));
    };
    const statements = () => ({
      justice: f.subgraphs.justice!.database.statements,
      court: f.subgraphs.court!.database.statements,
    });
    const measure = async (first: number) => {
      const ms: number[] = [];
      const before = statements();
      for (let i = 0; i < n; i += 1) {
        const t0 = performance.now();
        await page(first);
        ms.push(performance.now() - t0);
      }
      const after = statements();
      return {
        p50: median(ms),
        p99: percentile(ms, 99),
        sqlJustice: (after.justice - before.justice) / n,
        sqlCourt: (after.court - before.court) / n,
      };
    };
    await page(10);
    await page(50);
    const page10 = await measure(10);
    const page50 = await measure(50);
    return { backend: f.subgraphs.justice!.database.kind, notices: requests, requests: n, page10, page50 };
  } finally {
    await f.stop();
  }
}
