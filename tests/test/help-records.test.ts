import { type Principal, signServiceToken, verifyAuditChain } from '@duty/kit';
import { findDemoUser } from '@duty/kit/demo';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, postGraphQL, startTestFederation, until } from '../src/harness.js';

let f: Federation;
let noticeId: string;
let recordId: string;
const justiceDb = () => f.subgraphs.justice!.database.db;

/** Another duty lawyer of the same county (the demo has sign-ins for lawyer 01 only). */
const otherLawyer = (): Principal => ({
  ...findDemoUser('lawyer-110105-01')!,
  userId: 'lawyer-110105-02',
  lawyerId: 'lawyer-110105-02',
});

const RECORD = /* GraphQL */ `
  mutation ($n: ID!, $r: HelpRecordInput!, $k: String) {
    recordHelp(noticeId: $n, record: $r, idempotencyKey: $k) { id version legalAidEligible consultation { suspectedCharges advice questions { question answer } } }
  }
`;
const input = (over: Record<string, unknown> = {}) => ({
  mode: 'ON_SITE',
  questions: [
    { question: '认罪认罚能否从宽？', answer: '依法可以从宽处理，具体由检察机关提出量刑建议。' },
    { question: '能否申请取保候审？', answer: '可以申请变更强制措施，由办案机关决定。' },
  ],
  suspectedCharges: ['盗窃罪'],
  facts: '涉嫌在商场盗窃手机一部。',
  advice: '建议如实供述，考虑认罪认罚；可申请法律援助。',
  legalAidEligible: true,
  toldHowToApply: true,
  acknowledgment: 'ACKNOWLEDGED',
  ...over,
});
const auditRows = async (subjectType: string, userId?: string) =>
  Number(
    (
      await sql<{ n: string }>`select count(*) n from audit_log where subject_type = ${subjectType}
        and (${userId ?? null}::text is null or user_id = ${userId ?? null})`.execute(justiceDb())
    ).rows[0]!.n,
  );

beforeAll(async () => {
  f = await startTestFederation();
  // A detainee's request at the county detention center, assigned to lawyer 01 and accepted.
  const res = await f.query(
    `mutation { recordPoliceHelpRequest(personId: "case-psb-110105-2-p1", requestedBy: ACCUSED) { id } }`,
    { token: await f.tokenFor('detention-staff-110105') },
  );
  const requestId = res.body.data.recordPoliceHelpRequest.id;
  const row = await until(
    async () =>
      (
        await sql<{ id: string }>`select id from help_request_notice where request_id = ${requestId}`.execute(
          justiceDb(),
        )
      ).rows[0],
    (r) => !!r,
  );
  noticeId = row!.id;
  const license = (
    await sql<{ license_no: string }>`select license_no from lawyer where id = 'lawyer-110105-01'`.execute(
      justiceDb(),
    )
  ).rows[0]!.license_no;
  const assigned = await f.query(
    `mutation($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "测试") { status } }`,
    { token: await f.tokenFor('dispatcher-110105'), variables: { n: noticeId, l: license } },
  );
  expect(assigned.body.errors).toBeUndefined();
});
afterAll(() => f?.stop());

describe('help records', () => {
  it('only the assigned lawyer, once accepted, records help; bad input changes nothing', async () => {
    const lawyer = await f.tokenFor('lawyer-110105-01');
    const early = await f.query(RECORD, { token: lawyer, variables: { n: noticeId, r: input() } });
    expect(early.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_ACCEPTED' });
    await f.query(`mutation($n: ID!) { advanceHelpRequest(noticeId: $n, action: ACCEPT) { status } }`, {
      token: lawyer,
      variables: { n: noticeId },
    });
    const other = await f.query(RECORD, {
      token: await f.tokenFor(otherLawyer()),
      variables: { n: noticeId, r: input() },
    });
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    const bad = [
      [{ suspectedCharges: ['偷东西罪'] }, '“偷东西罪”不是有效罪名'],
      [{ suspectedCharges: ['嫖宿幼女罪'] }, '“嫖宿幼女罪”已于 2015-11-01 取消或更名'],
      [{ givenAt: new Date(Date.now() + 3600_000).toISOString() }, '接待时间不能晚于现在'],
      [{ questions: [] }, '至少记录一个问题'],
      [{ advice: '' }, '请填写法律意见'],
    ] as const;
    for (const [over, message] of bad) {
      const res = await f.query(RECORD, { token: lawyer, variables: { n: noticeId, r: input(over) } });
      expect(res.body.errors?.[0]?.extensions?.code, message).toBe('BAD_USER_INPUT');
      expect(res.body.errors?.[0]?.message).toContain(message);
    }
    const none = await sql<{ n: string }>`select count(*) n from help_record`.execute(justiceDb());
    expect(Number(none.rows[0]!.n)).toBe(0);
    const ok = await f.query(RECORD, {
      token: lawyer,
      variables: { n: noticeId, r: input(), k: 'help-rec-0001' },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.recordHelp).toMatchObject({
      version: 1,
      legalAidEligible: true,
      consultation: { suspectedCharges: ['盗窃罪'], questions: [{ question: '认罪认罚能否从宽？' }, {}] },
    });
    recordId = ok.body.data.recordHelp.id;
    const again = await f.query(RECORD, {
      token: lawyer,
      variables: { n: noticeId, r: input(), k: 'help-rec-0001' },
    });
    expect(again.body.data.recordHelp.id).toBe(recordId);
    const count = await sql<{ n: string }>`select count(*) n from help_record`.execute(justiceDb());
    expect(Number(count.rows[0]!.n)).toBe(1);
  });

  it('is corrected only by a new version, by its author, from the version they saw; history stays', async () => {
    const CORRECT = `mutation($id: ID!, $v: Int!, $r: HelpRecordInput!, $why: String!) {
      correctHelpRecord(recordId: $id, expectedVersion: $v, record: $r, reason: $why) { id version correctionReason consultation { advice } versions { version consultation { advice } } } }`;
    const lawyer = await f.tokenFor('lawyer-110105-01');
    const fixed = await f.query(CORRECT, {
      token: lawyer,
      variables: {
        id: recordId,
        v: 1,
        r: input({ advice: '建议申请法律援助并考虑认罪认罚。' }),
        why: '补充意见',
      },
    });
    expect(fixed.body.errors).toBeUndefined();
    expect(fixed.body.data.correctHelpRecord).toMatchObject({
      id: recordId,
      version: 2,
      correctionReason: '补充意见',
      consultation: { advice: '建议申请法律援助并考虑认罪认罚。' },
      versions: [
        { version: 1, consultation: { advice: '建议如实供述，考虑认罪认罚；可申请法律援助。' } },
        { version: 2, consultation: { advice: '建议申请法律援助并考虑认罪认罚。' } },
      ],
    });
    const stale = await f.query(CORRECT, {
      token: lawyer,
      variables: { id: recordId, v: 1, r: input(), why: '再改' },
    });
    expect(stale.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    const notAuthor = await f.query(CORRECT, {
      token: await f.tokenFor(otherLawyer()),
      variables: { id: recordId, v: 2, r: input(), why: '代改' },
    });
    expect(notAuthor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await expect(sql`update help_record set advice = 'x'`.execute(justiceDb())).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from help_record`.execute(justiceDb())).rejects.toThrow(/append-only/);
  });

  // Each role against the record's outline and its confidential consultation: content or FORBIDDEN,
  // and an audit row exactly when content was returned.
  const matrix: [string | (() => Principal), 'OUTLINE' | 'FORBIDDEN', 'CONTENT' | 'FORBIDDEN'][] = [
    ['lawyer-110105-01', 'OUTLINE', 'CONTENT'],
    [otherLawyer, 'FORBIDDEN', 'FORBIDDEN'],
    ['supervisor-110105', 'OUTLINE', 'CONTENT'],
    ['dispatcher-110105', 'OUTLINE', 'FORBIDDEN'],
    ['justice-admin-110000', 'OUTLINE', 'FORBIDDEN'],
    ['supervisor-110101', 'FORBIDDEN', 'FORBIDDEN'],
    ['court-staff-110105', 'FORBIDDEN', 'FORBIDDEN'],
    ['procuratorate-staff-110105', 'FORBIDDEN', 'FORBIDDEN'],
    ['police-staff-110105', 'FORBIDDEN', 'FORBIDDEN'],
    ['detention-staff-110105', 'FORBIDDEN', 'FORBIDDEN'],
    ['state-security-staff-110000', 'FORBIDDEN', 'FORBIDDEN'],
    ['bar-staff-110000', 'FORBIDDEN', 'FORBIDDEN'],
  ];
  it.each(matrix)(
    'access: %s reads the outline: %s, the consultation: %s',
    async (user, outline, content) => {
      const principal = typeof user === 'string' ? findDemoUser(user)! : user();
      const token = await f.tokenFor(principal);
      const before = await auditRows('Consultation', principal.userId);
      const res = await f.query(
        `query($id: ID!) { helpRecord(id: $id) { version acknowledgment consultation { advice questions { answer } } } }`,
        { token, variables: { id: recordId } },
      );
      const record = res.body.data?.helpRecord;
      const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
      if (outline === 'FORBIDDEN') {
        expect(record).toBeNull();
        expect(codes).toEqual(['FORBIDDEN']);
      } else {
        expect(record).toMatchObject({ version: 2, acknowledgment: 'ACKNOWLEDGED' });
      }
      if (content === 'CONTENT') {
        expect(res.body.errors).toBeUndefined();
        expect(record.consultation.advice).toBe('建议申请法律援助并考虑认罪认罚。');
        expect(await auditRows('Consultation', principal.userId)).toBe(before + 1);
      } else {
        if (record) {
          expect(record.consultation).toBeNull();
          expect(codes).toEqual(['FORBIDDEN']);
        }
        expect(await auditRows('Consultation', principal.userId)).toBe(before);
      }
    },
  );

  it('is out of reach of the organ through its own request’s dispatch too', async () => {
    const res = await f.query(
      `{ detainees(first: 20) { edges { node { helpRequests { dispatch { status helpRecords { consultation { advice } } } } } } } }`,
      { token: await f.tokenFor('detention-staff-110105') },
    );
    const dispatches = res.body.data.detainees.edges
      .flatMap((e: any) => e.node.helpRequests)
      .map((r: any) => r.dispatch)
      .filter((d: any) => d && d.status === 'ACCEPTED');
    expect(dispatches.length).toBe(1);
    expect(dispatches[0].helpRecords).toBeNull();
    expect(JSON.stringify(res.body)).not.toContain('建议申请法律援助');
    expect(res.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
  });

  it('is out of reach even asking justice directly by the organ request’s key (_entities)', async () => {
    const requestId = (
      await sql<{
        request_id: string;
      }>`select request_id from help_request_notice where id = ${noticeId}`.execute(justiceDb())
    ).rows[0]!.request_id;
    const q = {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on PoliceHelpRequest { dispatch { helpRecords { consultation { advice } } } } } }`,
      variables: { r: [{ __typename: 'PoliceHelpRequest', id: requestId }] },
    };
    for (const user of ['detention-staff-110105', 'police-staff-110105', 'procuratorate-staff-110105']) {
      const res = await postGraphQL(f.subgraphs.justice!.graphqlUrl, q, {
        authorization: `Bearer ${await signServiceToken(f.signingKey, findDemoUser(user)!, 'justice')}`,
      });
      expect(JSON.stringify(res.body), user).not.toContain('建议申请法律援助');
      expect(
        res.body.errors?.map((e) => e.extensions?.code),
        user,
      ).toContain('FORBIDDEN');
    }
  });

  it('fails the read when the audit cannot be written', async () => {
    const token = await f.tokenFor('supervisor-110105');
    await sql`alter table audit_log rename to audit_log_away`.execute(justiceDb());
    try {
      const res = await f.query(
        `query($id: ID!) { helpRecord(id: $id) { version consultation { advice } } }`,
        {
          token,
          variables: { id: recordId },
        },
      );
      expect(res.body.data.helpRecord).toEqual({ version: 2, consultation: null });
      expect(res.body.errors?.[0]).toMatchObject({
        message: '审计日志暂时无法写入，保密内容暂不能查看，请稍后重试',
        extensions: { code: 'AUDIT_UNAVAILABLE' },
      });
      expect(JSON.stringify(res.body)).not.toContain('建议申请法律援助');
    } finally {
      await sql`alter table audit_log_away rename to audit_log`.execute(justiceDb());
    }
  });

  it('discloses a danger to a named organ only, which reads it (audited); others see nothing', async () => {
    const DISCLOSE = `mutation($id: ID!, $kind: OrganKind!, $organ: ID!) {
      discloseDanger(recordId: $id, organKind: $kind, organId: $organ, danger: PERSONAL_SAFETY, content: "当事人称同伙计划近日报复被害人。") { id organId } }`;
    const lawyer = await f.tokenFor('lawyer-110105-01');
    const unknown = await f.query(DISCLOSE, {
      token: lawyer,
      variables: { id: recordId, kind: 'PUBLIC_SECURITY', organ: 'psb-999999' },
    });
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ORGAN_NOT_FOUND',
    });
    const notAuthor = await f.query(DISCLOSE, {
      token: await f.tokenFor('supervisor-110105'),
      variables: { id: recordId, kind: 'PUBLIC_SECURITY', organ: 'psb-110105' },
    });
    expect(notAuthor.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const disclosed = await f.query(DISCLOSE, {
      token: lawyer,
      variables: { id: recordId, kind: 'PUBLIC_SECURITY', organ: 'psb-110105' },
    });
    expect(disclosed.body.errors).toBeUndefined();
    expect(await auditRows('Disclosure', 'lawyer-110105-01')).toBe(1);
    const READ = `{ disclosuresToMyOrgan(first: 10) { edges { node { content danger lawyer { id } } } } }`;
    const police = await f.query(READ, { token: await f.tokenFor('police-staff-110105') });
    expect(police.body.data.disclosuresToMyOrgan.edges.map((e: any) => e.node)).toEqual([
      {
        content: '当事人称同伙计划近日报复被害人。',
        danger: 'PERSONAL_SAFETY',
        lawyer: { id: 'lawyer-110105-01' },
      },
    ]);
    expect(await auditRows('Disclosure', 'police-staff-110105')).toBe(1);
    for (const user of ['police-staff-110101', 'court-staff-110105', 'detention-staff-110105']) {
      const res = await f.query(READ, { token: await f.tokenFor(user) });
      expect(res.body.data.disclosuresToMyOrgan.edges, user).toEqual([]);
    }
    const lawyerRead = await f.query(READ, { token: lawyer });
    expect(lawyerRead.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('follows the person to the next stage: the next lawyer sees what was done before, not the consultation', async () => {
    // The same person, now under review for prosecution (the demo's suspects are the same people
    // in every organ of a county), asks again; another lawyer is assigned.
    const res = await f.query(
      `mutation { recordProcuratorateHelpRequest(personId: "case-proc-110105-2-p1", requestedBy: ACCUSED) { id } }`,
      { token: await f.tokenFor('procuratorate-staff-110105') },
    );
    const requestId = res.body.data.recordProcuratorateHelpRequest.id;
    const next = await until(
      async () =>
        (
          await sql<{
            id: string;
            person_key: string | null;
          }>`select id, person_key from help_request_notice where request_id = ${requestId}`.execute(
            justiceDb(),
          )
        ).rows[0],
      (r) => !!r,
    );
    const first = await sql<{
      person_key: string;
    }>`select person_key from help_request_notice where id = ${noticeId}`.execute(justiceDb());
    expect(next!.person_key).toBeTruthy();
    expect(next!.person_key).toBe(first.rows[0]!.person_key);
    const license = (
      await sql<{ license_no: string }>`select license_no from lawyer where id = 'lawyer-110105-02'`.execute(
        justiceDb(),
      )
    ).rows[0]!.license_no;
    const assigned = await f.query(
      `mutation($n: ID!, $l: LawyerLicenseNo!) { assignDutyLawyer(noticeId: $n, licenseNo: $l, reason: "测试") { status } }`,
      { token: await f.tokenFor('dispatcher-110105'), variables: { n: next!.id, l: license } },
    );
    expect(assigned.body.errors).toBeUndefined();
    const PRIOR = `{ myAssignments(first: 10) { edges { node { id stage priorHelp { id stage organKind version legalAidEligible lawyer { id } } } } } }`;
    const seen = await f.query(PRIOR, { token: await f.tokenFor(otherLawyer()) });
    expect(seen.body.errors).toBeUndefined();
    const node = seen.body.data.myAssignments.edges
      .map((e: any) => e.node)
      .find((n: any) => n.id === next!.id);
    expect(node).toMatchObject({
      stage: 'REVIEW_FOR_PROSECUTION',
      priorHelp: [
        {
          id: recordId,
          stage: 'INVESTIGATION',
          organKind: 'DETENTION_CENTER',
          version: 2,
          legalAidEligible: true,
          lawyer: { id: 'lawyer-110105-01' },
        },
      ],
    });
    const content = await f.query(
      `{ myAssignments(first: 10) { edges { node { priorHelp { consultation { advice } } } } } }`,
      { token: await f.tokenFor(otherLawyer()) },
    );
    expect(JSON.stringify(content.body.data)).not.toContain('建议申请法律援助');
    expect(content.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    // The earlier lawyer, not on the new request, does not reach it through the new notice.
    const earlier = await f.query(PRIOR, { token: await f.tokenFor('lawyer-110105-01') });
    const ids = earlier.body.data.myAssignments.edges.map((e: any) => e.node.id);
    expect(ids).not.toContain(next!.id);
  });
});

describe('the audit log', () => {
  it('is a hash chain: intact after the reads above; an edit or a deletion is found, a truncate refused', async () => {
    const db = justiceDb();
    const intact = await verifyAuditChain(db);
    expect(intact.rows).toBeGreaterThanOrEqual(3);
    expect(intact.firstBroken).toBeUndefined();
    const { rows } = await sql<{
      seq: string;
      id: string;
    }>`select seq::text as seq, id from audit_log order by seq`.execute(db);
    await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/);
    // Someone with the owner's rights pauses the append-only rule and edits one row…
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
    await sql`update audit_log set user_id = 'someone-else' where id = ${rows[1]!.id}`.execute(db);
    expect((await verifyAuditChain(db)).firstBroken).toEqual(rows[1]);
    // …or deletes one: the row after it no longer links.
    await sql`delete from audit_log where id = ${rows[1]!.id}`.execute(db);
    expect((await verifyAuditChain(db)).firstBroken).toEqual(rows[2]);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
  });
});
