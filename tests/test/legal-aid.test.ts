import { peerIssuer, signServiceToken } from '@duty/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, postGraphQL, startTestFederation, until } from '../src/harness.js';

let f: Federation;
let noticeId: string;
let applicationId: string;
const justiceDb = () => f.subgraphs.justice!.database.db;
const license = async (id: string) =>
  (await sql<{ license_no: string }>`select license_no from lawyer where id = ${id}`.execute(justiceDb()))
    .rows[0]!.license_no;

const FORWARD = /* GraphQL */ `
  mutation ($n: ID!, $who: LegalAidApplicant!, $name: String, $rel: String, $at: DateTime!, $k: String) {
    forwardLegalAidApplication(noticeId: $n, applicant: $who, relativeName: $name, relativeRelation: $rel,
      receivedAt: $at, materials: ["法律援助申请表", "经济困难证明"], idempotencyKey: $k) {
      id status forwardedLate reviewDeadlineAt forwardedBy { id } }
  }
`;
const DECIDE = /* GraphQL */ `
  mutation ($a: ID!, $g: Boolean!, $r: String) {
    decideLegalAidApplication(applicationId: $a, grant: $g, reason: $r) { status decisionReason defenseDeadlineAt }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation ($a: ID!, $l: LawyerLicenseNo!) {
    assignDefenseLawyer(applicationId: $a, licenseNo: $l) { defenseLawyer { id } defenseOverdue }
  }
`;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

beforeAll(async () => {
  f = await startTestFederation();
  // The demo court request of 110105, received by the agency and assigned to lawyer 01.
  const row = await until(
    async () =>
      (
        await sql<{
          id: string;
        }>`select id from help_request_notice where request_id = 'request-court-110105-1'`.execute(
          justiceDb(),
        )
      ).rows[0],
    (r) => !!r,
  );
  noticeId = row!.id;
  await sql`update help_request_notice set requested_at = now() - interval '3 days' where id = ${noticeId}`.execute(
    justiceDb(),
  );
  const dispatcher = await f.tokenFor('dispatcher-110105');
  const a = await f.query(
    `mutation($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "测试") { status } }`,
    { token: dispatcher, variables: { n: noticeId, l: await license('lawyer-110105-01') } },
  );
  expect(a.body.errors).toBeUndefined();
  await f.query(`mutation($n: ID!) { advanceHelpRequest(noticeId: $n, action: ACCEPT) { status } }`, {
    token: await f.tokenFor('lawyer-110105-01'),
    variables: { n: noticeId },
  });
});
afterAll(() => f?.stop());

describe('legal aid applications', () => {
  it('takes defense assignments at an organ only from justice itself, never through the gateway', async () => {
    const m = {
      query: 'mutation($n: DefenseAssignedInput!) { receiveDefenseAssignment(notice: $n) }',
      variables: {
        n: { subgraph: 'court', requestId: 'request-court-110101-1', assignedAt: new Date().toISOString() },
      },
    };
    const viaGateway = await f.query(m.query, {
      token: await f.tokenFor('dispatcher-110101'),
      variables: m.variables,
    });
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const url = f.subgraphs.court!.graphqlUrl;
    const asProcuratorate = await postGraphQL(url, m, {
      authorization: `Bearer ${await signServiceToken(f.subgraphKeys.procuratorate!, null, 'court', peerIssuer('procuratorate'))}`,
    });
    expect(asProcuratorate.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const counsel = await sql<{ c: boolean }>`select has_defense_counsel c from accused_person
      where id = 'case-court-110101-1-p1'`.execute(f.subgraphs.court!.database.db);
    expect(counsel.rows[0]!.c).toBe(false);
  });

  it('the assigned lawyer forwards one; late forwarding is flagged; bad input and repeats change nothing', async () => {
    const lawyer = await f.tokenFor('lawyer-110105-01');
    const stranger = await f.query(FORWARD, {
      token: await f.tokenFor('lawyer-110101-01'),
      variables: { n: noticeId, who: 'ACCUSED', at: hoursAgo(1) },
    });
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noName = await f.query(FORWARD, {
      token: lawyer,
      variables: { n: noticeId, who: 'RELATIVE', at: hoursAgo(1) },
    });
    expect(noName.body.errors?.[0]).toMatchObject({
      message: '近亲属申请的，须登记其姓名和与当事人的关系',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const future = await f.query(FORWARD, {
      token: lawyer,
      variables: { n: noticeId, who: 'ACCUSED', at: new Date(Date.now() + 3600_000).toISOString() },
    });
    expect(future.body.errors?.[0]?.message).toBe('收到申请时间不能晚于现在');
    // Received 30 hours ago: past the 24 hours it had to be forwarded in.
    const res = await f.query(FORWARD, {
      token: lawyer,
      variables: {
        n: noticeId,
        who: 'RELATIVE',
        name: '王秀英',
        rel: '母亲',
        at: hoursAgo(30),
        k: 'laa-fwd-0001',
      },
    });
    expect(res.body.errors).toBeUndefined();
    const app = res.body.data.forwardLegalAidApplication;
    expect(app).toMatchObject({
      status: 'UNDER_REVIEW',
      forwardedLate: true,
      forwardedBy: { id: 'lawyer-110105-01' },
    });
    // Seven days to decide.
    expect(new Date(app.reviewDeadlineAt).getTime() - Date.now()).toBeGreaterThan(
      7 * 24 * 3600_000 - 120_000,
    );
    applicationId = app.id;
    const replay = await f.query(FORWARD, {
      token: lawyer,
      variables: {
        n: noticeId,
        who: 'RELATIVE',
        name: '王秀英',
        rel: '母亲',
        at: hoursAgo(30),
        k: 'laa-fwd-0001',
      },
    });
    expect(replay.body.data.forwardLegalAidApplication.id).toBe(applicationId);
    const second = await f.query(FORWARD, {
      token: lawyer,
      variables: { n: noticeId, who: 'ACCUSED', at: hoursAgo(1) },
    });
    expect(second.body.errors?.[0]).toMatchObject({
      message: '该请求已有审查中的法律援助申请',
      extensions: { code: 'CONFLICT' },
    });
    const n = await sql<{ n: string }>`select count(*) n from legal_aid_application`.execute(justiceDb());
    expect(Number(n.rows[0]!.n)).toBe(1);
  });

  it('only the region’s agency decides, once; a refusal needs its reason', async () => {
    for (const user of ['court-staff-110105', 'dispatcher-110101', 'lawyer-110105-01']) {
      const res = await f.query(DECIDE, {
        token: await f.tokenFor(user),
        variables: { a: applicationId, g: true },
      });
      expect(res.body.errors?.[0]?.extensions?.code, user).toBe('FORBIDDEN');
    }
    const supervisor = await f.tokenFor('supervisor-110105');
    const noReason = await f.query(DECIDE, { token: supervisor, variables: { a: applicationId, g: false } });
    expect(noReason.body.errors?.[0]?.message).toBe('不予法律援助的，须写明理由');
    const granted = await f.query(DECIDE, { token: supervisor, variables: { a: applicationId, g: true } });
    expect(granted.body.data.decideLegalAidApplication.status).toBe('GRANTED');
    const due =
      new Date(granted.body.data.decideLegalAidApplication.defenseDeadlineAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(3 * 24 * 3600_000 - 120_000);
    expect(due).toBeLessThanOrEqual(3 * 24 * 3600_000);
    const twice = await f.query(DECIDE, {
      token: supervisor,
      variables: { a: applicationId, g: false, r: '改判' },
    });
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DECIDED' });
  });

  it('a defense lawyer closes the duty-lawyer path, and the court learns the person now has counsel', async () => {
    const dispatcher = await f.tokenFor('dispatcher-110105');
    const suspended = await f.query(ASSIGN, {
      token: dispatcher,
      variables: { a: applicationId, l: await license('lawyer-110105-06') },
    });
    expect(suspended.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OFF_ROSTER',
    });
    const ok = await f.query(ASSIGN, {
      token: dispatcher,
      variables: { a: applicationId, l: await license('lawyer-110105-03') },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.assignDefenseLawyer).toEqual({
      defenseLawyer: { id: 'lawyer-110105-03' },
      defenseOverdue: false,
    });
    const again = await f.query(ASSIGN, {
      token: dispatcher,
      variables: { a: applicationId, l: await license('lawyer-110105-04') },
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const closed = await sql<{
      status: string;
      reason: string;
    }>`select n.status, e.reason from help_request_notice n
      join notice_event e on e.notice_id = n.id where n.id = ${noticeId} order by e.at desc limit 1`.execute(
      justiceDb(),
    );
    expect(closed.rows[0]).toEqual({ status: 'COMPLETED', reason: '已指派辩护律师，值班律师法律帮助结束' });
    const court = f.subgraphs.court!.database.db;
    const counsel = await until(
      async () =>
        (
          await sql<{
            c: boolean;
          }>`select has_defense_counsel c from accused_person where id = 'case-court-110105-1-p1'`.execute(
            court,
          )
        ).rows[0]!.c,
      (c) => c,
    );
    expect(counsel).toBe(true);
    const refused = await f.query(
      `mutation { recordCourtHelpRequest(personId: "case-court-110105-1-p1", requestedBy: ACCUSED) { id } }`,
      { token: await f.tokenFor('court-staff-110105') },
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'HAS_DEFENSE_COUNSEL',
    });
  });

  it('lists the region’s applications with overdue reviews flagged, for the agency only', async () => {
    // A second request's application, left undecided past its review deadline.
    const other = (
      await sql<{
        id: string;
      }>`select id from help_request_notice where request_id = 'request-dc-110105-1'`.execute(justiceDb())
    ).rows[0]!.id;
    const dispatcher = await f.tokenFor('dispatcher-110105');
    await f.query(
      `mutation($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "测试") { status } }`,
      { token: dispatcher, variables: { n: other, l: await license('lawyer-110105-01') } },
    );
    const lawyer = await f.tokenFor('lawyer-110105-01');
    await f.query(`mutation($n: ID!) { advanceHelpRequest(noticeId: $n, action: ACCEPT) { status } }`, {
      token: lawyer,
      variables: { n: other },
    });
    const res = await f.query(FORWARD, {
      token: lawyer,
      variables: { n: other, who: 'ACCUSED', at: hoursAgo(1) },
    });
    const lateId = res.body.data.forwardLegalAidApplication.id;
    await sql`update legal_aid_application set review_deadline_at = now() - interval '1 hour' where id = ${lateId}`.execute(
      justiceDb(),
    );
    const LIST = `query($o: Boolean) { legalAidApplications(first: 10, overdue: $o) { edges { node { id status reviewOverdue forwardedLate } } } }`;
    const overdue = await f.query(LIST, { token: dispatcher, variables: { o: true } });
    const nodes = overdue.body.data.legalAidApplications.edges.map((e: any) => e.node);
    expect(nodes.find((n: any) => n.id === lateId)).toEqual({
      id: lateId,
      status: 'UNDER_REVIEW',
      reviewOverdue: true,
      forwardedLate: false,
    });
    // The first one was forwarded late, so it counts as overdue too.
    expect(nodes.map((n: any) => n.id).sort()).toEqual([applicationId, lateId].sort());
    const onTime = await f.query(LIST, { token: dispatcher, variables: { o: false } });
    expect(onTime.body.data.legalAidApplications.edges).toEqual([]);
    for (const user of ['court-staff-110105', 'lawyer-110105-01']) {
      const denied = await f.query(LIST, { token: await f.tokenFor(user), variables: {} });
      expect(denied.body.errors?.[0]?.extensions?.code, user).toBe('FORBIDDEN');
    }
    const elsewhere = await f.query(LIST, { token: await f.tokenFor('dispatcher-110101'), variables: {} });
    expect(elsewhere.body.data.legalAidApplications.edges).toEqual([]);
  });
});
