import { findDemoUser } from '@duty/kit/demo';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

let f: Federation;
let dispatcher: string;
let noticeId: string;
let requestId: string;
const justiceDb = () => f.subgraphs.justice!.database.db;
const license = async (id: string) =>
  (await sql<{ license_no: string }>`select license_no from lawyer where id = ${id}`.execute(justiceDb()))
    .rows[0]!.license_no;

const ASSIGN = /* GraphQL */ `
  mutation ($n: ID!, $l: LawyerLicenseNo!, $r: String, $k: String) {
    assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: $r, idempotencyKey: $k) { status lawyer { id } }
  }
`;
const STEP = /* GraphQL */ `
  mutation ($n: ID!, $a: HelpRequestAction!, $r: String, $k: String) {
    advanceHelpRequest(noticeId: $n, action: $a, reason: $r, idempotencyKey: $k) { status lawyer { id } }
  }
`;

beforeAll(async () => {
  f = await startTestFederation();
  dispatcher = await f.tokenFor('dispatcher-110105');
  const court = await f.tokenFor('court-staff-110105');
  const res = await f.query(
    `mutation { recordCourtHelpRequest(personId: "case-court-110105-2-p1", requestedBy: ACCUSED) { id } }`,
    { token: court },
  );
  requestId = res.body.data.recordCourtHelpRequest.id;
  for (let i = 0; i < 100; i += 1) {
    const row = await sql<{
      id: string;
    }>`select id from help_request_notice where request_id = ${requestId}`.execute(justiceDb());
    if (row.rows[0]) {
      noticeId = row.rows[0].id;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // lawyer-110105-08 goes on duty at the court's workstation right now; the demo schedule may
  // already hold their month's on-site limit (early in a month it plans the whole month ahead).
  await sql`update lawyer set max_on_site_per_month = 62 where id = 'lawyer-110105-08'`.execute(justiceDb());
  await sql`update duty_shift set status = 'CANCELLED', cancel_reason = '测试调整'
    where lawyer_id = 'lawyer-110105-08' and ends_at > now() and starts_at < now() + interval '1 hour'`.execute(
    justiceDb(),
  );
  await sql`insert into duty_shift (id, workstation_id, lawyer_id, starts_at, ends_at, mode, created_by)
    values ('test-now', 'ws-court-110105', 'lawyer-110105-08', now() + interval '300 milliseconds', now() + interval '50 minutes', 'ON_SITE', 'test')`.execute(
    justiceDb(),
  );
  await new Promise((r) => setTimeout(r, 400));
});
afterAll(() => f?.stop());

describe('dispatch', () => {
  it('suggests the lawyer on duty at the workstation first', async () => {
    const res = await f.query(
      `query { noticeInbox(first: 50) { edges { node { id candidates { lawyer { id } reason openAssignments } } } } }`,
      { token: dispatcher },
    );
    const item = res.body.data.noticeInbox.edges.find((e: any) => e.node.id === noticeId).node;
    expect(item.candidates[0]).toEqual({
      lawyer: { id: 'lawyer-110105-08' },
      reason: 'ON_DUTY_HERE',
      openAssignments: 0,
    });
    expect(item.candidates.some((c: any) => c.reason === 'LEAST_LOADED')).toBe(true);
  });

  it('refuses an off-roster lawyer, and an off-duty one without a reason', async () => {
    const suspended = await f.query(ASSIGN, {
      token: dispatcher,
      variables: { n: noticeId, l: await license('lawyer-110105-06') },
    });
    expect(suspended.body.errors?.[0]?.message).toContain('不在名册中');
    const offDuty = await f.query(ASSIGN, {
      token: dispatcher,
      variables: { n: noticeId, l: await license('lawyer-110105-03') },
    });
    expect(offDuty.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(offDuty.body.errors?.[0]?.message).toContain('须说明理由');
    const otherRegion = await f.query(ASSIGN, {
      token: await f.tokenFor('dispatcher-440304'),
      variables: { n: noticeId, l: await license('lawyer-110105-08'), k: 'other-region-0001' },
    });
    expect(otherRegion.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byCourt = await f.query(ASSIGN, {
      token: await f.tokenFor('court-staff-110105'),
      variables: { n: noticeId, l: await license('lawyer-110105-08') },
    });
    expect(byCourt.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('moves through assigned, declined, assigned again, accepted, in progress, completed — each step once', async () => {
    const onDuty = await license('lawyer-110105-08');
    const a1 = await f.query(ASSIGN, { token: dispatcher, variables: { n: noticeId, l: onDuty } });
    expect(a1.body.data.assignDutyLawyer).toEqual({ status: 'ASSIGNED', lawyer: { id: 'lawyer-110105-08' } });
    const twice = await f.query(ASSIGN, { token: dispatcher, variables: { n: noticeId, l: onDuty } });
    expect(twice.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const lawyer = await f.tokenFor('lawyer-110105-01');
    const notMine = await f.query(STEP, { token: lawyer, variables: { n: noticeId, a: 'ACCEPT' } });
    expect(notMine.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const assigned = await f.tokenFor({
      userId: 'lawyer-110105-08',
      agencyId: 'laa-110105',
      agencyKind: 'LEGAL_AID_AGENCY',
      regionCode: '110105',
      roles: ['DUTY_LAWYER'],
      lawyerId: 'lawyer-110105-08',
    });
    const noReason = await f.query(STEP, { token: assigned, variables: { n: noticeId, a: 'DECLINE' } });
    expect(noReason.body.errors?.[0]?.message).toContain('须说明理由');
    const declined = await f.query(STEP, {
      token: assigned,
      variables: { n: noticeId, a: 'DECLINE', r: '与另一会见时间冲突' },
    });
    expect(declined.body.data.advanceHelpRequest).toEqual({ status: 'RECEIVED', lawyer: null });

    const vars = { n: noticeId, l: onDuty, k: 'assign-once-0001' };
    const again = await f.query(ASSIGN, { token: dispatcher, variables: vars });
    const repeat = await f.query(ASSIGN, { token: dispatcher, variables: vars });
    expect(again.body.data.assignDutyLawyer.status).toBe('ASSIGNED');
    expect(repeat.body.data.assignDutyLawyer.status).toBe('ASSIGNED');
    // The same key from someone else, or for another step, is not a replay.
    const stolen = await f.query(STEP, {
      token: assigned,
      variables: { n: noticeId, a: 'ACCEPT', k: 'assign-once-0001' },
    });
    expect(stolen.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    for (const a of ['ACCEPT', 'START', 'COMPLETE']) {
      const res = await f.query(STEP, { token: assigned, variables: { n: noticeId, a } });
      expect(res.body.errors, a).toBeUndefined();
    }
    const mine = await f.query(`{ myAssignments(first: 10) { edges { node { id status } } } }`, {
      token: assigned,
    });
    expect(mine.body.data.myAssignments.edges).toEqual([{ node: { id: noticeId, status: 'COMPLETED' } }]);
    const history = await f.query(
      `{ noticeInbox(first: 50) { edges { node { id history { action statusAfter actor reason } } } } }`,
      {
        token: dispatcher,
      },
    );
    const h = history.body.data.noticeInbox.edges.find((e: any) => e.node.id === noticeId).node.history;
    expect(h.map((e: any) => e.action)).toEqual([
      'ASSIGN',
      'DECLINE',
      'ASSIGN',
      'ACCEPT',
      'START',
      'COMPLETE',
    ]);
    expect(h[1]).toMatchObject({
      actor: 'lawyer-110105-08',
      reason: '与另一会见时间冲突',
      statusAfter: 'RECEIVED',
    });
    const done = await f.query(STEP, {
      token: dispatcher,
      variables: { n: noticeId, a: 'CANCEL', r: '重复操作' },
    });
    expect(done.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('shows the court, on its own request, who was assigned and how it stands', async () => {
    const res = await f.query(
      `{ courtCases(first: 10) { edges { node { accused { helpRequests { id dispatch { status lawyer { name } assignedAt } } } } } } }`,
      { token: await f.tokenFor('court-staff-110105') },
    );
    expect(res.body.errors).toBeUndefined();
    const requests = res.body.data.courtCases.edges.flatMap((e: any) =>
      e.node.accused.flatMap((p: any) => p.helpRequests),
    );
    const mine = requests.find((r: any) => r.id === requestId);
    expect(mine.dispatch.status).toBe('COMPLETED');
    expect(mine.dispatch.lawyer.name).toBeTruthy();
    expect(mine.dispatch.assignedAt).toBeTruthy();
  });

  it('lets the lawyer who helped ask the court to read the file; the court refuses with a reason', async () => {
    const lawyer = await f.tokenFor({
      ...findDemoUser('lawyer-110105-01')!,
      userId: 'lawyer-110105-08',
      lawyerId: 'lawyer-110105-08',
    });
    const asked = await f.query(
      `mutation { requestCourtFileReview(caseId: "case-court-110105-2") { id status } }`,
      {
        token: lawyer,
      },
    );
    expect(asked.body.errors).toBeUndefined();
    const REFUSE = `mutation($r: ID!, $why: String!) { refuseCourtFileReview(reviewId: $r, reason: $why) { status decisionReason } }`;
    const id = asked.body.data.requestCourtFileReview.id;
    const other = await f.query(REFUSE, {
      token: await f.tokenFor('court-staff-110101'),
      variables: { r: id, why: '不属本院' },
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const refused = await f.query(REFUSE, {
      token: await f.tokenFor('court-staff-110105'),
      variables: { r: id, why: '案卷正在移送中' },
    });
    expect(refused.body.data.refuseCourtFileReview).toEqual({
      status: 'REFUSED',
      decisionReason: '案卷正在移送中',
    });
    const stranger = await f.query(
      `mutation { requestCourtFileReview(caseId: "case-court-110105-2") { id } }`,
      {
        token: await f.tokenFor('lawyer-110101-01'),
      },
    );
    expect(stranger.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });
  });
});
