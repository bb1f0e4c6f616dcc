import { chinaToday, makeLawyerLicenseNo, makeResidentIdNumber } from '@duty/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

let f: Federation;
let dispatcher: string;

beforeAll(async () => {
  f = await startTestFederation();
  dispatcher = await f.tokenFor('dispatcher-110105');
});
afterAll(() => f?.stop());

const REGISTER = /* GraphQL */ `
  mutation ($input: RegisterLawyerInput!) { registerLawyer(input: $input) { id name licenseNo agency { id } } }
`;
const ADMIT = /* GraphQL */ `
  mutation ($license: LawyerLicenseNo!, $assessment: RosterAssessmentInput!, $reason: String!) {
    admitToRoster(licenseNo: $license, list: ROSTER, assessment: $assessment, reason: $reason) {
      id status list lawyer { licenseNo }
      history { action statusAfter reason assessment { politicalQuality ethics ability practiceYears } }
    }
  }
`;
const CHANGE = /* GraphQL */ `
  mutation ($id: ID!, $action: RosterAction!, $reason: String!) {
    changeRosterStatus(entryId: $id, action: $action, reason: $reason) { status history { action reason } }
  }
`;
const PASS = { politicalQuality: 'PASS', ethics: 'PASS', ability: 'PASS' };

let serial = 900;
function newLawyer(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    name: '测试律师',
    gender: 'FEMALE',
    residentIdNumber: makeResidentIdNumber('110105', '1985-06-15', serial),
    licenseNo: makeLawyerLicenseNo('110105', 2015, serial),
    lawFirm: '北京测试律师事务所',
    practiceKind: 'PRIVATE_PRACTICE',
    firstLicensedYear: 2015,
    phone: '13800138000',
    regionCode: '110105',
    ...overrides,
  };
}
const countLawyers = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from lawyer`.execute(f.subgraphs.justice!.database.db))
      .rows[0]!.n,
  );

describe('lawyers and the roster', () => {
  it('registers a lawyer and admits them after assessment, keeping the decision', async () => {
    const input = newLawyer();
    const reg = await f.query(REGISTER, { token: dispatcher, variables: { input } });
    expect(reg.body.errors).toBeUndefined();
    expect(reg.body.data.registerLawyer).toMatchObject({ name: '测试律师', agency: { id: 'laa-110105' } });
    const res = await f.query(ADMIT, {
      token: dispatcher,
      variables: { license: input.licenseNo, assessment: PASS, reason: '遴选考核合格' },
    });
    expect(res.body.errors).toBeUndefined();
    const entry = res.body.data.admitToRoster;
    expect(entry).toMatchObject({ status: 'ACTIVE', list: 'ROSTER', lawyer: { licenseNo: input.licenseNo } });
    expect(entry.history).toEqual([
      {
        action: 'ADMIT',
        statusAfter: 'ACTIVE',
        reason: '遴选考核合格',
        // Years in practice count by the China calendar year (at New Year in Beijing, UTC is a year behind).
        assessment: { ...PASS, practiceYears: Number(chinaToday().slice(0, 4)) - 2015 },
      },
    ]);
  });

  it('refuses a duplicate, an invalid and an unknown license number, changing nothing', async () => {
    const input = newLawyer();
    await f.query(REGISTER, { token: dispatcher, variables: { input } });
    const before = await countLawyers();
    const dup = await f.query(REGISTER, {
      token: dispatcher,
      variables: { input: { ...input, residentIdNumber: makeResidentIdNumber('110105', '1980-01-01', 3) } },
    });
    expect(dup.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(dup.body.errors?.[0]?.message).toBe('该执业证号已登记');
    const invalid = await f.query(REGISTER, {
      token: dispatcher,
      variables: { input: newLawyer({ licenseNo: '1234' }) },
    });
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid.body.errors?.[0]?.message).toContain('17 位数字');
    const badId = await f.query(REGISTER, {
      token: dispatcher,
      variables: { input: newLawyer({ residentIdNumber: '110105198506150001' }) },
    });
    expect(badId.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countLawyers()).toBe(before);
    const unknown = await f.query(ADMIT, {
      token: dispatcher,
      variables: { license: '11101200099999999', assessment: PASS, reason: '遴选考核合格' },
    });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(unknown.body.errors?.[0]?.message).toContain('11101200099999999');
  });

  it('refuses admission when the assessment failed or the reason is missing', async () => {
    const input = newLawyer();
    await f.query(REGISTER, { token: dispatcher, variables: { input } });
    const failed = await f.query(ADMIT, {
      token: dispatcher,
      variables: { license: input.licenseNo, assessment: { ...PASS, ethics: 'FAIL' }, reason: '遴选' },
    });
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(failed.body.errors?.[0]?.message).toBe('考核不合格（职业道德），不能入册');
    const short = await f.query(ADMIT, {
      token: dispatcher,
      variables: { license: input.licenseNo, assessment: PASS, reason: ' ' },
    });
    expect(short.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(short.body.errors?.[0]?.message).toContain('理由至少 2 个字');
    const entries = await f.query(
      `{ lawyers(first: 100) { edges { node { licenseNo rosterEntries { id } } } } }`,
      {
        token: dispatcher,
      },
    );
    const mine = entries.body.data.lawyers.edges.find((e: any) => e.node.licenseNo === input.licenseNo);
    expect(mine.node.rosterEntries).toEqual([]);
  });

  it('suspends, removes and reinstates with reasons; the history is never overwritten', async () => {
    const id = 'roster-lawyer-110105-02';
    const futureShifts = async () =>
      Number(
        (
          await sql<{ n: string }>`select count(*) n from duty_shift
            where lawyer_id = 'lawyer-110105-02' and status = 'SCHEDULED' and starts_at > now()`.execute(
            f.subgraphs.justice!.database.db,
          )
        ).rows[0]!.n,
      );
    expect(await futureShifts()).toBeGreaterThan(0);
    const suspend = await f.query(CHANGE, {
      token: dispatcher,
      variables: { id, action: 'SUSPEND', reason: '投诉调查期间' },
    });
    expect(suspend.body.data.changeRosterStatus.status).toBe('SUSPENDED');
    // Off the roster means off duty: the future shifts are open slots again, with the reason kept.
    expect(await futureShifts()).toBe(0);
    const uncovered = await sql<{ reason: string }>`select reason from duty_shift_change
      where from_lawyer_id = 'lawyer-110105-02' and to_lawyer_id is null limit 1`.execute(
      f.subgraphs.justice!.database.db,
    );
    expect(uncovered.rows[0]?.reason).toBe('名册暂停：投诉调查期间');
    const ahead = await f.query(
      `mutation($id: ID!) { changeRosterStatus(entryId: $id, action: REMOVE, reason: "预先登记", effectiveDate: "2099-01-01") { status } }`,
      { token: dispatcher, variables: { id } },
    );
    expect(ahead.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(ahead.body.errors?.[0]?.message).toContain('生效日期不能晚于今天');
    const again = await f.query(CHANGE, {
      token: dispatcher,
      variables: { id, action: 'SUSPEND', reason: '重复操作' },
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(again.body.errors?.[0]?.message).toBe('当前状态为“暂停”，不能暂停');
    const back = await f.query(CHANGE, {
      token: dispatcher,
      variables: { id, action: 'REINSTATE', reason: '调查结束，未发现问题' },
    });
    expect(back.body.data.changeRosterStatus).toEqual({
      status: 'ACTIVE',
      history: [
        { action: 'ADMIT', reason: '年度遴选考核合格' },
        { action: 'SUSPEND', reason: '投诉调查期间' },
        { action: 'REINSTATE', reason: '调查结束，未发现问题' },
      ],
    });
    // The database itself refuses to rewrite history.
    await expect(
      sql`update roster_event set reason = 'x' where roster_entry_id = ${id}`.execute(
        f.subgraphs.justice!.database.db,
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('lets only legal aid staff of the region manage; organs read the roster but not its history', async () => {
    const court = await f.tokenFor('court-staff-110105');
    const id = 'roster-lawyer-110105-03';
    const byCourt = await f.query(CHANGE, {
      token: court,
      variables: { id, action: 'SUSPEND', reason: '法院要求' },
    });
    expect(byCourt.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherRegion = await f.query(CHANGE, {
      token: await f.tokenFor('dispatcher-440304'),
      variables: { id, action: 'SUSPEND', reason: '跨区操作' },
    });
    expect(otherRegion.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(otherRegion.body.errors?.[0]?.message).toContain('不在您的辖区');
    const read = await f.query(
      '{ roster(status: ACTIVE, first: 50) { edges { node { lawyer { name } status history { reason } } } } }',
      {
        token: court,
      },
    );
    expect(read.body.data.roster.edges.length).toBeGreaterThan(3);
    expect(read.body.data.roster.edges[0].node.history).toBeNull();
    expect(read.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anon = await f.query('{ roster { edges { node { id } } } }');
    expect(anon.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
