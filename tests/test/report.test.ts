import { addDays, chinaToday, type Principal } from '@duty/kit';
import { findDemoUser } from '@duty/kit/demo';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

let f: Federation;
const db = (name: string) => f.subgraphs[name]!.database.db as Kysely<any>;
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

const REPORT = /* GraphQL */ `
  query ($r: RegionCode!, $from: LocalDate!, $to: LocalDate!) {
    jointMeetingReport(regionCode: $r, from: $from, to: $to) {
      regionName previousFrom previousTo
      justice { ...C } court { ...C } procuratorate { ...C } publicSecurity { ...C }
    }
  }
  fragment C on ReportCounter {
    key label cases personTimes previousCases previousPersonTimes
    byMonth { key label cases personTimes } byStage { key label cases personTimes }
    byOrgan { key label cases personTimes } byWorkstation { key label cases personTimes }
  }
`;
const Q1 = { from: '2025-01-01', to: '2025-03-31' };
const guangdong = () => f.tokenFor('justice-admin-440000');
async function report(regionCode: string, token?: string, period = Q1) {
  const res = await f.query(REPORT, {
    token: token ?? (await guangdong()),
    variables: { r: regionCode, ...period },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.jointMeetingReport;
}
const counter = (part: any[], key: string) => part.find((c) => c.key === key);

/** Hand-made records in the first quarter of 2025 (and one before, one after) in Guangdong. */
beforeAll(async () => {
  f = await startTestFederation();
  const notice = (id: string, person: string, organ: string, region: string, when: Date, answer: string) => ({
    id,
    person_id: person,
    stage: 'TRIAL',
    method: 'WRITTEN',
    informed_at: when,
    informed_by: 'fixture',
    answer,
    note: null,
    organ_kind: 'COURT',
    organ_id: organ,
    region_code: region,
  });
  await db('court')
    .insertInto('rights_notice')
    .values([
      notice('r1', 'case-court-440103-1-p1', 'court-440103', '440103', at('2025-01-10'), 'REQUESTS_HELP'),
      notice('r2', 'case-court-440103-2-p1', 'court-440103', '440103', at('2025-02-05'), 'DECLINES'),
      notice('r3', 'case-court-440103-2-p2', 'court-440103', '440103', at('2025-02-05'), 'REQUESTS_HELP'),
      notice('r4', 'case-court-440304-1-p1', 'court-440304', '440304', at('2025-03-31', '23:30'), 'DECLINES'),
      notice('r5', 'case-court-440106-1-p1', 'court-440106', '440106', at('2024-12-01'), 'REQUESTS_HELP'),
      notice('r6', 'case-court-440304-1-p1', 'court-440304', '440304', at('2025-04-01', '00:10'), 'DECLINES'),
    ])
    .execute();
  const request = (id: string, person: string, organ: string, region: string, when: Date, by: string) => ({
    id,
    person_id: person,
    stage: 'TRIAL',
    requested_by: by,
    relative_name: by === 'RELATIVE' ? '李某' : null,
    relative_relation: by === 'RELATIVE' ? '父亲' : null,
    requested_at: when,
    deadline_at: new Date(when.getTime() + 48 * 3600_000),
    recorded_by: 'fixture',
    idempotency_key: null,
    organ_kind: 'COURT',
    organ_id: organ,
    region_code: region,
  });
  await db('court')
    .insertInto('help_request')
    .values([
      request('h1', 'case-court-440103-1-p1', 'court-440103', '440103', at('2025-01-10'), 'RELATIVE'),
      request('h2', 'case-court-440304-1-p1', 'court-440304', '440304', at('2025-03-21'), 'ACCUSED'),
    ])
    .execute();
  await db('procuratorate')
    .insertInto('rights_notice')
    .values({
      ...notice('p1', 'case-proc-440106-1-p1', 'proc-440106', '440106', at('2025-02-10'), 'REQUESTS_HELP'),
      stage: 'REVIEW_FOR_PROSECUTION',
      organ_kind: 'PROCURATORATE',
    })
    .execute();
  await db('public-security')
    .insertInto('rights_notice')
    .values({
      ...notice('s1', 'case-psb-440305-1-p1', 'psb-440305', '440305', at('2025-03-01'), 'REQUESTS_HELP'),
      stage: 'INVESTIGATION',
      organ_kind: 'PUBLIC_SECURITY',
    })
    .execute();
  // Justice: two notices, the first assigned after its deadline and helped (a record corrected once).
  const justiceNotice = (id: string, region: string, organ: string, when: Date, assignedAt: Date) => ({
    id,
    subgraph: 'court',
    request_type: 'CourtHelpRequest',
    request_id: id,
    organ_kind: 'COURT',
    organ_id: organ,
    region_code: region,
    stage: 'TRIAL',
    workstation_id: `ws-${organ}`,
    requested_at: when,
    deadline_at: new Date(when.getTime() + 48 * 3600_000),
    status: 'COMPLETED',
    lawyer_id: `lawyer-${region}-01`,
    assigned_at: assignedAt,
    person_key: null,
  });
  await db('justice')
    .insertInto('help_request_notice')
    .values([
      justiceNotice('court:h1', '440103', 'court-440103', at('2025-01-10'), at('2025-01-13')),
      justiceNotice('court:h2', '440304', 'court-440304', at('2025-03-21'), at('2025-03-21', '12:00')),
    ])
    .execute();
  const record = (version: number) => ({
    id: 'rec-1',
    version,
    notice_id: 'court:h1',
    lawyer_id: 'lawyer-440103-01',
    given_at: at('2025-01-14'),
    mode: 'ON_SITE',
    questions: JSON.stringify([{ question: '问', answer: '答' }]),
    suspected_charges: [],
    facts: null,
    advice: '建议',
    legal_aid_eligible: false,
    told_how_to_apply: true,
    acknowledgment: 'ACKNOWLEDGED',
    correction_reason: version > 1 ? '更正' : null,
    idempotency_key: null,
  });
  await db('justice')
    .insertInto('help_record')
    .values([record(1), record(2)])
    .execute();
});
afterAll(() => f?.stop());

describe('the joint-meeting report', () => {
  it('counts cases and person-times per counter, by month, stage and organ, with the previous period beside them', async () => {
    const r = await report('440000');
    expect(r).toMatchObject({ regionName: '广东省', previousFrom: '2024-10-03', previousTo: '2024-12-31' });
    expect(counter(r.court, 'RIGHTS_NOTICES')).toEqual({
      key: 'RIGHTS_NOTICES',
      label: '告知值班律师法律帮助权利',
      cases: 3,
      personTimes: 4,
      previousCases: 1,
      previousPersonTimes: 1,
      byMonth: [
        { key: '2025-01', label: '2025年1月', cases: 1, personTimes: 1 },
        { key: '2025-02', label: '2025年2月', cases: 1, personTimes: 2 },
        { key: '2025-03', label: '2025年3月', cases: 1, personTimes: 1 },
      ],
      byStage: [{ key: 'TRIAL', label: '审判阶段', cases: 3, personTimes: 4 }],
      byOrgan: [
        { key: 'court-440103', label: expect.stringContaining('法院'), cases: 2, personTimes: 3 },
        { key: 'court-440304', label: expect.stringContaining('法院'), cases: 1, personTimes: 1 },
      ],
      // Organs split by workstation through the workstation justice keeps at each organ.
      byWorkstation: [
        { key: 'ws-court-440103', label: expect.stringContaining('工作站'), cases: 2, personTimes: 3 },
        { key: 'ws-court-440304', label: expect.stringContaining('工作站'), cases: 1, personTimes: 1 },
      ],
    });
    expect(counter(r.court, 'HELP_DECLINED')).toMatchObject({
      cases: 2,
      personTimes: 2,
      previousPersonTimes: 0,
    });
    expect(counter(r.court, 'HELP_REQUESTS')).toMatchObject({ cases: 2, personTimes: 2 });
    expect(counter(r.court, 'HELP_REQUESTS_BY_RELATIVE')).toMatchObject({ cases: 1, personTimes: 1 });
    expect(counter(r.procuratorate, 'RIGHTS_NOTICES')).toMatchObject({
      cases: 1,
      personTimes: 1,
      byStage: [{ key: 'REVIEW_FOR_PROSECUTION', label: '审查起诉阶段', cases: 1, personTimes: 1 }],
    });
    expect(counter(r.publicSecurity, 'RIGHTS_NOTICES')).toMatchObject({ cases: 1, personTimes: 1 });
    expect(counter(r.justice, 'REQUESTS_RECEIVED')).toMatchObject({
      cases: 2,
      personTimes: 2,
      byWorkstation: [
        { key: 'ws-court-440103', cases: 1, personTimes: 1 },
        { key: 'ws-court-440304', cases: 1, personTimes: 1 },
      ],
    });
    expect(counter(r.justice, 'REQUESTS_ANSWERED_LATE')).toMatchObject({ cases: 1, personTimes: 1 });
    // A corrected record is still one consultation.
    expect(counter(r.justice, 'CONSULTATIONS')).toMatchObject({ cases: 1, personTimes: 1 });
    // No personal data: no names, no ID numbers.
    const persons = await db('court')
      .selectFrom('accused_person')
      .select(['name', 'resident_id_number'])
      .execute();
    const text = JSON.stringify(r);
    for (const p of persons) expect(text).not.toContain(p.resident_id_number);
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('rolls up: a province is the sum of its cities, a city of its counties', async () => {
    const [province, canton, shenzhen, c103, c106] = await Promise.all(
      ['440000', '440100', '440300', '440103', '440106'].map((code) => report(code)),
    );
    for (const part of ['court', 'procuratorate', 'publicSecurity', 'justice'] as const) {
      for (const c of province[part]) {
        const sum = (field: string) =>
          counter(canton[part], c.key)[field] + counter(shenzhen[part], c.key)[field];
        expect([c.key, c.personTimes, c.previousPersonTimes, c.cases]).toEqual([
          c.key,
          sum('personTimes'),
          sum('previousPersonTimes'),
          sum('cases'),
        ]);
        expect(counter(canton[part], c.key).personTimes).toBe(
          counter(c103[part], c.key).personTimes + counter(c106[part], c.key).personTimes,
        );
      }
    }
    expect(counter(canton.court, 'RIGHTS_NOTICES')).toMatchObject({ personTimes: 3, previousPersonTimes: 1 });
    expect(counter(shenzhen.court, 'RIGHTS_NOTICES')).toMatchObject({
      personTimes: 1,
      previousPersonTimes: 0,
    });
  });

  it('compares periods: the previous quarter’s figures are this quarter’s “previous”', async () => {
    const previous = await report('440000', undefined, { from: '2024-10-03', to: '2024-12-31' });
    const current = await report('440000');
    expect(counter(previous.court, 'RIGHTS_NOTICES').personTimes).toBe(
      counter(current.court, 'RIGHTS_NOTICES').previousPersonTimes,
    );
  });

  it('is read by joint-meeting members of the region and higher levels only', async () => {
    const countyMember: Principal = {
      ...findDemoUser('justice-admin-440000')!,
      userId: 'jm-440103',
      regionCode: '440103',
      roles: ['JOINT_MEETING_MEMBER'],
    };
    const cases: [string | Principal, string, string | null][] = [
      ['justice-admin-440000', '440103', null],
      [countyMember, '440103', null],
      [countyMember, '440100', 'FORBIDDEN'],
      ['justice-admin-110000', '440000', 'FORBIDDEN'],
      ['dispatcher-440103', '440103', 'FORBIDDEN'],
      ['court-staff-440103', '440103', 'FORBIDDEN'],
      ['lawyer-440103-01', '440103', 'FORBIDDEN'],
    ];
    for (const [user, region, code] of cases) {
      const res = await f.query(REPORT, { token: await f.tokenFor(user), variables: { r: region, ...Q1 } });
      expect(
        res.body.errors?.[0]?.extensions?.code ?? null,
        `${JSON.stringify(user).slice(0, 40)} ${region}`,
      ).toBe(code);
    }
    const anonymous = await f.query(REPORT, { variables: { r: '440000', ...Q1 } });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const backwards = await f.query(REPORT, {
      token: await guangdong(),
      variables: { r: '440000', from: '2025-03-31', to: '2025-01-01' },
    });
    expect(backwards.body.errors?.[0]).toMatchObject({
      message: '统计期间的开始日期不能晚于结束日期',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('counts lawyer-days on duty from the published schedule, each lawyer once a day', async () => {
    // The demo plans shifts from now on, so the coming week always holds some, whatever the day.
    const today = chinaToday();
    const month = { from: today, to: addDays(today, 7) };
    const r = await report('440000', undefined, month);
    const shifts = await sql<{
      lawyer_id: string;
      starts_at: Date;
    }>`select s.lawyer_id, s.starts_at from duty_shift s
      join workstation w on w.id = s.workstation_id
      where s.status <> 'CANCELLED' and s.lawyer_id is not null and w.region_code like '44%'
        and s.starts_at >= ${at(month.from, '00:00')} and s.starts_at < ${new Date(at(month.to, '00:00').getTime() + 86_400_000)}`.execute(
      db('justice'),
    );
    const days = new Set(
      shifts.rows.map(
        (s) => `${s.lawyer_id}/${new Date(s.starts_at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)}`,
      ),
    );
    expect(days.size).toBeGreaterThan(0);
    expect(counter(r.justice, 'LAWYER_DAYS_ON_DUTY')).toMatchObject({
      personTimes: days.size,
      cases: new Set(shifts.rows.map((s) => s.lawyer_id)).size,
    });
  });

  it('a joint meeting keeps the report frozen as convened; minutes, decisions and action items by their owners', async () => {
    const admin = await guangdong();
    const CONVENE = `mutation($k: String) { conveneJointMeeting(title: "2025年第一季度法律援助值班律师工作联席会议", heldOn: "2025-04-10",
      place: "省司法厅第一会议室", reportFrom: "2025-01-01", reportTo: "2025-03-31", idempotencyKey: $k,
      participants: [{ agency: "广东省高级人民法院", people: ["张三"] }, { agency: "广东省司法厅", people: ["李四", "王五"] }],
      agenda: ["通报第一季度值班律师工作情况", "研究逾期指派问题"]) {
      id report { takenAt court { key personTimes } justice { key personTimes } } } }`;
    const denied = await f.query(CONVENE, { token: await f.tokenFor('dispatcher-440103') });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await f.query(CONVENE, { token: admin, variables: { k: 'meeting-2025-q1' } });
    expect(res.body.errors).toBeUndefined();
    const meeting = res.body.data.conveneJointMeeting;
    expect(counter(meeting.report.court, 'RIGHTS_NOTICES').personTimes).toBe(4);
    expect(counter(meeting.report.justice, 'CONSULTATIONS').personTimes).toBe(1);
    const again = await f.query(CONVENE, { token: admin, variables: { k: 'meeting-2025-q1' } });
    expect(again.body.data.conveneJointMeeting.id).toBe(meeting.id);

    // A record arriving later changes the live report, never the meeting's.
    await db('court')
      .insertInto('rights_notice')
      .values({
        id: 'r-late',
        person_id: 'case-court-440106-1-p1',
        stage: 'TRIAL',
        method: 'ORAL',
        informed_at: at('2025-03-15'),
        informed_by: 'fixture',
        answer: 'REQUESTS_HELP',
        note: null,
        organ_kind: 'COURT',
        organ_id: 'court-440106',
        region_code: '440106',
      })
      .execute();
    expect(counter((await report('440000')).court, 'RIGHTS_NOTICES').personTimes).toBe(5);
    const READ = `query($r: RegionCode!) { jointMeetings(regionCode: $r, first: 10) { edges { node { id title report { court { key personTimes } } actionItems { description status followUp } } } } }`;
    const frozen = await f.query(READ, { token: admin, variables: { r: '440000' } });
    expect(
      counter(frozen.body.data.jointMeetings.edges[0].node.report.court, 'RIGHTS_NOTICES').personTimes,
    ).toBe(4);

    const MINUTES = `mutation($m: ID!) { recordMeetingMinutes(meetingId: $m, minutes: "会议通报了第一季度工作情况。", decisions: ["各单位于四月底前完成自查"]) { decisions } }`;
    const otherBureau = await f.query(MINUTES, {
      token: await f.tokenFor('justice-admin-110000'),
      variables: { m: meeting.id },
    });
    expect(otherBureau.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const minutes = await f.query(MINUTES, { token: admin, variables: { m: meeting.id } });
    expect(minutes.body.data.recordMeetingMinutes.decisions).toEqual(['各单位于四月底前完成自查']);
    const item = await f.query(
      `mutation($m: ID!) { addActionItem(meetingId: $m, description: "核查逾期指派原因", ownerAgencyId: "court-440103", ownerAgencyName: "广州市越秀区人民法院", dueOn: "2025-04-30") { id status } }`,
      { token: admin, variables: { m: meeting.id } },
    );
    expect(item.body.errors).toBeUndefined();
    const UPDATE = `mutation($i: ID!) { updateActionItem(itemId: $i, status: DONE, followUp: "已完成自查并整改") { status followUp } }`;
    const notOwner = await f.query(UPDATE, {
      token: await f.tokenFor('procuratorate-staff-440103'),
      variables: { i: item.body.data.addActionItem.id },
    });
    expect(notOwner.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_OWNER' });
    const owner = await f.query(UPDATE, {
      token: await f.tokenFor('court-staff-440103'),
      variables: { i: item.body.data.addActionItem.id },
    });
    expect(owner.body.data.updateActionItem).toEqual({ status: 'DONE', followUp: '已完成自查并整改' });
    const forged = await f.query(
      `{ jointMeetings(regionCode: "440000", first: 1, after: "${Buffer.from('r:["not-a-date","x"]').toString('base64url')}") { edges { node { id } } } }`,
      { token: admin },
    );
    expect(forged.body.errors?.[0]).toMatchObject({
      message: '分页游标无效',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const notMember = await f.query(READ, {
      token: await f.tokenFor('court-staff-440103'),
      variables: { r: '440000' },
    });
    expect(notMember.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Exports in Simplified Chinese, self-contained.
    const EXPORT = `query($f: ExportFormat!) { jointMeetings(regionCode: "440000", first: 1) { edges { node { id export(format: $f) { filename contentType content } } } } }`;
    const csv = (await f.query(EXPORT, { token: admin, variables: { f: 'CSV' } })).body.data.jointMeetings
      .edges[0].node.export;
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect(csv.content.startsWith('\uFEFF联席会议统计报告')).toBe(true);
    expect(csv.content).toContain('统计期间,2025年1月1日至2025年3月31日');
    expect(csv.content).toContain('人民法院,告知值班律师法律帮助权利,合计,3,4,1,1,增长300.0%');
    expect(csv.content).toContain(
      '核查逾期指派原因,广州市越秀区人民法院,2025年4月30日,已完成,已完成自查并整改',
    );
    // Quality figures as shares: one of the two requests was assigned late; nothing to compare before.
    expect(csv.content).toContain('逾期指派率（逾期指派 / 收到通知）,50.0%,—');
    const html = (await f.query(EXPORT, { token: admin, variables: { f: 'HTML' } })).body.data.jointMeetings
      .edges[0].node.export;
    expect(html.content).toContain('<html lang="zh-CN">');
    expect(html.content).toContain('2025年第一季度法律援助值班律师工作联席会议');
    expect(html.content).toContain('人次（人次）');
    expect(html.content).toContain('<h2>质量指标</h2>');
    expect(html.content).not.toMatch(/<script|<link|src=|https?:/);
    const live = await f.query(
      `{ jointMeetingReportExport(regionCode: "440100", from: "2025-01-01", to: "2025-03-31", format: CSV) { filename content } }`,
      { token: admin },
    );
    expect(live.body.data.jointMeetingReportExport.filename).toBe(
      '联席会议统计报告-440100-2025-01-01至2025-03-31.csv',
    );
    expect(live.body.data.jointMeetingReportExport.content).toContain(
      '人民法院,告知值班律师法律帮助权利,合计,3,4,1,1,增长300.0%',
    );
  });

  it('counts every counter by hand in a second quarter of records', async () => {
    const may = (d: number) => at(`2025-05-${String(d).padStart(2, '0')}`);
    const measure = (id: string, person: string, when: Date) => ({
      id,
      person_id: person,
      lawyer_id: 'lawyer-440103-01',
      current_measure: 'ARREST',
      requested_measure: 'BAIL',
      grounds: '理由',
      filed_at: when,
      decision_deadline_at: new Date(when.getTime() + 72 * 3600_000),
      status: 'PENDING',
      decided_by: null,
      decided_at: null,
      decision_reason: null,
      idempotency_key: null,
    });
    await db('court')
      .insertInto('measure_application')
      .values(measure('cm1', 'case-court-440103-1-p1', may(6)))
      .execute();
    const proc = db('procuratorate');
    await proc
      .insertInto('measure_application')
      .values(measure('pm1', 'case-proc-440106-1-p1', may(8)))
      .execute();
    await proc
      .insertInto('sentencing_recommendation')
      .values({
        id: 'sr1',
        person_id: 'case-proc-440103-1-p1',
        charges: ['盗窃罪'],
        sentence: '有期徒刑六个月',
        procedure: 'FAST_TRACK',
        recorded_by: 'fixture',
        recorded_at: may(1),
        idempotency_key: null,
      })
      .execute();
    const opinion = (id: string, when: Date, adopted: boolean | null) => ({
      id,
      recommendation_id: 'sr1',
      lawyer_id: 'lawyer-440103-01',
      on_facts: null,
      on_charge: null,
      on_law: null,
      on_recommendation: '建议缓刑',
      on_procedure: null,
      submitted_at: when,
      adopted,
      adoption_reason: null,
      decided_by: adopted === null ? null : 'fixture',
      decided_at: adopted === null ? null : when,
      idempotency_key: null,
    });
    await proc
      .insertInto('lawyer_opinion')
      .values([opinion('o1', may(2), true), opinion('o2', may(3), null)])
      .execute();
    // The first agreement was withdrawn and the plea signed again: both were signed with a lawyer present.
    const agreement = (id: string, when: Date, capacity: string, withdrawnAt: Date | null = null) => ({
      id,
      recommendation_id: 'sr1',
      person_id: 'case-proc-440103-1-p1',
      signed_at: when,
      lawyer_id: 'lawyer-440103-01',
      lawyer_license_no: '14401201910000001',
      lawyer_name: '律师',
      lawyer_capacity: capacity,
      recorded_by: 'fixture',
      idempotency_key: null,
      withdrawn_at: withdrawnAt,
      withdrawn_by: withdrawnAt && 'fixture',
      withdrawal_reason: withdrawnAt && '重新签署',
    });
    await proc
      .insertInto('plea_agreement')
      .values([agreement('pa1', may(4), 'DUTY_LAWYER', may(5)), agreement('pa2', may(5), 'DEFENSE_COUNSEL')])
      .execute();
    await proc
      .insertInto('misconduct_complaint')
      .values({
        id: 'mc1',
        procuratorate_id: 'proc-440103',
        notice_id: 'n3',
        lawyer_id: 'lawyer-440103-01',
        kind: 'TORTURE',
        against: '某所',
        facts: '当事人称被殴打。',
        filed_at: may(6),
        handling_notes: null,
        outcome: null,
        handled_by: null,
        concluded_at: null,
        idempotency_key: null,
      })
      .execute();
    const review = (id: string, status: string) => ({
      id,
      case_id: 'case-proc-440103-1',
      lawyer_id: 'lawyer-440103-01',
      requested_at: may(6),
      status,
      scheduled_at: status === 'DONE' ? may(7) : null,
      place: status === 'DONE' ? '阅卷室' : null,
      decision_reason: null,
      reviewed_at: status === 'DONE' ? may(7) : null,
      materials: status === 'DONE' ? ['起诉意见书'] : null,
      handled_by: null,
      idempotency_key: null,
    });
    await proc
      .insertInto('file_review')
      .values([review('fr1', 'DONE'), review('fr2', 'REQUESTED')])
      .execute();
    const ps = db('public-security');
    const psRequest = (id: string, person: string, organKind: string, organ: string, when: Date) => ({
      id,
      person_id: person,
      stage: 'INVESTIGATION',
      requested_by: 'ACCUSED',
      relative_name: null,
      relative_relation: null,
      requested_at: when,
      deadline_at: new Date(when.getTime() + 24 * 3600_000),
      recorded_by: 'fixture',
      idempotency_key: null,
      organ_kind: organKind,
      organ_id: organ,
      region_code: '440103',
    });
    await ps
      .insertInto('help_request')
      .values([
        psRequest('ps-h1', 'case-psb-440103-1-p1', 'DETENTION_CENTER', 'dc-440103', may(2)),
        psRequest('ps-h2', 'case-psb-440103-2-p1', 'PUBLIC_SECURITY', 'psb-440103', may(3)),
      ])
      .execute();
    await ps
      .insertInto('measure_application')
      .values(measure('sm1', 'case-psb-440103-1-p1', may(11)))
      .execute();
    await ps
      .insertInto('meeting_request')
      .values({
        id: 'm1',
        person_id: 'case-psb-440103-1-p1',
        detention_center_id: 'dc-440103',
        help_request_id: 'ps-h1',
        lawyer_id: 'lawyer-440103-01',
        requested_at: may(8),
        needs_approval: false,
        status: 'HELD',
        deadline_at: may(10),
        decided_by: null,
        decided_at: null,
        decision_reason: null,
        scheduled_at: may(9),
        room: '1号',
        arranged_by: 'fixture',
        arranged_at: may(8),
        held_from: may(9),
        held_until: at('2025-05-09', '11:00'),
        idempotency_key: null,
      })
      .execute();
    const j = db('justice');
    await j
      .insertInto('help_request_notice')
      .values({
        id: 'n3',
        subgraph: 'court',
        request_type: 'CourtHelpRequest',
        request_id: 'n3',
        organ_kind: 'COURT',
        organ_id: 'court-440103',
        region_code: '440103',
        stage: 'TRIAL',
        workstation_id: 'ws-court-440103',
        requested_at: may(1),
        deadline_at: may(3),
        status: 'COMPLETED',
        lawyer_id: 'lawyer-440103-01',
        assigned_at: may(1),
        person_key: null,
      })
      .execute();
    await j
      .insertInto('notice_event')
      .values({
        id: 'e1',
        notice_id: 'n3',
        action: 'REFUSED_BY_ACCUSED',
        status_after: 'REFUSED_BY_ACCUSED',
        lawyer_id: 'lawyer-440103-01',
        reason: '当事人拒绝',
        actor: 'fixture',
        at: may(2),
        idempotency_key: null,
      })
      .execute();
    const application = (id: string, received: Date, forwarded: Date, status: string) => ({
      id,
      notice_id: 'n3',
      forwarded_by: 'lawyer-440103-01',
      applicant: 'ACCUSED',
      relative_name: null,
      relative_relation: null,
      received_at: received,
      materials: ['申请表'],
      forwarded_at: forwarded,
      forward_deadline_at: new Date(received.getTime() + 24 * 3600_000),
      review_deadline_at: new Date(forwarded.getTime() + 7 * 86_400_000),
      status,
      decided_at: status === 'UNDER_REVIEW' ? null : forwarded,
      decided_by: null,
      decision_reason: status === 'REFUSED' ? '不符合条件' : null,
      defense_deadline_at: null,
      defense_lawyer_id: null,
      defense_assigned_at: null,
      defense_assigned_by: null,
      idempotency_key: null,
    });
    await j
      .insertInto('legal_aid_application')
      .values([
        application('a1', may(1), may(3), 'REFUSED'),
        application('a2', may(3), may(3), 'UNDER_REVIEW'),
      ])
      .execute();
    await j
      .insertInto('plea_witness')
      .values([
        {
          id: 'w1',
          agreement_id: 'pa1',
          lawyer_id: 'lawyer-440103-01',
          present: false,
          voluntary: true,
          objection: null,
          recorded_at: may(5),
          idempotency_key: null,
        },
        {
          id: 'w2',
          agreement_id: 'pa2',
          lawyer_id: 'lawyer-440103-01',
          present: true,
          voluntary: true,
          objection: null,
          recorded_at: may(5),
          idempotency_key: null,
        },
      ])
      .execute();
    const rating = (id: string, kind: string, score: number, day: number, notice: string | null) => ({
      id,
      kind,
      workstation_id: 'ws-court-440103',
      notice_id: notice,
      rating: score,
      comment: null,
      rated_at: may(day),
      recorded_by: 'fixture',
      region_code: '440103',
      idempotency_key: null,
    });
    await j
      .insertInto('service_rating')
      .values([
        rating('s1', 'HOST_FEEDBACK', 5, 20, null),
        rating('s2', 'HOST_FEEDBACK', 3, 21, null),
        rating('s3', 'CLIENT_FOLLOW_UP', 4, 22, 'n3'),
      ])
      .execute();

    const r = await report('440000', undefined, { from: '2025-04-01', to: '2025-06-30' });
    const figures = (part: any[]) => Object.fromEntries(part.map((c) => [c.key, [c.cases, c.personTimes]]));
    expect(figures(r.court)).toEqual({
      RIGHTS_NOTICES: [1, 1], // r6, just after the first quarter
      HELP_DECLINED: [1, 1],
      HELP_REQUESTS: [0, 0],
      HELP_REQUESTS_BY_RELATIVE: [0, 0],
      MEASURE_APPLICATIONS: [1, 1],
      FILE_REVIEWS: [0, 0],
    });
    expect(figures(r.procuratorate)).toEqual({
      RIGHTS_NOTICES: [0, 0],
      HELP_DECLINED: [0, 0],
      HELP_REQUESTS: [0, 0],
      HELP_REQUESTS_BY_RELATIVE: [0, 0],
      MEASURE_APPLICATIONS: [1, 1],
      LAWYER_OPINIONS: [1, 2],
      LAWYER_OPINIONS_DECIDED: [1, 1],
      LAWYER_OPINIONS_ADOPTED: [1, 1],
      PLEA_AGREEMENTS_WITNESSED: [1, 1],
      MISCONDUCT_COMPLAINTS: [1, 1],
      FILE_REVIEWS: [1, 1],
    });
    expect(figures(r.publicSecurity)).toEqual({
      RIGHTS_NOTICES: [0, 0],
      HELP_DECLINED: [0, 0],
      HELP_REQUESTS: [2, 2],
      HELP_REQUESTS_BY_RELATIVE: [0, 0],
      HELP_REQUESTS_AT_DETENTION_CENTER: [1, 1],
      MEASURE_APPLICATIONS: [1, 1],
      MEETINGS_HELD: [1, 1],
    });
    expect(figures(r.justice)).toEqual({
      REQUESTS_RECEIVED: [1, 1],
      REQUESTS_ANSWERED_LATE: [0, 0],
      REQUESTS_OVERDUE: [0, 0],
      CONSULTATIONS: [0, 0],
      HELP_REFUSED_BY_ACCUSED: [1, 1],
      LEGAL_AID_APPLICATIONS_FORWARDED: [1, 2],
      LEGAL_AID_APPLICATIONS_FORWARDED_LATE: [1, 1],
      PLEA_SIDES_DISAGREE: [1, 1],
      LAWYER_DAYS_ON_DUTY: [0, 0],
      HOST_FEEDBACK: [1, 2],
      HOST_FEEDBACK_SATISFIED: [1, 1],
      CLIENT_FOLLOW_UPS: [1, 1],
      CLIENT_SATISFIED: [1, 1],
    });
    expect(counter(r.publicSecurity, 'MEETINGS_HELD').byOrgan).toEqual([
      { key: 'dc-440103', label: expect.stringContaining('看守所'), cases: 1, personTimes: 1 },
    ]);
  });

  it('takes ratings from the host unit of the workstation and from the agency’s follow-up', async () => {
    const HOST = `mutation($w: ID!, $r: Int!) { recordHostFeedback(workstationId: $w, rating: $r, comment: "律师到岗及时") { rating } }`;
    const own = await f.query(HOST, {
      token: await f.tokenFor('court-staff-440103'),
      variables: { w: 'ws-court-440103', r: 5 },
    });
    expect(own.body.data.recordHostFeedback).toEqual({ rating: 5 });
    const other = await f.query(HOST, {
      token: await f.tokenFor('court-staff-440106'),
      variables: { w: 'ws-court-440103', r: 5 },
    });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_HOST' });
    const six = await f.query(HOST, {
      token: await f.tokenFor('court-staff-440103'),
      variables: { w: 'ws-court-440103', r: 6 },
    });
    expect(six.body.errors?.[0]).toMatchObject({
      message: '评分须为 1–5',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const open = (await db('justice')
      .selectFrom('help_request_notice')
      .select('id')
      .where('status', '=', 'RECEIVED')
      .where('region_code', '=', '440103')
      .executeTakeFirst())!.id;
    const early = await f.query(
      `mutation($n: ID!) { recordClientFollowUp(noticeId: $n, rating: 4) { rating } }`,
      {
        token: await f.tokenFor('dispatcher-440103'),
        variables: { n: open },
      },
    );
    expect(early.body.errors?.[0]).toMatchObject({
      message: '法律帮助完成后才能回访',
      extensions: { code: 'CONFLICT', reason: 'NOT_COMPLETED' },
    });
  });
});
