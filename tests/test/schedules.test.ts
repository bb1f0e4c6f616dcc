import { addDays, chinaInstant, chinaToday } from '@duty/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Federation, startTestFederation } from '../src/harness.js';

let f: Federation;
let dispatcher: string;

/** The first Monday at least `days` ahead: clear of the demo month, and a working day. */
function mondayAfter(days: number) {
  let d = addDays(chinaToday(), days);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 1) d = addDays(d, 1);
  return d;
}
const nextWorkingDay = () => {
  let d = addDays(chinaToday(), 1);
  while ([0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) d = addDays(d, 1);
  return d;
};
const at = (date: string, time: string) => chinaInstant(date, time).toISOString();
const justiceDb = () => f.subgraphs.justice!.database.db;

beforeAll(async () => {
  f = await startTestFederation();
  dispatcher = await f.tokenFor('dispatcher-110105');
});
afterAll(() => f?.stop());

const LICENSE = async (lawyerId: string) =>
  (
    await sql<{ license_no: string }>`select license_no from lawyer where id = ${lawyerId}`.execute(
      justiceDb(),
    )
  ).rows[0]!.license_no;

const CREATE = /* GraphQL */ `
  mutation ($ws: ID!, $license: LawyerLicenseNo, $s: DateTime!, $e: DateTime!, $mode: DutyMode!) {
    createShift(workstationId: $ws, lawyerLicenseNo: $license, startsAt: $s, endsAt: $e, mode: $mode) {
      id mode lawyer { id } lentFrom { id }
    }
  }
`;

describe('the public notice board', () => {
  it('shows sign, scope, conditions, duties and the day’s duty lawyers without signing in', async () => {
    const date = nextWorkingDay();
    const res = await f.query(
      `query($d: LocalDate) { workstationBoard(workstationId: "ws-court-110105", date: $d) {
        sign agencyName phone legalAidScope legalAidConditions dutyLawyerDuties date
        dutyLawyers { name licenseNo mode hours } } }`,
      { variables: { d: date } },
    );
    expect(res.body.errors).toBeUndefined();
    const board = res.body.data.workstationBoard;
    expect(board.sign).toBe('北京市朝阳区人民法院法律援助工作站');
    expect(board.agencyName).toBe('北京市朝阳区法律援助中心');
    expect(board.dutyLawyerDuties).toContain('解答法律咨询');
    expect(board.legalAidConditions).toContain('法律援助');
    expect(board.date).toBe(date);
    expect(board.dutyLawyers.length).toBeGreaterThanOrEqual(2);
    for (const d of board.dutyLawyers) {
      expect(Object.keys(d).sort()).toEqual(['hours', 'licenseNo', 'mode', 'name']);
      expect(d.licenseNo).toMatch(/^\d{17}$/);
      expect(d.hours).toMatch(/^\d{2}:\d{2}-\d{2}:\d{2}$/);
    }
  });

  it('is one SQL statement, then served from cache until a write', async () => {
    const q = '{ workstationBoard(workstationId: "ws-proc-110105") { sign dutyLawyers { name } } }';
    const before = f.subgraphs.justice!.database.statements;
    await f.query(q);
    expect(f.subgraphs.justice!.database.statements - before).toBe(1);
    await f.query(q);
    expect(f.subgraphs.justice!.database.statements - before).toBe(1);
  });

  it('shows the week ahead at most, not the whole future roster', async () => {
    const res = await f.query(
      'query($d: LocalDate) { workstationBoard(workstationId: "ws-court-110105", date: $d) { sign } }',
      {
        variables: { d: addDays(chinaToday(), 20) },
      },
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toContain('7 天内');
  });

  it('says NOT_FOUND for an unknown workstation, and offers nothing private', async () => {
    const res = await f.query('{ workstationBoard(workstationId: "nope") { sign } }');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const priv = await f.query(
      '{ workstationBoard(workstationId: "ws-court-110105") { dutyLawyers { phone } } }',
    );
    expect(priv.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('publication to the organs (art. 6)', () => {
  it('shows a court who is on duty at its workstation on a day, resolved by justice', async () => {
    const date = nextWorkingDay();
    const res = await f.query(
      `query($d: LocalDate) { court(id: "court-110105") { name dutyShifts(date: $d) { mode startsAt lawyer { name licenseNo } } } }`,
      { token: await f.tokenFor('court-staff-110105'), variables: { d: date } },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.court.dutyShifts.length).toBeGreaterThanOrEqual(2);
    expect(res.body.data.court.dutyShifts[0].lawyer.licenseNo).toMatch(/^\d{17}$/);
  });

  it('lets a lawyer see their own schedule, not another lawyer’s', async () => {
    const from = chinaToday();
    const to = addDays(from, 30);
    const mine = await f.query(
      `query($f: LocalDate!, $t: LocalDate!) { myShifts(from: $f, to: $t) { id workstation { name } } }`,
      {
        token: await f.tokenFor('lawyer-110105-01'),
        variables: { f: from, t: to },
      },
    );
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data.myShifts.length).toBeGreaterThan(0);
    const other = await f.query(
      `query($f: LocalDate!, $t: LocalDate!) { lawyer(id: "lawyer-110105-02") { shifts(from: $f, to: $t) { id } } }`,
      { token: await f.tokenFor('lawyer-110105-01'), variables: { f: from, t: to } },
    );
    expect(other.body.data.lawyer.shifts).toBeNull();
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Nor through the workstation, nor through another region's court.
    const viaWorkstation = await f.query(
      `query($f: LocalDate!, $t: LocalDate!) { workstation(id: "ws-court-110105") { shifts(from: $f, to: $t) { id } } }`,
      { token: await f.tokenFor('lawyer-110105-01'), variables: { f: from, t: to } },
    );
    expect(viaWorkstation.body.data.workstation.shifts).toBeNull();
    expect(viaWorkstation.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherRegion = await f.query(
      `query($d: LocalDate) { court(id: "court-440304") { dutyShifts(date: $d) { id } } }`,
      { token: await f.tokenFor('court-staff-110105'), variables: { d: nextWorkingDay() } },
    );
    expect(otherRegion.body.data.court.dutyShifts).toBeNull();
    expect(otherRegion.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('shifts by hand: the database rules', () => {
  const day = mondayAfter(60);

  it('creates a shift, and refuses double booking, off-roster lawyers, the past, bad modes and unknown licenses', async () => {
    const license = await LICENSE('lawyer-110105-03');
    const ok = await f.query(CREATE, {
      token: dispatcher,
      variables: {
        ws: 'ws-court-110105',
        license,
        s: at(day, '09:00'),
        e: at(day, '12:00'),
        mode: 'ON_SITE',
      },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.createShift).toMatchObject({
      mode: 'ON_SITE',
      lawyer: { id: 'lawyer-110105-03' },
      lentFrom: null,
    });

    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { ws: 'ws-proc-110105', license, s: at(day, '11:00'), e: at(day, '13:00'), mode: 'ON_SITE' },
        'CONFLICT',
        /两处值班/,
      ],
      [
        {
          ws: 'ws-court-110105',
          license: await LICENSE('lawyer-110105-06'),
          s: at(day, '14:00'),
          e: at(day, '17:00'),
          mode: 'ON_SITE',
        },
        'BAD_USER_INPUT',
        /不在名册中/,
      ],
      [
        {
          ws: 'ws-court-110105',
          license,
          s: at('2020-01-06', '09:00'),
          e: at('2020-01-06', '12:00'),
          mode: 'ON_SITE',
        },
        'BAD_USER_INPUT',
        /已经过去/,
      ],
      [
        { ws: 'ws-dc-110105', license, s: at(day, '14:00'), e: at(day, '17:00'), mode: 'PHONE' },
        'BAD_USER_INPUT',
        /不提供这种值班方式/,
      ],
      [
        {
          ws: 'ws-court-110105',
          license: '11101200099999999',
          s: at(day, '14:00'),
          e: at(day, '17:00'),
          mode: 'ON_SITE',
        },
        'NOT_FOUND',
        /11101200099999999/,
      ],
      [
        { ws: 'ws-court-110105', license: '123', s: at(day, '14:00'), e: at(day, '17:00'), mode: 'ON_SITE' },
        'BAD_USER_INPUT',
        /17 位/,
      ],
      [
        { ws: 'ws-court-110105', license, s: at(day, '15:00'), e: at(day, '14:00'), mode: 'ON_SITE' },
        'BAD_USER_INPUT',
        /结束时间须晚于开始时间/,
      ],
    ];
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) n from duty_shift`.execute(justiceDb())).rows[0]!.n);
    const before = await count();
    for (const [variables, code, message] of cases) {
      const res = await f.query(CREATE, { token: dispatcher, variables });
      expect(res.body.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe(code);
      expect(res.body.errors?.[0]?.message).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('holds the rules in the database itself, whoever writes', async () => {
    const insert = (lawyer: string, s: string, e: string) =>
      sql`insert into duty_shift (id, workstation_id, lawyer_id, starts_at, ends_at, mode, created_by)
          values (gen_random_uuid()::text, 'ws-court-110101', ${lawyer}, ${s}, ${e}, 'ON_SITE', 'test')`.execute(
        justiceDb(),
      );
    await expect(insert('lawyer-110105-06', at(day, '09:00'), at(day, '12:00'))).rejects.toThrow(/roster/);
    await insert('lawyer-110101-02', at(day, '09:00'), at(day, '12:00'));
    await expect(insert('lawyer-110101-02', at(day, '10:00'), at(day, '11:00'))).rejects.toThrow(
      /duty_shift_no_double_booking|conflicting key/,
    );
  });

  it('counts monthly limits by the China calendar month, whatever the session time zone', async () => {
    await sql`update lawyer set max_on_site_per_month = 1 where id = 'lawyer-110108-02'`.execute(justiceDb());
    const year = new Date().getUTCFullYear() + 1;
    // 1 June 00:30 in Beijing is still 31 May in UTC (and in New York).
    const juneFirst = at(`${year}-06-01`, '00:30');
    const mayLast = at(`${year}-05-31`, '09:00');
    const juneLater = at(`${year}-06-20`, '09:00');
    const insert = (s: string, zone = 'America/New_York') =>
      justiceDb()
        .transaction()
        .execute(async (trx) => {
          await sql`set local time zone ${sql.lit(zone)}`.execute(trx);
          await sql`insert into duty_shift (id, workstation_id, lawyer_id, starts_at, ends_at, mode, created_by)
            values (gen_random_uuid()::text, 'ws-court-110108', 'lawyer-110108-02', ${s}::timestamptz,
              ${s}::timestamptz + interval '2 hours', 'ON_SITE', 'test')`.execute(trx);
        });
    await insert(mayLast);
    await insert(juneFirst);
    await expect(insert(juneLater)).rejects.toThrow(/monthly limit/);
    // The last evening of May in Beijing is still May: a second May shift is refused, in UTC too.
    await expect(insert(at(`${year}-05-31`, '19:00'), 'UTC')).rejects.toThrow(/monthly limit/);
  });

  it('stops at a lawyer’s monthly limit', async () => {
    await sql`update lawyer set max_on_site_per_month = 0 where id = 'lawyer-110105-04'`.execute(justiceDb());
    const res = await f.query(CREATE, {
      token: dispatcher,
      variables: {
        ws: 'ws-court-110105',
        license: await LICENSE('lawyer-110105-04'),
        s: at(day, '14:00'),
        e: at(day, '17:00'),
        mode: 'ON_SITE',
      },
    });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.body.errors?.[0]?.message).toContain('已达上限');
  });

  it('swaps and cancels with reasons kept', async () => {
    const d2 = addDays(day, 1);
    const created = await f.query(CREATE, {
      token: dispatcher,
      variables: {
        ws: 'ws-court-110105',
        license: await LICENSE('lawyer-110105-05'),
        s: at(d2, '09:00'),
        e: at(d2, '12:00'),
        mode: 'ON_SITE',
      },
    });
    const id = created.body.data.createShift.id;
    const swap = await f.query(
      `mutation($id: ID!, $l: LawyerLicenseNo!) { swapShift(shiftId: $id, toLawyerLicenseNo: $l, reason: "原值班律师出庭冲突") { lawyer { id } changes { kind reason fromLawyer { id } toLawyer { id } } } }`,
      { token: dispatcher, variables: { id, l: await LICENSE('lawyer-110105-01') } },
    );
    expect(swap.body.errors).toBeUndefined();
    expect(swap.body.data.swapShift).toEqual({
      lawyer: { id: 'lawyer-110105-01' },
      changes: [
        {
          kind: 'SWAP',
          reason: '原值班律师出庭冲突',
          fromLawyer: { id: 'lawyer-110105-05' },
          toLawyer: { id: 'lawyer-110105-01' },
        },
      ],
    });
    const cancel = await f.query(
      `mutation($id: ID!) { cancelShift(shiftId: $id, reason: "法院当日闭院") { cancelled cancelReason changes { kind } } }`,
      {
        token: dispatcher,
        variables: { id },
      },
    );
    expect(cancel.body.data.cancelShift).toEqual({
      cancelled: true,
      cancelReason: '法院当日闭院',
      changes: [{ kind: 'SWAP' }, { kind: 'CANCEL' }],
    });
    const again = await f.query(`mutation($id: ID!) { cancelShift(shiftId: $id, reason: "重复") { id } }`, {
      token: dispatcher,
      variables: { id },
    });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lets only legal aid staff of the region schedule', async () => {
    const vars = {
      ws: 'ws-court-110105',
      license: null,
      s: at(day, '14:00'),
      e: at(day, '17:00'),
      mode: 'ON_SITE',
    };
    const court = await f.query(CREATE, { token: await f.tokenFor('court-staff-110105'), variables: vars });
    expect(court.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await f.query(CREATE, { token: await f.tokenFor('dispatcher-440304'), variables: vars });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the schedule generator', () => {
  it('spreads duty fairly, lends lawyers where an agency has none, and previews without writing', async () => {
    const from = mondayAfter(90);
    const to = addDays(from, 4);
    const admin = await f.tokenFor('justice-admin-110000');
    const q = `mutation($f: LocalDate!, $t: LocalDate!, $dry: Boolean) {
      generateSchedule(regionCode: "110000", from: $f, to: $t, dryRun: $dry) { slots staffed onSite remote lent uncovered { id } } }`;
    const before = f.subgraphs.justice!.database.statements;
    const dry = await f.query(q, { token: admin, variables: { f: from, t: to, dry: true } });
    expect(dry.body.errors).toBeUndefined();
    const s = dry.body.data.generateSchedule;
    // Beijing: 3 counties x 3 workstations + 2 city-level ones, 2 slots a day, 5 working days.
    expect(s.slots).toBe(11 * 2 * 5);
    expect(s.staffed + s.uncovered.length).toBe(s.slots);
    // The province-level agency has no lawyers of its own: its workstations are staffed by loans.
    expect(s.lent).toBeGreaterThan(0);
    const written = await sql<{
      n: string;
    }>`select count(*) n from duty_shift where starts_at >= ${chinaInstant(from)} and starts_at < ${chinaInstant(addDays(to, 1))}`.execute(
      justiceDb(),
    );
    expect(Number(written.rows[0]!.n)).toBe(0);
    // Bounded SQL: the generator loads and plans, it does not query per slot.
    expect(f.subgraphs.justice!.database.statements - before).toBeLessThan(10);

    const real = await f.query(q, { token: admin, variables: { f: from, t: to, dry: false } });
    expect(real.body.data.generateSchedule.slots).toBe(s.slots);
    const perLawyer = await sql<{ lawyer_id: string; n: string }>`
      select lawyer_id, count(*) n from duty_shift d join lawyer l on l.id = d.lawyer_id
      where starts_at >= ${chinaInstant(from)} and starts_at < ${chinaInstant(addDays(to, 1))} and l.agency_id = 'laa-110105' group by lawyer_id`.execute(
      justiceDb(),
    );
    const counts = perLawyer.rows.map((r) => Number(r.n));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(2);
    const again = await f.query(q, { token: admin, variables: { f: from, t: to, dry: true } });
    expect(again.body.data.generateSchedule.slots).toBe(0);
  });

  it('falls back to phone and online duty and to lent lawyers, and says which slots stay uncovered', async () => {
    const from = mondayAfter(120);
    // Scarcity: in Guangdong nobody has on-site capacity left this month and little remote capacity.
    await sql`update lawyer set max_on_site_per_month = 0, max_remote_per_month = 1 where region_code like '44%'`.execute(
      justiceDb(),
    );
    await sql`update workstation set planned_daily_demand = 20 where id = 'ws-proc-440304'`.execute(
      justiceDb(),
    );
    const res = await f.query(
      `mutation($f: LocalDate!) { generateSchedule(regionCode: "440304", from: $f, to: $f) {
        slots staffed onSite remote lent uncovered { workstation { id } } } }`,
      { token: await f.tokenFor('dispatcher-440304'), variables: { f: from } },
    );
    expect(res.body.errors).toBeUndefined();
    const s = res.body.data.generateSchedule;
    expect(s.onSite).toBe(0);
    expect(s.remote).toBe(s.staffed);
    expect(s.remote).toBeGreaterThan(7);
    // Beyond the agency's own seven lawyers, the rest came on loan from elsewhere in the province.
    expect(s.lent).toBe(s.staffed - 7);
    const uncoveredAt = new Set(s.uncovered.map((u: any) => u.workstation.id));
    // The procuratorate's demand outruns everyone; the detention center takes on-site duty only.
    expect(uncoveredAt).toEqual(new Set(['ws-proc-440304', 'ws-dc-440304']));
    const coverage = await f.query(
      `query($f: LocalDate!) { coverage(regionCode: "440304", from: $f, to: $f, first: 100) { edges { node { lawyer { id } } } } }`,
      { token: await f.tokenFor('dispatcher-440304'), variables: { f: from } },
    );
    expect(coverage.body.data.coverage.edges).toHaveLength(Math.min(100, s.uncovered.length));
    expect(coverage.body.data.coverage.edges.every((e: any) => e.node.lawyer === null)).toBe(true);
  });

  it('refuses a period in the past or too long', async () => {
    const q = `mutation($f: LocalDate!, $t: LocalDate!) { generateSchedule(from: $f, to: $t, dryRun: true) { slots } }`;
    const past = await f.query(q, { token: dispatcher, variables: { f: '2020-01-01', t: '2020-01-31' } });
    expect(past.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const long = await f.query(q, {
      token: dispatcher,
      variables: { f: mondayAfter(1), t: addDays(mondayAfter(1), 100) },
    });
    expect(long.body.errors?.[0]?.message).toContain('最长 62 天');
  });
});

describe('workstations', () => {
  it('sets one up at a host that exists in its own subgraph, and refuses one that does not', async () => {
    const m = `mutation($kind: WorkstationHostKind!, $host: ID!, $name: String) {
      createWorkstation(hostKind: $kind, hostId: $host, name: $name, dutyModes: [ON_SITE, PHONE],
        openingHours: "工作日 9:00-17:00", slots: ["09:00-12:00", "13:30-17:00"], phone: "010-65001234") {
        id name address host { __typename ... on Court { name } } dutyLawyerDuties } }`;
    const ok = await f.query(m, {
      token: dispatcher,
      variables: { kind: 'COURT', host: 'court-110105', name: '北京市朝阳区人民法院第二法律援助工作站' },
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.createWorkstation).toMatchObject({
      name: '北京市朝阳区人民法院第二法律援助工作站',
      host: { __typename: 'Court', name: '北京市朝阳区人民法院' },
    });
    expect(ok.body.data.createWorkstation.address).toContain('北京市朝阳区人民法院内');
    const missing = await f.query(m, {
      token: dispatcher,
      variables: { kind: 'DETENTION_CENTER', host: 'dc-999999' },
    });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(missing.body.errors?.[0]?.message).toContain('看守所（编号 dc-999999）不存在');
    const elsewhere = await f.query(m, {
      token: dispatcher,
      variables: { kind: 'COURT', host: 'court-440304' },
    });
    expect(elsewhere.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('fixed posts and availability', () => {
  it('puts the fixed lawyer first and keeps lawyers off their days away', async () => {
    const day = mondayAfter(150);
    const fixed = await LICENSE('lawyer-110101-05');
    const away = await LICENSE('lawyer-110101-01');
    const token = await f.tokenFor('dispatcher-110101');
    const set = await f.query(
      `mutation($l: [LawyerLicenseNo!]) { setWorkstationAssignment(workstationId: "ws-court-110101", assignment: FIXED, fixedLawyerLicenseNos: $l) {
        assignment fixedLawyers { id } } }`,
      { token, variables: { l: [fixed] } },
    );
    expect(set.body.data.setWorkstationAssignment).toEqual({
      assignment: 'FIXED',
      fixedLawyers: [{ id: 'lawyer-110101-05' }],
    });
    const avail = await f.query(
      `mutation($l: LawyerLicenseNo!, $d: [LocalDate!]) { setLawyerAvailability(licenseNo: $l, unavailableDates: $d, reason: "出差") { id } }`,
      { token, variables: { l: away, d: [day] } },
    );
    expect(avail.body.errors).toBeUndefined();
    const past = await f.query(
      `mutation($l: LawyerLicenseNo!) { setLawyerAvailability(licenseNo: $l, unavailableDates: ["2020-01-01"]) { id } }`,
      { token, variables: { l: away } },
    );
    expect(past.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const gen = await f.query(`mutation($d: LocalDate!) { generateSchedule(from: $d, to: $d) { staffed } }`, {
      token,
      variables: { d: day },
    });
    expect(gen.body.errors).toBeUndefined();
    const shifts = await f.query(
      `query($d: LocalDate!) { workstations(first: 10) { edges { node { id shifts(from: $d, to: $d) { assignment lawyer { id } } } } } }`,
      { token, variables: { d: day } },
    );
    const all = shifts.body.data.workstations.edges.flatMap((e: any) =>
      e.node.shifts.map((s: any) => ({ ws: e.node.id, ...s })),
    );
    const court = all.filter((s: any) => s.ws === 'ws-court-110101');
    expect(court.map((s: any) => [s.assignment, s.lawyer.id])).toEqual([
      ['FIXED', 'lawyer-110101-05'],
      ['FIXED', 'lawyer-110101-05'],
    ]);
    expect(all.some((s: any) => s.lawyer?.id === 'lawyer-110101-01')).toBe(false);
    const noLawyers = await f.query(
      `mutation { setWorkstationAssignment(workstationId: "ws-court-110101", assignment: FIXED) { id } }`,
      { token },
    );
    expect(noLawyers.body.errors?.[0]?.message).toContain('至少一名律师');
  });
});
