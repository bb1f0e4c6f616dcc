import { randomUUID } from 'node:crypto';
import type { CaseStage, OrganKind, SubgraphName } from '@duty/kit';
import { signServiceToken } from '@duty/kit';
import { findDemoUser } from '@duty/kit/demo';
import { type Kysely, sql } from 'kysely';
import { postGraphQL, startTestFederation } from '../src/harness.js';
import { median, percentile } from './schedule.js';

/** Where the bench's requests are taken: a court, a procuratorate and a detention center. */
const ORGANS: {
  subgraph: SubgraphName;
  requestType: string;
  organKind: OrganKind;
  stage: CaseStage;
  /** The accused of the Beijing city's demo cases, with the organ taking their requests. */
  persons: string;
}[] = [
  {
    subgraph: 'court',
    requestType: 'CourtHelpRequest',
    organKind: 'COURT',
    stage: 'TRIAL',
    persons: `select p.id, c.court_id organ_id, o.region_code from accused_person p
      join court_case c on c.id = p.case_id join court o on o.id = c.court_id where o.region_code like '1101%'`,
  },
  {
    subgraph: 'procuratorate',
    requestType: 'ProcuratorateHelpRequest',
    organKind: 'PROCURATORATE',
    stage: 'REVIEW_FOR_PROSECUTION',
    persons: `select p.id, c.procuratorate_id organ_id, o.region_code from accused_person p
      join prosecution_case c on c.id = p.case_id join procuratorate o on o.id = c.procuratorate_id
      where o.region_code like '1101%'`,
  },
  {
    subgraph: 'public-security',
    requestType: 'PoliceHelpRequest',
    organKind: 'DETENTION_CENTER',
    stage: 'INVESTIGATION',
    persons: `select p.id, p.detention_center_id organ_id, o.region_code from accused_person p
      join detention_center o on o.id = p.detention_center_id where o.region_code like '1101%'`,
  },
];

/**
 * The dispatcher's inbox: pages of 10 and 50 items over `requests` notices taken in turn at courts,
 * procuratorates and detention centers, each item with its organ's request, case, accused and
 * organ through federation. SQL statements per page must not grow with the page size.
 */
export async function benchInbox(requests: number, n: number) {
  const f = await startTestFederation();
  try {
    const justice = f.subgraphs.justice!.database.db as Kysely<any>;
    const organs = await Promise.all(
      ORGANS.map(async (o) => {
        const db = f.subgraphs[o.subgraph]!.database.db as Kysely<any>;
        const persons = (
          await sql<{ id: string; organ_id: string; region_code: string }>`${sql.raw(o.persons)}`.execute(db)
        ).rows;
        return { ...o, db, persons };
      }),
    );
    const now = Date.now();
    for (let i = 0; i < requests; i += 600) {
      const batch = Array.from({ length: Math.min(600, requests - i) }, (_, k) => {
        const organ = organs[(i + k) % organs.length]!;
        const p = organ.persons[Math.floor((i + k) / organs.length) % organ.persons.length]!;
        const requestedAt = new Date(now - (i + k) * 60_000);
        const deadlineAt = new Date(requestedAt.getTime() + 48 * 3600_000);
        return { id: randomUUID(), organ, p, requestedAt, deadlineAt };
      });
      for (const organ of organs) {
        const mine = batch.filter((b) => b.organ === organ);
        if (mine.length === 0) continue;
        await organ.db
          .insertInto('help_request')
          .values(
            mine.map((b) => ({
              id: b.id,
              person_id: b.p.id,
              stage: organ.stage,
              requested_by: 'ACCUSED',
              requested_at: b.requestedAt,
              deadline_at: b.deadlineAt,
              recorded_by: 'bench',
              organ_kind: organ.organKind,
              organ_id: b.p.organ_id,
              region_code: b.p.region_code,
            })),
          )
          .execute();
      }
      await justice
        .insertInto('help_request_notice')
        .values(
          batch.map((b) => ({
            id: `${b.organ.subgraph}:${b.id}`,
            subgraph: b.organ.subgraph,
            request_type: b.organ.requestType,
            request_id: b.id,
            organ_kind: b.organ.organKind,
            organ_id: b.p.organ_id,
            region_code: b.p.region_code,
            stage: b.organ.stage,
            workstation_id: `ws-${b.p.organ_id}`,
            requested_at: b.requestedAt,
            deadline_at: b.deadlineAt,
          })),
        )
        .execute();
    }
    const token = await f.tokenFor('justice-admin-110000');
    const query = `query($first: Int) { noticeInbox(first: $first, order: NEWEST) { edges { node { id status overdue deadlineAt
      workstation { name } request {
        ... on CourtHelpRequest { requestedBy court { name } case { caseNumber charges } person { name residentIdNumber } }
        ... on ProcuratorateHelpRequest { requestedBy procuratorate { name } case { caseNumber charges } person { name residentIdNumber } }
        ... on PoliceHelpRequest { requestedBy detentionCenter { name } case { caseNumber charges } person { name residentIdNumber } }
      } } } } }`;
    const page = async (first: number) => {
      const res = await f.query(query, { token, variables: { first } });
      const edges = res.body.data?.noticeInbox.edges ?? [];
      if (res.body.errors || edges.length !== first || edges.some((e: any) => !e.node.request?.person))
        throw new Error(JSON.stringify(res.body.errors ?? 'incomplete page'));
    };
    const statements = () =>
      Object.fromEntries(
        ['justice', ...ORGANS.map((o) => o.subgraph)].map((s) => [s, f.subgraphs[s]!.database.statements]),
      );
    const measure = async (first: number) => {
      const ms: number[] = [];
      const before = statements();
      for (let i = 0; i < n; i += 1) {
        const t0 = performance.now();
        await page(first);
        ms.push(performance.now() - t0);
      }
      const after = statements();
      const sqlPerPage = Object.fromEntries(
        Object.keys(after).map((s) => [s, (after[s]! - before[s]!) / n]),
      ) as Record<string, number>;
      return { p50: median(ms), p99: percentile(ms, 99), sqlPerPage };
    };
    await page(10);
    await page(50);
    const page10 = await measure(10);
    const page50 = await measure(50);
    // The joint-meeting report for the province over the year, on the same data.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() + 8 * 3600_000 - 364 * 86_400_000).toISOString().slice(0, 10);
    const reportQuery = `query { jointMeetingReport(regionCode: "110000", from: "${yearAgo}", to: "${today}") {
      justice { key cases personTimes byMonth { key personTimes } } court { key cases personTimes byOrgan { key personTimes } }
      procuratorate { key cases personTimes } publicSecurity { key cases personTimes } } }`;
    const oneReport = async () => {
      const res = await f.query(reportQuery, { token });
      const help = res.body.data?.jointMeetingReport?.court?.find((c: any) => c.key === 'HELP_REQUESTS');
      if (res.body.errors || !help?.personTimes)
        throw new Error(JSON.stringify(res.body.errors ?? 'empty report'));
    };
    await oneReport();
    const before = statements();
    const reportMs: number[] = [];
    for (let i = 0; i < Math.max(10, n / 5); i += 1) {
      const t0 = performance.now();
      await oneReport();
      reportMs.push(performance.now() - t0);
    }
    const after = statements();
    // Each subgraph's part asked directly, side by side: where the report's time goes.
    const principal = findDemoUser('justice-admin-110000')!;
    const representation = {
      __typename: 'JointMeetingReport',
      regionCode: '110000',
      from: yearAgo,
      to: today,
    };
    const parts = {
      justice: 'justice',
      court: 'court',
      procuratorate: 'procuratorate',
      'public-security': 'publicSecurity',
    };
    const directP50: Record<string, number> = {};
    for (const [subgraph, field] of Object.entries(parts)) {
      const headers = {
        authorization: `Bearer ${await signServiceToken(f.signingKey, principal, subgraph as SubgraphName)}`,
      };
      const body = {
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on JointMeetingReport { ${field} { key cases personTimes } } } }`,
        variables: { r: [representation] },
      };
      const ms: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const t0 = performance.now();
        const res = await postGraphQL(f.subgraphs[subgraph]!.graphqlUrl, body, headers);
        if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
        ms.push(performance.now() - t0);
      }
      directP50[subgraph] = median(ms);
    }
    const report = {
      p50: median(reportMs),
      p99: percentile(reportMs, 99),
      directP50,
      sqlPerReport: Object.fromEntries(
        Object.keys(after).map((k) => [k, (after[k]! - before[k]!) / reportMs.length]),
      ),
    };
    return {
      backend: f.subgraphs.justice!.database.kind,
      notices: requests,
      requests: n,
      page10,
      page50,
      report,
    };
  } finally {
    await f.stop();
  }
}
