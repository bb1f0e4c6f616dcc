import { randomUUID } from 'node:crypto';
import { addDays, type CaseStage, chinaToday, type OrganKind, type SubgraphName } from '@duty/kit';
import { type Kysely, sql } from 'kysely';
import type { Federation } from '../src/harness.js';
import type { WorkloadData } from './workloads.js';

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
 * Seeds `count` help requests on the demo data, taken in turn at Beijing's courts, procuratorates
 * and detention centers (one a minute back from now), each with the notice justice keeps of it.
 * Written straight into the subgraphs' databases (PGlite or PostgreSQL alike).
 */
export async function seedNotices(f: Federation, count: number): Promise<void> {
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
  for (let i = 0; i < count; i += 600) {
    const batch = Array.from({ length: Math.min(600, count - i) }, (_, k) => {
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
}

/**
 * A duty lawyer with a case to follow: the newest court request of a county goes, through the
 * gateway as the county's dispatcher would do it, to the county's first demo lawyer. Returns the
 * notice id and the lawyer's demo user id.
 */
export async function assignCourtRequest(f: Federation, county = '110105') {
  const justice = f.subgraphs.justice!.database.db as Kysely<any>;
  const notice = (
    await sql<{ id: string }>`select id from help_request_notice
      where subgraph = 'court' and region_code = ${county} and status = 'RECEIVED'
      order by requested_at desc limit 1`.execute(justice)
  ).rows[0];
  if (!notice) throw new Error(`no court request to assign in ${county}`);
  const lawyerId = `lawyer-${county}-01`;
  const licenseNo = (
    await sql<{ license_no: string }>`select license_no from lawyer where id = ${lawyerId}`.execute(justice)
  ).rows[0]?.license_no;
  const res = await f.query(
    'mutation ($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "基准测试指派") { status } }',
    { token: await f.tokenFor(`dispatcher-${county}`), variables: { n: notice.id, l: licenseNo } },
  );
  if (res.body.errors) throw new Error(`assigning ${notice.id}: ${JSON.stringify(res.body.errors)}`);
  return { noticeId: notice.id, user: lawyerId };
}

/** China's date `days` from today, as the report's `LocalDate` arguments take it. */
/** The report's year: the last 365 days up to today (China time). */
export const lastYear = () => ({ from: addDays(chinaToday(), -364), to: chinaToday() });

/**
 * The demo data with `notices` seeded notices, and what the workloads read on it: Chaoyang
 * court's board, the Beijing justice bureau's inbox and report, a Chaoyang lawyer's assignment.
 */
export async function seedWorkloadData(f: Federation, notices: number): Promise<WorkloadData> {
  await seedNotices(f, notices);
  return {
    board: { workstationId: 'ws-court-110105' },
    inbox: { user: 'justice-admin-110000' },
    followCase: await assignCourtRequest(f, '110105'),
    report: { user: 'justice-admin-110000', regionCode: '110000', ...lastYear() },
  };
}
