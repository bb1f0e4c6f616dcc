import { chinaToday } from '@duty/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation, until } from '../src/harness.js';

let f: Federation;
const justiceDb = () => f.subgraphs.justice!.database.db;
const HOUR = 3600_000;

/** A court request delivered to justice; returns the organ's request id and justice's notice id. */
async function courtRequest(personId: string) {
  const res = await f.query(
    `mutation($p: ID!) { recordCourtHelpRequest(personId: $p, requestedBy: ACCUSED) { id } }`,
    {
      token: await f.tokenFor('court-staff-110105'),
      variables: { p: personId },
    },
  );
  expect(res.body.errors).toBeUndefined();
  const requestId = res.body.data.recordCourtHelpRequest.id as string;
  const row = await until(
    async () =>
      (
        await sql<{ id: string }>`select id from help_request_notice where request_id = ${requestId}`.execute(
          justiceDb(),
        )
      ).rows[0],
    (r) => !!r,
  );
  return { requestId, noticeId: row!.id };
}
const moveDeadline = (noticeId: string, hoursFromNow: number) =>
  sql`update help_request_notice set deadline_at = ${new Date(Date.now() + hoursFromNow * HOUR)} where id = ${noticeId}`.execute(
    justiceDb(),
  );
async function assign(noticeId: string) {
  const license = (
    await sql<{ license_no: string }>`select license_no from lawyer where id = 'lawyer-110105-02'`.execute(
      justiceDb(),
    )
  ).rows[0]!.license_no;
  const res = await f.query(
    `mutation($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "测试") { status } }`,
    { token: await f.tokenFor('dispatcher-110105'), variables: { n: noticeId, l: license } },
  );
  expect(res.body.errors).toBeUndefined();
}

let inTime: { requestId: string; noticeId: string };
let waiting: { requestId: string; noticeId: string };
let late: { requestId: string; noticeId: string };
beforeAll(async () => {
  f = await startTestFederation();
  // Answered in time, then still being helped after the deadline passed: the request and its
  // answer are moved three hours back (the database never moves an answer, so its rule is paused).
  inTime = await courtRequest('case-court-110105-1-p1');
  await assign(inTime.noticeId);
  await sql`alter table help_request_notice disable trigger help_request_notice_answered`.execute(
    justiceDb(),
  );
  await sql`update help_request_notice set requested_at = requested_at - interval '3 hours',
    answered_at = answered_at - interval '3 hours', assigned_at = assigned_at - interval '3 hours'
    where id = ${inTime.noticeId}`.execute(justiceDb());
  await sql`alter table help_request_notice enable trigger help_request_notice_answered`.execute(justiceDb());
  await moveDeadline(inTime.noticeId, -1);
  // Never answered, past its deadline.
  waiting = await courtRequest('case-court-110105-2-p1');
  await moveDeadline(waiting.noticeId, -1);
  // Answered only after the deadline had passed: the demo's open request at this court.
  const demo = (
    await sql<{ id: string; request_id: string }>`select id, request_id from help_request_notice
      where organ_id = 'court-110105' and status = 'RECEIVED' and id <> ${waiting.noticeId}`.execute(
      justiceDb(),
    )
  ).rows[0]!;
  late = { requestId: demo.request_id, noticeId: demo.id };
  await moveDeadline(late.noticeId, -1);
  await assign(late.noticeId);
});
afterAll(() => f?.stop());

describe('overdue means late', () => {
  it('the inbox, the organ’s view and the report say the same of every request', async () => {
    const dispatcher = await f.tokenFor('dispatcher-110105');
    const inbox = await f.query(
      `{ noticeInbox(first: 100) { edges { node { id overdue answeredLate requestedAt } } } }`,
      { token: dispatcher },
    );
    expect(inbox.body.errors).toBeUndefined();
    const items = inbox.body.data.noticeInbox.edges.map((e: any) => e.node);
    const flags = (id: string) => {
      const n = items.find((i: any) => i.id === id);
      return { overdue: n.overdue, answeredLate: n.answeredLate };
    };
    expect(flags(inTime.noticeId)).toEqual({ overdue: false, answeredLate: false });
    expect(flags(waiting.noticeId)).toEqual({ overdue: true, answeredLate: false });
    expect(flags(late.noticeId)).toEqual({ overdue: false, answeredLate: true });

    // The inbox filter follows the flag.
    const filtered = await f.query(`{ noticeInbox(first: 100, overdue: true) { edges { node { id } } } }`, {
      token: dispatcher,
    });
    const overdueIds = filtered.body.data.noticeInbox.edges.map((e: any) => e.node.id);
    expect(overdueIds).toEqual(items.filter((i: any) => i.overdue).map((i: any) => i.id));
    expect(overdueIds).toContain(waiting.noticeId);

    // The court sees the same on its own requests.
    const court = await f.query(
      `{ courtCases(first: 20) { edges { node { accused { helpRequests { id dispatch { overdue answeredLate } } } } } } }`,
      { token: await f.tokenFor('court-staff-110105') },
    );
    const organSide = court.body.data.courtCases.edges
      .flatMap((e: any) => e.node.accused)
      .flatMap((p: any) => p.helpRequests);
    const seen = (requestId: string) => organSide.find((r: any) => r.id === requestId).dispatch;
    expect(seen(inTime.requestId)).toEqual({ overdue: false, answeredLate: false });
    expect(seen(waiting.requestId)).toEqual({ overdue: true, answeredLate: false });
    expect(seen(late.requestId)).toEqual({ overdue: false, answeredLate: true });

    // The joint-meeting report counts exactly these rows: the county's requests, over the days
    // they were made (China calendar).
    const days = items.map((i: any) => chinaToday(Date.parse(i.requestedAt))).sort();
    const report = await f.query(
      `query($from: LocalDate!, $to: LocalDate!) { jointMeetingReport(regionCode: "110105", from: $from, to: $to) { justice { key cases personTimes } } }`,
      { token: await f.tokenFor('justice-admin-110000'), variables: { from: days[0], to: chinaToday() } },
    );
    expect(report.body.errors).toBeUndefined();
    const counter = (key: string) =>
      report.body.data.jointMeetingReport.justice.find((c: any) => c.key === key);
    expect(counter('REQUESTS_RECEIVED').personTimes).toBe(items.length);
    expect(counter('REQUESTS_OVERDUE').personTimes).toBe(items.filter((i: any) => i.overdue).length);
    expect(counter('REQUESTS_ANSWERED_LATE').personTimes).toBe(
      items.filter((i: any) => i.answeredLate).length,
    );
    expect(counter('REQUESTS_OVERDUE').personTimes).toBeGreaterThanOrEqual(1);
    expect(counter('REQUESTS_ANSWERED_LATE').personTimes).toBeGreaterThanOrEqual(1);
  });
});
