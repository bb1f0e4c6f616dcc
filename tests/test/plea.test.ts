import { findDemoUser } from '@duty/kit/demo';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation, until } from '../src/harness.js';

let f: Federation;
let staff: string;
let lawyer: string;
let recommendationId: string;
const justiceDb = () => f.subgraphs.justice!.database.db;
const procDb = () => f.subgraphs.procuratorate!.database.db;
const license = async (id: string) =>
  (await sql<{ license_no: string }>`select license_no from lawyer where id = ${id}`.execute(justiceDb()))
    .rows[0]!.license_no;
const count = async (table: string) =>
  Number((await sql<{ n: string }>`select count(*) n from ${sql.table(table)}`.execute(procDb())).rows[0]!.n);

const RECOMMEND = /* GraphQL */ `
  mutation ($p: ID!, $c: [String!]!) {
    recordSentencingRecommendation(personId: $p, charges: $c, sentence: "有期徒刑八个月，缓刑一年", procedure: FAST_TRACK) { id procedure }
  }
`;
const OPINION = /* GraphQL */ `
  mutation ($r: ID!, $rec: String, $k: String) {
    submitLawyerOpinion(recommendationId: $r, onRecommendation: $rec, idempotencyKey: $k) { id adopted }
  }
`;
const AGREE = /* GraphQL */ `
  mutation ($r: ID!, $l: LawyerLicenseNo, $c: PleaLawyerCapacity) {
    recordPleaAgreement(recommendationId: $r, signedAt: "${new Date(Date.now() - 60_000).toISOString()}", lawyerLicenseNo: $l, lawyerCapacity: $c) { id lawyerName lawyerCapacity }
  }
`;
const WITNESS = /* GraphQL */ `
  mutation ($a: ID!, $p: Boolean!, $v: Boolean!, $o: String) {
    recordPleaWitness(agreementId: $a, present: $p, voluntary: $v, objection: $o) { present voluntary objection }
  }
`;

beforeAll(async () => {
  f = await startTestFederation();
  staff = await f.tokenFor('procuratorate-staff-110105');
  lawyer = await f.tokenFor('lawyer-110105-01');
  // The demo request of the procuratorate of 110105, assigned to lawyer 01.
  const row = await until(
    async () =>
      (
        await sql<{
          id: string;
        }>`select id from help_request_notice where request_id = 'request-proc-110105-1'`.execute(justiceDb())
      ).rows[0],
    (r) => !!r,
  );
  const res = await f.query(
    `mutation($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "测试") { status } }`,
    {
      token: await f.tokenFor('dispatcher-110105'),
      variables: { n: row!.id, l: await license('lawyer-110105-01') },
    },
  );
  expect(res.body.errors).toBeUndefined();
});
afterAll(() => f?.stop());

describe('plea leniency at the procuratorate', () => {
  it('records a recommendation with known charges, by the handling procuratorate only', async () => {
    const bad = await f.query(RECOMMEND, {
      token: staff,
      variables: { p: 'case-proc-110105-1-p1', c: ['偷东西罪'] },
    });
    expect(bad.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'UNKNOWN_CHARGE' },
    });
    const other = await f.query(RECOMMEND, {
      token: await f.tokenFor('procuratorate-staff-110101'),
      variables: { p: 'case-proc-110105-1-p1', c: ['盗窃罪'] },
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count('sentencing_recommendation')).toBe(0);
    const ok = await f.query(RECOMMEND, {
      token: staff,
      variables: { p: 'case-proc-110105-1-p1', c: ['盗窃罪'] },
    });
    expect(ok.body.errors).toBeUndefined();
    recommendationId = ok.body.data.recordSentencingRecommendation.id;
  });

  it('takes the assigned lawyer’s opinion once, and records whether it was adopted, with a reason when not', async () => {
    const none = await f.query(OPINION, { token: lawyer, variables: { r: 'no-such', rec: '建议适用缓刑' } });
    expect(none.body.errors?.[0]).toMatchObject({
      message: '量刑建议不存在（编号 no-such）',
      extensions: { code: 'NOT_FOUND' },
    });
    const stranger = await f.query(OPINION, {
      token: await f.tokenFor('lawyer-110101-01'),
      variables: { r: recommendationId, rec: '建议适用缓刑' },
    });
    expect(stranger.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await f.query(OPINION, { token: lawyer, variables: { r: recommendationId } });
    expect(empty.body.errors?.[0]?.message).toBe('请至少就一个方面提出意见');
    const sent = await f.query(OPINION, {
      token: lawyer,
      variables: { r: recommendationId, rec: '建议缓刑考验期六个月', k: 'opinion-0001' },
    });
    expect(sent.body.errors).toBeUndefined();
    const opinionId = sent.body.data.submitLawyerOpinion.id;
    const again = await f.query(OPINION, {
      token: lawyer,
      variables: { r: recommendationId, rec: '建议缓刑考验期六个月', k: 'opinion-0001' },
    });
    expect(again.body.data.submitLawyerOpinion.id).toBe(opinionId);
    expect(await count('lawyer_opinion')).toBe(1);

    const DECIDE = `mutation($o: ID!, $a: Boolean!, $r: String) { decideOpinionAdoption(opinionId: $o, adopted: $a, reason: $r) { adopted adoptionReason } }`;
    const noReason = await f.query(DECIDE, { token: staff, variables: { o: opinionId, a: false } });
    expect(noReason.body.errors?.[0]?.message).toBe('不予采纳的，须说明理由');
    const decided = await f.query(DECIDE, {
      token: staff,
      variables: { o: opinionId, a: false, r: '犯罪数额较大，考验期一年适当' },
    });
    expect(decided.body.data.decideOpinionAdoption).toEqual({
      adopted: false,
      adoptionReason: '犯罪数额较大，考验期一年适当',
    });
    const twice = await f.query(DECIDE, { token: staff, variables: { o: opinionId, a: true } });
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DECIDED' });
  });

  it('never records an agreement without a lawyer present, named and on the active roster', async () => {
    const without = await f.query(AGREE, { token: staff, variables: { r: recommendationId } });
    expect(without.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'NO_LAWYER' },
    });
    const suspended = await f.query(AGREE, {
      token: staff,
      variables: { r: recommendationId, l: await license('lawyer-110105-06'), c: 'DUTY_LAWYER' },
    });
    expect(suspended.body.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'LAWYER_NOT_ON_ROSTER' },
    });
    const unknown = await f.query(AGREE, {
      token: staff,
      variables: { r: recommendationId, l: '11101201010000000', c: 'DUTY_LAWYER' },
    });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LAWYER_NOT_FOUND',
    });
    // A Sichuan roster lawyer on a Beijing agreement: on duty, but not for this procuratorate.
    const sichuan = await f.query(AGREE, {
      token: staff,
      variables: { r: recommendationId, l: await license('lawyer-510104-02'), c: 'DUTY_LAWYER' },
    });
    expect(sichuan.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LAWYER_OUT_OF_REGION',
    });
    expect(sichuan.body.errors?.[0]?.message).toMatch(
      /四川省.*不在本院所在地（北京市朝阳区）的值班律师名册中/,
    );
    // A pool lawyer serves only where the agency admits its pool to duty; the roster check agrees.
    const poolLicense = await license('lawyer-110105-07');
    const pool = await f.query(AGREE, {
      token: staff,
      variables: { r: recommendationId, l: poolLicense, c: 'DUTY_LAWYER' },
    });
    expect(pool.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LAWYER_IN_POOL',
    });
    const ROSTER = `query($l: LawyerLicenseNo!) { rosterLawyer(licenseNo: $l) { id } }`;
    expect(
      (await f.query(ROSTER, { token: staff, variables: { l: poolLicense } })).body.data.rosterLawyer,
    ).toBeNull();
    const agencyId = (
      await sql<{
        agency_id: string;
      }>`select agency_id from roster_entry where lawyer_id = 'lawyer-110105-07'`.execute(justiceDb())
    ).rows[0]!.agency_id;
    const SET = `mutation($a: ID!, $s: Boolean!) { setPoolServesDuty(agencyId: $a, serves: $s) { poolServesDuty } }`;
    const notStaff = await f.query(SET, { token: staff, variables: { a: agencyId, s: true } });
    expect(notStaff.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const supervisor = await f.tokenFor('supervisor-110105');
    const admitted = await f.query(SET, { token: supervisor, variables: { a: agencyId, s: true } });
    expect(admitted.body.data.setPoolServesDuty).toEqual({ poolServesDuty: true });
    expect(
      (await f.query(ROSTER, { token: staff, variables: { l: poolLicense } })).body.data.rosterLawyer,
    ).toEqual({
      id: 'lawyer-110105-07',
    });
    await f.query(SET, { token: supervisor, variables: { a: agencyId, s: false } });
    expect(await count('plea_agreement')).toBe(0);
  });

  it('shows both sides in one query and flags an agreement whose sides disagree', async () => {
    const signed: string[] = [];
    const first = await f.query(AGREE, {
      token: staff,
      variables: { r: recommendationId, l: await license('lawyer-110105-01'), c: 'DUTY_LAWYER' },
    });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.recordPleaAgreement).toMatchObject({ lawyerCapacity: 'DUTY_LAWYER' });
    signed.push(first.body.data.recordPleaAgreement.id);
    // One agreement in force per recommendation: a second is a conflict until the first is withdrawn.
    const second = await f.query(AGREE, {
      token: staff,
      variables: { r: recommendationId, l: await license('lawyer-110105-02'), c: 'DUTY_LAWYER' },
    });
    expect(second.body.errors?.[0]).toMatchObject({
      message: '该量刑建议已有签署的具结书；如需重新签署，请先撤回原具结书并说明理由',
      extensions: { code: 'CONFLICT', reason: 'ALREADY_SIGNED' },
    });
    const WITHDRAW = `mutation($a: ID!, $r: String!) { withdrawPleaAgreement(agreementId: $a, reason: $r) { id withdrawnAt withdrawalReason } }`;
    const noReason = await f.query(WITHDRAW, { token: staff, variables: { a: signed[0], r: ' ' } });
    expect(noReason.body.errors?.[0]).toMatchObject({
      message: '请说明撤回理由',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const otherOrgan = await f.query(WITHDRAW, {
      token: await f.tokenFor('procuratorate-staff-110101'),
      variables: { a: signed[0], r: '当事人反悔，重新签署' },
    });
    expect(otherOrgan.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withdrawn = await f.query(WITHDRAW, {
      token: staff,
      variables: { a: signed[0], r: '当事人反悔，重新签署' },
    });
    expect(withdrawn.body.data.withdrawPleaAgreement).toMatchObject({
      withdrawnAt: expect.any(String),
      withdrawalReason: '当事人反悔，重新签署',
    });
    const again = await f.query(WITHDRAW, { token: staff, variables: { a: signed[0], r: '再次撤回' } });
    expect(again.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'WITHDRAWN' });
    // Re-signed with another roster lawyer of the region (on duty here, not assigned to the person).
    const resigned = await f.query(AGREE, {
      token: staff,
      variables: { r: recommendationId, l: await license('lawyer-110105-02'), c: 'DUTY_LAWYER' },
    });
    expect(resigned.body.errors).toBeUndefined();
    signed.push(resigned.body.data.recordPleaAgreement.id);
    const BOTH = `{ procuratorateCases(first: 5) { edges { node { accused { id pleaAgreements {
      id withdrawnAt lawyer { id name } sidesCheck witness { present voluntary objection } recommendation { sentence } } } } } } }`;
    const sides = async () => {
      const res = await f.query(BOTH, { token: staff });
      expect(res.body.errors).toBeUndefined();
      return res.body.data.procuratorateCases.edges
        .flatMap((e: any) => e.node.accused)
        .flatMap((p: any) => p.pleaAgreements);
    };
    expect((await sides()).map((a: any) => a.sidesCheck)).toEqual(['PENDING', 'PENDING']);

    const stranger = await f.query(WITNESS, {
      token: await f.tokenFor('lawyer-110101-01'),
      variables: { a: signed[0], p: true, v: true },
    });
    expect(stranger.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_NAMED' });
    const confirmed = await f.query(WITNESS, {
      token: lawyer,
      variables: { a: signed[0], p: true, v: true, o: '认为量刑建议偏重，但认罪认罚系自愿' },
    });
    expect(confirmed.body.errors).toBeUndefined();
    const second02 = await f.tokenFor({
      ...findDemoUser('lawyer-110105-01')!,
      userId: 'lawyer-110105-02',
      lawyerId: 'lawyer-110105-02',
    });
    const disputed = await f.query(WITNESS, {
      token: second02,
      variables: { a: signed[1], p: false, v: true },
    });
    expect(disputed.body.errors).toBeUndefined();
    const twice = await f.query(WITNESS, { token: second02, variables: { a: signed[1], p: true, v: true } });
    expect(twice.body.errors?.[0]).toMatchObject({
      message: '您已记录该具结书的见证情况',
      extensions: { code: 'CONFLICT' },
    });

    const now = await sides();
    const byId = Object.fromEntries(now.map((a: any) => [a.id, a]));
    expect(byId[signed[0]!]).toMatchObject({
      lawyer: { id: 'lawyer-110105-01', name: expect.any(String) },
      sidesCheck: 'AGREE',
      witness: { present: true, voluntary: true, objection: '认为量刑建议偏重，但认罪认罚系自愿' },
      recommendation: { sentence: '有期徒刑八个月，缓刑一年' },
      withdrawnAt: expect.any(String),
    });
    expect(byId[signed[1]!]).toMatchObject({
      lawyer: { id: 'lawyer-110105-02' },
      sidesCheck: 'DISAGREE',
      witness: { present: false },
      withdrawnAt: null,
    });
  });
});

describe('applications to change a coercive measure', () => {
  const APPLY = `mutation($p: ID!, $k: String) { applyProcuratorateMeasureChange(personId: $p, currentMeasure: ARREST,
    requestedMeasure: BAIL, grounds: "认罪认罚，有固定住所，不致发生社会危险性", idempotencyKey: $k) { id status overdue decisionDeadlineAt } }`;
  const DECIDE = `mutation($a: ID!, $g: Boolean!, $r: String) { decideProcuratorateMeasureChange(applicationId: $a, grant: $g, reason: $r) { status decisionReason overdue } }`;

  it('the assigned lawyer applies; the handling procuratorate decides once within 3 days, a refusal with its reason', async () => {
    const stranger = await f.query(APPLY, {
      token: await f.tokenFor('lawyer-110101-01'),
      variables: { p: 'case-proc-110105-1-p1' },
    });
    expect(stranger.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });
    const same = await f.query(
      `mutation { applyProcuratorateMeasureChange(personId: "case-proc-110105-1-p1", currentMeasure: BAIL, requestedMeasure: BAIL, grounds: "理由充分") { id } }`,
      { token: lawyer },
    );
    expect(same.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_MEASURE',
    });
    const res = await f.query(APPLY, {
      token: lawyer,
      variables: { p: 'case-proc-110105-1-p1', k: 'measure-0001' },
    });
    expect(res.body.errors).toBeUndefined();
    const app = res.body.data.applyProcuratorateMeasureChange;
    expect(app).toMatchObject({ status: 'PENDING', overdue: false });
    expect(new Date(app.decisionDeadlineAt).getTime() - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    const replay = await f.query(APPLY, {
      token: lawyer,
      variables: { p: 'case-proc-110105-1-p1', k: 'measure-0001' },
    });
    expect(replay.body.data.applyProcuratorateMeasureChange.id).toBe(app.id);
    expect(await count('measure_application')).toBe(1);

    for (const user of ['procuratorate-staff-110101', 'dispatcher-110105']) {
      const denied = await f.query(DECIDE, {
        token: await f.tokenFor(user),
        variables: { a: app.id, g: true },
      });
      expect(denied.body.errors?.[0]?.extensions?.code, user).toBe('FORBIDDEN');
    }
    const noReason = await f.query(DECIDE, { token: staff, variables: { a: app.id, g: false } });
    expect(noReason.body.errors?.[0]?.message).toBe('不同意变更的，须说明理由');
    const refused = await f.query(DECIDE, {
      token: staff,
      variables: { a: app.id, g: false, r: '社会危险性较大' },
    });
    expect(refused.body.data.decideProcuratorateMeasureChange).toEqual({
      status: 'REFUSED',
      decisionReason: '社会危险性较大',
      overdue: false,
    });
    const twice = await f.query(DECIDE, { token: staff, variables: { a: app.id, g: true } });
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'DECIDED' });
    // Past its deadline undecided, an application is flagged.
    const late = await f.query(APPLY, { token: lawyer, variables: { p: 'case-proc-110105-1-p1' } });
    await sql`update measure_application set decision_deadline_at = now() - interval '1 hour'
      where id = ${late.body.data.applyProcuratorateMeasureChange.id}`.execute(procDb());
    const list = await f.query(
      `{ procuratorateCases(first: 5) { edges { node { accused { measureApplications { id status overdue } } } } } }`,
      { token: staff },
    );
    const apps = list.body.data.procuratorateCases.edges
      .flatMap((e: any) => e.node.accused)
      .flatMap((p: any) => p.measureApplications);
    expect(apps).toEqual([
      { id: app.id, status: 'REFUSED', overdue: false },
      { id: late.body.data.applyProcuratorateMeasureChange.id, status: 'PENDING', overdue: true },
    ]);
  });
});

describe('complaints of torture or illegal evidence', () => {
  const FILE = `mutation($p: ID!, $n: ID!, $k: String) { fileMisconductComplaint(procuratorateId: $p, noticeId: $n, kind: TORTURE,
    against: "某派出所办案民警", facts: "当事人称讯问期间被长时间罚站、不让睡觉。", idempotencyKey: $k) { id status procuratorate { id } } }`;
  let noticeId: string;

  it('the assigned lawyer files with a procuratorate that has jurisdiction; it records handling and outcome once', async () => {
    noticeId = (
      await sql<{
        id: string;
      }>`select id from help_request_notice where request_id = 'request-proc-110105-1'`.execute(justiceDb())
    ).rows[0]!.id;
    const stranger = await f.query(FILE, {
      token: await f.tokenFor('lawyer-110101-01'),
      variables: { p: 'proc-110105', n: noticeId },
    });
    expect(stranger.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });
    const elsewhere = await f.query(FILE, { token: lawyer, variables: { p: 'proc-110101', n: noticeId } });
    expect(elsewhere.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'OUT_OF_JURISDICTION',
    });
    const filed = await f.query(FILE, {
      token: lawyer,
      variables: { p: 'proc-110105', n: noticeId, k: 'complaint-0001' },
    });
    expect(filed.body.errors).toBeUndefined();
    const complaint = filed.body.data.fileMisconductComplaint;
    expect(complaint).toMatchObject({ status: 'RECEIVED', procuratorate: { id: 'proc-110105' } });
    const replay = await f.query(FILE, {
      token: lawyer,
      variables: { p: 'proc-110105', n: noticeId, k: 'complaint-0001' },
    });
    expect(replay.body.data.fileMisconductComplaint.id).toBe(complaint.id);
    expect(await count('misconduct_complaint')).toBe(1);

    const other = await f.query(
      `mutation($c: ID!) { recordComplaintHandling(complaintId: $c, notes: "已调取讯问录像") { status } }`,
      { token: await f.tokenFor('procuratorate-staff-110101'), variables: { c: complaint.id } },
    );
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const handling = await f.query(
      `mutation($c: ID!) { recordComplaintHandling(complaintId: $c, notes: "已调取讯问录像") { status handlingNotes } }`,
      { token: staff, variables: { c: complaint.id } },
    );
    expect(handling.body.data.recordComplaintHandling).toEqual({
      status: 'UNDER_INVESTIGATION',
      handlingNotes: '已调取讯问录像',
    });
    const CONCLUDE = `mutation($c: ID!) { concludeMisconductComplaint(complaintId: $c, outcome: "经核查，相关笔录予以排除") { status outcome } }`;
    const done = await f.query(CONCLUDE, { token: staff, variables: { c: complaint.id } });
    expect(done.body.data.concludeMisconductComplaint).toEqual({
      status: 'CONCLUDED',
      outcome: '经核查，相关笔录予以排除',
    });
    const again = await f.query(CONCLUDE, { token: staff, variables: { c: complaint.id } });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // Both the lawyer and the procuratorate follow it; other procuratorates do not see it.
    const LIST = `{ misconductComplaints(first: 10) { edges { node { id status outcome } } } }`;
    for (const token of [lawyer, staff]) {
      const res = await f.query(LIST, { token });
      expect(res.body.data.misconductComplaints.edges).toEqual([
        { node: { id: complaint.id, status: 'CONCLUDED', outcome: '经核查，相关笔录予以排除' } },
      ]);
    }
    const third = await f.query(LIST, { token: await f.tokenFor('procuratorate-staff-110101') });
    expect(third.body.data.misconductComplaints.edges).toEqual([]);
  });
});

describe('file review', () => {
  it('the assigned lawyer asks to read the file; the procuratorate arranges it and records what was read', async () => {
    const REQUEST = `mutation($c: ID!) { requestProcuratorateFileReview(caseId: $c) { id status } }`;
    const stranger = await f.query(REQUEST, {
      token: await f.tokenFor('lawyer-110101-01'),
      variables: { c: 'case-proc-110105-1' },
    });
    expect(stranger.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });
    const unknown = await f.query(REQUEST, { token: lawyer, variables: { c: 'no-such-case' } });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const asked = await f.query(REQUEST, { token: lawyer, variables: { c: 'case-proc-110105-1' } });
    expect(asked.body.data.requestProcuratorateFileReview.status).toBe('REQUESTED');
    const id = asked.body.data.requestProcuratorateFileReview.id;
    const READ = `mutation($r: ID!) { recordProcuratorateFileReviewed(reviewId: $r, reviewedAt: "${new Date(Date.now() - 60_000).toISOString()}", materials: ["讯问笔录", "起诉意见书"]) { status materials } }`;
    const early = await f.query(READ, { token: staff, variables: { r: id } });
    expect(early.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const at = new Date(Date.now() + 3600_000).toISOString();
    const ARRANGE = `mutation($r: ID!) { arrangeProcuratorateFileReview(reviewId: $r, scheduledAt: "${at}", place: "案管大厅阅卷室") { status place } }`;
    const other = await f.query(ARRANGE, {
      token: await f.tokenFor('procuratorate-staff-110101'),
      variables: { r: id },
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const arranged = await f.query(ARRANGE, { token: staff, variables: { r: id } });
    expect(arranged.body.data.arrangeProcuratorateFileReview).toEqual({
      status: 'ARRANGED',
      place: '案管大厅阅卷室',
    });
    const read = await f.query(READ, { token: staff, variables: { r: id } });
    expect(read.body.data.recordProcuratorateFileReviewed).toEqual({
      status: 'DONE',
      materials: ['讯问笔录', '起诉意见书'],
    });
    const seen = await f.query(
      `{ procuratorateCases(first: 5) { edges { node { id fileReviews { id status } } } } }`,
      { token: staff },
    );
    const node = seen.body.data.procuratorateCases.edges
      .map((e: any) => e.node)
      .find((c: any) => c.id === 'case-proc-110105-1');
    expect(node.fileReviews).toEqual([{ id, status: 'DONE' }]);
  });
});
