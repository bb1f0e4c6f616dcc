import { signServiceToken } from '@duty/kit';
import { findDemoUser } from '@duty/kit/demo';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, postGraphQL, startTestFederation, unreachableUrl, until } from '../src/harness.js';

let f: Federation;
const justiceDb = () => f.subgraphs.justice!.database.db;
const psDb = () => f.subgraphs['public-security']!.database.db;
const requestCount = async () =>
  Number(
    (
      await sql<{ n: string }>`select count(*) n from help_request`.execute(
        f.subgraphs.procuratorate!.database.db,
      )
    ).rows[0]!.n,
  );

beforeAll(async () => {
  f = await startTestFederation();
});
afterAll(() => f?.stop());

/** The justice inbox row for an organ's request, once the relay has delivered it. */
const noticeOf = (subgraph: string, requestId: string) =>
  until(
    async () =>
      (
        await sql<{ id: string; organ_kind: string; stage: string; workstation_id: string | null }>`
        select id, organ_kind, stage, workstation_id from help_request_notice
        where subgraph = ${subgraph} and request_id = ${requestId}`.execute(justiceDb())
      ).rows[0],
    (row) => !!row,
  );

const INBOX = /* GraphQL */ `
  query ($kind: OrganKind) {
    noticeInbox(first: 50, organKind: $kind, order: NEWEST) {
      edges { node { id organKind stage overdue deadlineAt workstation { id }
        request {
          __typename
          ... on ProcuratorateHelpRequest { id procuratorate { name } case { caseNumber } person { name residentIdNumber } }
          ... on PoliceHelpRequest { id organKind detentionCenter { id } policeOrgan { id } case { caseNumber category } person { name residentIdNumber phone } }
          ... on CourtHelpRequest { id court { name } person { name } }
        } } }
    }
  }
`;

describe('a procuratorate', () => {
  it('informs a suspect, records a request and notifies the agency, whose inbox shows the details', async () => {
    const staff = await f.tokenFor('procuratorate-staff-110105');
    const informed = await f.query(
      `mutation { recordProcuratorateRightsNotice(personId: "case-proc-110105-1-p1", method: ORAL, answer: REQUESTS_HELP) { stage organKind organId } }`,
      { token: staff },
    );
    expect(informed.body.data.recordProcuratorateRightsNotice).toEqual({
      stage: 'REVIEW_FOR_PROSECUTION',
      organKind: 'PROCURATORATE',
      organId: 'proc-110105',
    });
    const res = await f.query(
      `mutation { recordProcuratorateHelpRequest(personId: "case-proc-110105-2-p1", requestedBy: RELATIVE, relativeName: "李桂芳", relativeRelation: "配偶") { id stage deadlineAt person { name rightsNotices { id } } } }`,
      { token: staff },
    );
    expect(res.body.errors).toBeUndefined();
    const { id, stage, deadlineAt } = res.body.data.recordProcuratorateHelpRequest;
    expect(stage).toBe('REVIEW_FOR_PROSECUTION');
    expect(new Date(deadlineAt).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
    expect(await noticeOf('procuratorate', id)).toMatchObject({
      organ_kind: 'PROCURATORATE',
      stage: 'REVIEW_FOR_PROSECUTION',
      workstation_id: 'ws-proc-110105',
    });
    const inbox = await f.query(INBOX, {
      token: await f.tokenFor('dispatcher-110105'),
      variables: { kind: 'PROCURATORATE' },
    });
    expect(inbox.body.errors).toBeUndefined();
    const item = inbox.body.data.noticeInbox.edges.find((e: any) => e.node.request?.id === id).node;
    expect(item.request).toMatchObject({
      __typename: 'ProcuratorateHelpRequest',
      procuratorate: { name: expect.stringContaining('检察院') },
      case: { caseNumber: expect.stringContaining('检刑诉') },
    });
    // The dispatcher reads the suspect masked; the procuratorate's own staff read the whole number.
    expect(item.request.person.residentIdNumber).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    const own = await f.query(
      `{ procuratorateCases(first: 5) { edges { node { accused { residentIdNumber helpRequests { id dispatch { status } } } } } } }`,
      { token: staff },
    );
    const persons = own.body.data.procuratorateCases.edges.flatMap((e: any) => e.node.accused);
    expect(persons.every((p: any) => /^\d{17}[\dX]$/.test(p.residentIdNumber))).toBe(true);
    const mine = persons.flatMap((p: any) => p.helpRequests).find((r: any) => r.id === id);
    expect(mine.dispatch).toEqual({ status: 'RECEIVED' });
  });

  it('refuses another procuratorate, an unknown suspect and a suspect with defense counsel, changing nothing', async () => {
    const other = await f.tokenFor('procuratorate-staff-110101');
    const before = await requestCount();
    const cases = [
      [other, 'case-proc-110105-1-p1', 'FORBIDDEN'],
      [await f.tokenFor('procuratorate-staff-110105'), 'nobody', 'NOT_FOUND'],
      [await f.tokenFor('procuratorate-staff-110105'), 'case-proc-110105-2-p2', 'CONFLICT'],
      [await f.tokenFor('court-staff-110105'), 'case-proc-110105-1-p1', 'FORBIDDEN'],
    ] as const;
    for (const [token, person, code] of cases) {
      const res = await f.query(
        `mutation($p: ID!) { recordProcuratorateHelpRequest(personId: $p, requestedBy: ACCUSED) { id } }`,
        { token, variables: { p: person } },
      );
      expect(res.body.errors?.[0]?.extensions?.code, person).toBe(code);
    }
    // A request for a stage the case is not in.
    const wrongStage = await f.query(
      `mutation { recordProcuratorateHelpRequest(personId: "case-proc-110105-1-p1", requestedBy: ACCUSED, stage: TRIAL) { id } }`,
      { token: await f.tokenFor('procuratorate-staff-110105') },
    );
    expect(wrongStage.body.errors?.[0]).toMatchObject({
      message: '该案件当前处于审查起诉阶段，不能按审判阶段登记',
      extensions: { code: 'BAD_USER_INPUT', reason: 'STAGE_MISMATCH' },
    });
    const after = await requestCount();
    expect(after).toBe(before);
  });
});

describe('police, state security and detention centers', () => {
  it('a detention center records a detainee’s request with its 24-hour deadline, filed under the center’s workstation', async () => {
    const staff = await f.tokenFor('detention-staff-110105');
    const res = await f.query(
      `mutation { recordPoliceHelpRequest(personId: "case-psb-110105-2-p1", requestedBy: ACCUSED, idempotencyKey: "dc-110105-req-0001") { id organKind deadlineAt detentionCenter { id } policeOrgan { id } } }`,
      { token: staff },
    );
    expect(res.body.errors).toBeUndefined();
    const r = res.body.data.recordPoliceHelpRequest;
    expect(r).toMatchObject({
      organKind: 'DETENTION_CENTER',
      detentionCenter: { id: 'dc-110105' },
      policeOrgan: null,
    });
    const hours = (new Date(r.deadlineAt).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect(await noticeOf('public-security', r.id)).toMatchObject({
      organ_kind: 'DETENTION_CENTER',
      stage: 'INVESTIGATION',
      workstation_id: 'ws-dc-110105',
    });
    const again = await f.query(
      `mutation { recordPoliceHelpRequest(personId: "case-psb-110105-2-p1", requestedBy: ACCUSED, idempotencyKey: "dc-110105-req-0001") { id } }`,
      { token: staff },
    );
    expect(again.body.data.recordPoliceHelpRequest.id).toBe(r.id);
  });

  it('the police organ handling the case records too, in its own name; a regional rule shortens the deadline', async () => {
    await sql`insert into deadline_rule (region_prefix, organ_kind, hours) values ('1101', 'PUBLIC_SECURITY', 12)`.execute(
      psDb(),
    );
    const res = await f.query(
      `mutation { recordPoliceRightsNotice(personId: "case-psb-110105-1-p1", method: WRITTEN, answer: DECLINES) { organKind organId answer }
        recordPoliceHelpRequest(personId: "case-psb-110105-1-p1", requestedBy: ACCUSED) { id organKind deadlineAt policeOrgan { id } } }`,
      { token: await f.tokenFor('police-staff-110105') },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.recordPoliceRightsNotice).toEqual({
      organKind: 'PUBLIC_SECURITY',
      organId: 'psb-110105',
      answer: 'DECLINES',
    });
    const r = res.body.data.recordPoliceHelpRequest;
    expect(r).toMatchObject({ organKind: 'PUBLIC_SECURITY', policeOrgan: { id: 'psb-110105' } });
    expect(new Date(r.deadlineAt).getTime() - Date.now()).toBeLessThan(12 * 3600_000 + 60_000);
    expect(await noticeOf('public-security', r.id)).toMatchObject({ organ_kind: 'PUBLIC_SECURITY' });
  });

  it('keeps other centers, other organs and the public out', async () => {
    for (const [user, code] of [
      ['detention-staff-110101', 'FORBIDDEN'],
      ['police-staff-110101', 'FORBIDDEN'],
      ['court-staff-110105', 'FORBIDDEN'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      const res = await f.query(
        `mutation { recordPoliceHelpRequest(personId: "case-psb-110105-2-p1", requestedBy: ACCUSED) { id } }`,
        user ? { token: await f.tokenFor(user) } : {},
      );
      expect(res.body.errors?.[0]?.extensions?.code, String(user)).toBe(code);
    }
  });

  it('masks the suspect per role: whole for the holding center, masked for the agency', async () => {
    const held = await f.query(`{ detainees(first: 10) { edges { node { id residentIdNumber phone } } } }`, {
      token: await f.tokenFor('detention-staff-110105'),
    });
    const whole = held.body.data.detainees.edges.map((e: any) => e.node);
    expect(whole.length).toBeGreaterThan(0);
    expect(
      whole.every((p: any) => /^\d{17}[\dX]$/.test(p.residentIdNumber) && /^1\d{10}$/.test(p.phone)),
    ).toBe(true);
    const inbox = await f.query(INBOX, {
      token: await f.tokenFor('dispatcher-110105'),
      variables: { kind: 'DETENTION_CENTER' },
    });
    expect(inbox.body.errors).toBeUndefined();
    const person = inbox.body.data.noticeInbox.edges[0].node.request.person;
    expect(person.residentIdNumber).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    expect(person.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });
});

describe('one inbox across three organs', () => {
  it('loses no procuratorate or detention center notice while justice is down, and files each once', async () => {
    const justiceUrl = f.peerUrls.justice!;
    f.peerUrls.justice = await unreachableUrl();
    const taken: [string, string][] = [];
    try {
      const proc = await f.query(
        `mutation { recordProcuratorateHelpRequest(personId: "case-proc-110101-1-p1", requestedBy: ACCUSED) { id } }`,
        { token: await f.tokenFor('procuratorate-staff-110101') },
      );
      taken.push(['procuratorate', proc.body.data.recordProcuratorateHelpRequest.id]);
      const dc = await f.query(
        `mutation { recordPoliceHelpRequest(personId: "case-psb-110101-2-p1", requestedBy: ACCUSED) { id } }`,
        { token: await f.tokenFor('detention-staff-110101') },
      );
      taken.push(['public-security', dc.body.data.recordPoliceHelpRequest.id]);
      await new Promise((r) => setTimeout(r, 400));
      const filed = async () =>
        Number(
          (
            await sql<{ n: string }>`select count(*) n from help_request_notice
            where request_id in (${sql.join(taken.map(([, id]) => id))})`.execute(justiceDb())
          ).rows[0]!.n,
        );
      expect(await filed()).toBe(0);
    } finally {
      f.peerUrls.justice = justiceUrl;
    }
    for (const [subgraph, id] of taken) expect(await noticeOf(subgraph, id), subgraph).toBeTruthy();
    const once = await sql<{ n: string }>`select count(*) n from help_request_notice
      where request_id in (${sql.join(taken.map(([, id]) => id))})`.execute(justiceDb());
    expect(Number(once.rows[0]!.n)).toBe(2);
  });

  it('shows courts’, procuratorates’ and police requests side by side, each with its organ’s details, and flags overdue ones', async () => {
    // A request the detention center took 30 hours ago is past its 24 hours.
    await sql`update help_request_notice set deadline_at = now() - interval '1 hour'
      where request_id = 'request-dc-110105-1'`.execute(justiceDb());
    const res = await f.query(INBOX, { token: await f.tokenFor('dispatcher-110105') });
    expect(res.body.errors).toBeUndefined();
    const oneOrgan = await f.query(
      `{ noticeInbox(first: 50, organId: "dc-110105") { edges { node { organId } } } }`,
      {
        token: await f.tokenFor('dispatcher-110105'),
      },
    );
    const organIds = oneOrgan.body.data.noticeInbox.edges.map((e: any) => e.node.organId);
    expect(organIds.length).toBeGreaterThan(0);
    expect(new Set(organIds)).toEqual(new Set(['dc-110105']));
    const nodes = res.body.data.noticeInbox.edges.map((e: any) => e.node);
    expect(new Set(nodes.map((n: any) => n.request?.__typename))).toEqual(
      new Set(['CourtHelpRequest', 'ProcuratorateHelpRequest', 'PoliceHelpRequest']),
    );
    expect(nodes.every((n: any) => n.request !== null)).toBe(true);
    const overdue = nodes.find((n: any) => n.request.id === 'request-dc-110105-1');
    expect(overdue).toMatchObject({ overdue: true, organKind: 'DETENTION_CENTER', stage: 'INVESTIGATION' });
    const onlyOverdue = await f.query(
      `{ noticeInbox(first: 50, overdue: true) { edges { node { request { ... on PoliceHelpRequest { id } } } } } }`,
      {
        token: await f.tokenFor('dispatcher-110105'),
      },
    );
    expect(onlyOverdue.body.data.noticeInbox.edges.map((e: any) => e.node.request.id)).toContain(
      'request-dc-110105-1',
    );
  });
});

describe('the assigned duty lawyer and a meeting at the detention center', () => {
  const ASSIGN = /* GraphQL */ `mutation ($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "测试指派") { status } }`;
  const STEP = /* GraphQL */ `mutation ($n: ID!, $a: HelpRequestAction!) { advanceHelpRequest(noticeId: $n, action: $a) { status } }`;
  const MEET = /* GraphQL */ `mutation ($r: ID!, $k: String) { requestMeeting(helpRequestId: $r, idempotencyKey: $k) { id status needsApproval deadlineAt lawyer { id name } person { name } detentionCenter { id } } }`;
  const license = async (id: string) =>
    (await sql<{ license_no: string }>`select license_no from lawyer where id = ${id}`.execute(justiceDb()))
      .rows[0]!.license_no;

  async function assigned(requestId: string, lawyerId: string) {
    const notice = await noticeOf('public-security', requestId);
    const dispatcher = await f.tokenFor('dispatcher-110105');
    const a = await f.query(ASSIGN, {
      token: dispatcher,
      variables: { n: notice!.id, l: await license(lawyerId) },
    });
    expect(a.body.errors).toBeUndefined();
    return notice!.id;
  }

  it('reads the request, the suspect (masked) and the case only once assigned; the organ sees who and when', async () => {
    const lawyer = await f.tokenFor('lawyer-110105-01');
    const mine = `{ myAssignments(first: 50) { edges { node { id request { ... on PoliceHelpRequest { id case { caseNumber } person { name residentIdNumber } } } } } } }`;
    const before = await f.query(mine, { token: lawyer });
    expect(before.body.data.myAssignments.edges.map((e: any) => e.node.request?.id)).not.toContain(
      'request-dc-110105-1',
    );
    const noticeId = await assigned('request-dc-110105-1', 'lawyer-110105-01');
    const after = await f.query(mine, { token: lawyer });
    expect(after.body.errors).toBeUndefined();
    const item = after.body.data.myAssignments.edges
      .map((e: any) => e.node)
      .find((n: any) => n.id === noticeId);
    expect(item.request.case.caseNumber).toContain('刑侦');
    expect(item.request.person.residentIdNumber).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
    // The detention center sees on its own request whom the agency sent, resolved from justice.
    const organSide = await f.query(
      `{ detainees(first: 20) { edges { node { id helpRequests { id dispatch { status lawyer { id } assignedAt } } } } } }`,
      { token: await f.tokenFor('detention-staff-110105') },
    );
    expect(organSide.body.errors).toBeUndefined();
    const request = organSide.body.data.detainees.edges
      .flatMap((e: any) => e.node.helpRequests)
      .find((r: any) => r.id === 'request-dc-110105-1');
    expect(request.dispatch).toMatchObject({ status: 'ASSIGNED', lawyer: { id: 'lawyer-110105-01' } });
    expect(request.dispatch.assignedAt).toBeTruthy();
  });

  it('a lawyer not assigned is refused even asking the organ’s subgraph directly by key', async () => {
    const entities = {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on PoliceHelpRequest { id person { name } } } }`,
      variables: { r: [{ __typename: 'PoliceHelpRequest', id: 'request-dc-110105-1' }] },
    };
    const url = f.subgraphs['public-security']!.graphqlUrl;
    const as = async (user: string) =>
      postGraphQL(url, entities, {
        authorization: `Bearer ${await signServiceToken(f.signingKey, findDemoUser(user)!, 'public-security')}`,
      });
    const stranger = await as('lawyer-110101-01');
    expect(stranger.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(stranger.body.data._entities).toEqual([null]);
    const assignedOne = await as('lawyer-110105-01');
    expect(assignedOne.body.errors).toBeUndefined();
    expect(assignedOne.body.data._entities[0].person.name).toBeTruthy();
    // The justice field the organs ask is not part of the public API.
    const side = await f.query(`{ assignedRequestIds(subgraph: "public-security", requestIds: ["x"]) }`, {
      token: await f.tokenFor('lawyer-110105-01'),
    });
    expect(side.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a lawyer not assigned cannot ask for a meeting; the assigned one can, once, and the center arranges it', async () => {
    const other = await f.query(MEET, {
      token: await f.tokenFor('lawyer-110101-01'),
      variables: { r: 'request-dc-110105-1' },
    });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const lawyer = await f.tokenFor('lawyer-110105-01');
    const res = await f.query(MEET, {
      token: lawyer,
      variables: { r: 'request-dc-110105-1', k: 'meet-dc-110105-0001' },
    });
    expect(res.body.errors).toBeUndefined();
    const m = res.body.data.requestMeeting;
    expect(m).toMatchObject({
      status: 'REQUESTED',
      needsApproval: false,
      lawyer: { id: 'lawyer-110105-01', name: expect.any(String) },
      detentionCenter: { id: 'dc-110105' },
    });
    expect(new Date(m.deadlineAt).getTime() - Date.now()).toBeGreaterThan(47 * 3600_000);
    const replay = await f.query(MEET, {
      token: lawyer,
      variables: { r: 'request-dc-110105-1', k: 'meet-dc-110105-0001' },
    });
    expect(replay.body.data.requestMeeting.id).toBe(m.id);
    const twice = await f.query(MEET, { token: lawyer, variables: { r: 'request-dc-110105-1' } });
    expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'MEETING_OPEN' });

    const ARRANGE = `mutation($m: ID!, $at: DateTime!) { arrangeMeeting(meetingId: $m, scheduledAt: $at, room: "第3会见室") { status room scheduledAt overdue } }`;
    const at = new Date(Date.now() + 20 * 3600_000).toISOString();
    const wrongCenter = await f.query(ARRANGE, {
      token: await f.tokenFor('detention-staff-110101'),
      variables: { m: m.id, at },
    });
    expect(wrongCenter.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const past = await f.query(ARRANGE, {
      token: await f.tokenFor('detention-staff-110105'),
      variables: { m: m.id, at: new Date(Date.now() - 3600_000).toISOString() },
    });
    expect(past.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const center = await f.tokenFor('detention-staff-110105');
    const ok = await f.query(ARRANGE, { token: center, variables: { m: m.id, at } });
    expect(ok.body.data.arrangeMeeting).toMatchObject({
      status: 'ARRANGED',
      room: '第3会见室',
      overdue: false,
    });
    const again = await f.query(ARRANGE, { token: center, variables: { m: m.id, at } });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const list = await f.query(
      `{ meetingRequests(first: 5, status: [ARRANGED]) { edges { node { id room } } } }`,
      {
        token: lawyer,
      },
    );
    expect(list.body.data.meetingRequests.edges.map((e: any) => e.node.id)).toContain(m.id);
    const HELD = `mutation($m: ID!, $from: DateTime!, $until: DateTime!) { recordMeetingHeld(meetingId: $m, from: $from, until: $until) { status heldFrom } }`;
    const times = {
      from: new Date(Date.now() - 2 * 3600_000).toISOString(),
      until: new Date(Date.now() - 3600_000).toISOString(),
    };
    const notTheirs = await f.query(HELD, {
      token: await f.tokenFor('detention-staff-110101'),
      variables: { m: m.id, ...times },
    });
    expect(notTheirs.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const backwards = await f.query(HELD, {
      token: center,
      variables: { m: m.id, from: times.until, until: times.from },
    });
    expect(backwards.body.errors?.[0]?.message).toBe('结束时间须晚于开始时间');
    const held = await f.query(HELD, { token: center, variables: { m: m.id, ...times } });
    expect(held.body.data.recordMeetingHeld).toEqual({ status: 'HELD', heldFrom: times.from });
    const heldTwice = await f.query(HELD, { token: center, variables: { m: m.id, ...times } });
    expect(heldTwice.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('a coercive-measure application goes to the organ handling the case, not the detention center', async () => {
    const res = await f.query(
      `mutation { applyPoliceMeasureChange(personId: "case-psb-110105-1-p1", currentMeasure: DETENTION, requestedMeasure: BAIL, grounds: "初犯，有固定住所") { id } }`,
      { token: await f.tokenFor('lawyer-110105-01') },
    );
    expect(res.body.errors).toBeUndefined();
    const id = res.body.data.applyPoliceMeasureChange.id;
    const DECIDE = `mutation($a: ID!) { decidePoliceMeasureChange(applicationId: $a, grant: true) { status } }`;
    const center = await f.query(DECIDE, {
      token: await f.tokenFor('detention-staff-110105'),
      variables: { a: id },
    });
    expect(center.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_HANDLING_ORGAN',
    });
    const organ = await f.query(DECIDE, {
      token: await f.tokenFor('police-staff-110105'),
      variables: { a: id },
    });
    expect(organ.body.data.decidePoliceMeasureChange).toEqual({ status: 'GRANTED' });
  });

  it('a state security case needs the handling organ’s approval first; a refusal needs a reason', async () => {
    // The province's state security suspect, detained at a Beijing center; a request there, assigned.
    const person = (
      await sql<{
        id: string;
        detention_center_id: string;
      }>`select id, detention_center_id from accused_person
        where id = 'case-ssb-110000-1-p1'`.execute(psDb())
    ).rows[0]!;
    const centerStaff = await f.tokenFor(`detention-staff-${person.detention_center_id.replace('dc-', '')}`);
    const rec = await f.query(
      `mutation { recordPoliceHelpRequest(personId: "case-ssb-110000-1-p1", requestedBy: ACCUSED) { id } }`,
      { token: centerStaff },
    );
    expect(rec.body.errors).toBeUndefined();
    const requestId = rec.body.data.recordPoliceHelpRequest.id;
    const county = person.detention_center_id.replace('dc-', '');
    const notice = await noticeOf('public-security', requestId);
    const lawyerId = `lawyer-${county}-01`;
    const dispatcher = await f.tokenFor(`dispatcher-${county}`);
    const a = await f.query(ASSIGN, {
      token: dispatcher,
      variables: { n: notice!.id, l: await license(lawyerId) },
    });
    expect(a.body.errors).toBeUndefined();
    const lawyer = await f.tokenFor(lawyerId);
    await f.query(STEP, { token: lawyer, variables: { n: notice!.id, a: 'ACCEPT' } });
    const res = await f.query(MEET, { token: lawyer, variables: { r: requestId } });
    expect(res.body.errors).toBeUndefined();
    const m = res.body.data.requestMeeting;
    expect(m).toMatchObject({ status: 'AWAITING_APPROVAL', needsApproval: true, deadlineAt: null });

    const arrangeFirst = await f.query(
      `mutation($m: ID!) { arrangeMeeting(meetingId: $m, scheduledAt: "${new Date(Date.now() + 3600_000).toISOString()}", room: "1") { status } }`,
      { token: centerStaff, variables: { m: m.id } },
    );
    expect(arrangeFirst.body.errors?.[0]).toMatchObject({
      message: '该会见须先经办案机关许可',
      extensions: { code: 'CONFLICT' },
    });
    const DECIDE = `mutation($m: ID!, $ok: Boolean!, $r: String) { decideMeetingApproval(meetingId: $m, approve: $ok, reason: $r) { status deadlineAt decisionReason } }`;
    const ss = await f.tokenFor('state-security-staff-110000');
    const police = await f.query(DECIDE, {
      token: await f.tokenFor('police-staff-110105'),
      variables: { m: m.id, ok: true },
    });
    expect(police.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noReason = await f.query(DECIDE, { token: ss, variables: { m: m.id, ok: false } });
    expect(noReason.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const approved = await f.query(DECIDE, { token: ss, variables: { m: m.id, ok: true } });
    expect(approved.body.data.decideMeetingApproval.status).toBe('REQUESTED');
    expect(new Date(approved.body.data.decideMeetingApproval.deadlineAt).getTime()).toBeGreaterThan(
      Date.now() + 47 * 3600_000,
    );
    const twice = await f.query(DECIDE, { token: ss, variables: { m: m.id, ok: false, r: '改变决定' } });
    expect(twice.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const pending = await f.query(`{ meetingRequests(first: 5) { edges { node { id status } } } }`, {
      token: ss,
    });
    expect(pending.body.data.meetingRequests.edges).toContainEqual({
      node: { id: m.id, status: 'REQUESTED' },
    });
  });
});
