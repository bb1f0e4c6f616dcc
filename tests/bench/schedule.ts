import { justiceSubgraph } from '@duty/justice';
import { generateSchedule } from '@duty/justice/generator';
import {
  addDays,
  childRegions,
  chinaToday,
  makeLawyerLicenseNo,
  makeResidentIdNumber,
  migrateToLatest,
  openDatabase,
} from '@duty/kit';
import type { Kysely } from 'kysely';
import { median } from './stats.js';

/** A synthetic province: `lawyers` lawyers and `workstations` workstations over its counties. */
async function loadProvince(db: Kysely<any>, province: string, lawyers: number, workstations: number) {
  const counties = childRegions(province)
    .flatMap((city) => childRegions(city.code))
    .filter((c) => !c.retired);
  const agencies = counties.map((c) => ({ id: `laa-${c.code}`, region: c.code }));
  await db
    .insertInto('justice_bureau')
    .values(
      agencies.map((a) => ({
        id: `jb-${a.region}`,
        name: `司法局${a.region}`,
        level: 'COUNTY',
        region_code: a.region,
        address: '-',
        phone: '020-12345678',
      })),
    )
    .execute();
  await db
    .insertInto('legal_aid_agency')
    .values(
      agencies.map((a) => ({
        id: a.id,
        name: `法律援助中心${a.region}`,
        level: 'COUNTY',
        region_code: a.region,
        justice_bureau_id: `jb-${a.region}`,
        address: '-',
        phone: '020-12345678',
      })),
    )
    .execute();
  const lawyerRows = Array.from({ length: lawyers }, (_, i) => {
    const a = agencies[i % agencies.length]!;
    return {
      id: `bench-lawyer-${i}`,
      name: `律师${i}`,
      gender: 'MALE',
      resident_id_number: makeResidentIdNumber(a.region, `19${60 + (i % 35)}-01-01`, (i * 7) % 1000),
      license_no: makeLawyerLicenseNo(a.region, 2010, i),
      law_firm: '测试律师事务所',
      practice_kind: 'PRIVATE_PRACTICE',
      first_licensed_year: 2010,
      phone: '13800138000',
      region_code: a.region,
      agency_id: a.id,
    };
  });
  for (let i = 0; i < lawyerRows.length; i += 500) {
    const chunk = lawyerRows.slice(i, i + 500);
    await db.insertInto('lawyer').values(chunk).execute();
    await db
      .insertInto('roster_entry')
      .values(
        chunk.map((l) => ({
          id: `r-${l.id}`,
          lawyer_id: l.id,
          agency_id: l.agency_id,
          list: 'ROSTER',
          status: 'ACTIVE',
          since: '2020-01-01',
        })),
      )
      .execute();
  }
  const kinds = ['COURT', 'PROCURATORATE', 'DETENTION_CENTER'] as const;
  const wsRows = Array.from({ length: workstations }, (_, i) => {
    const a = agencies[i % agencies.length]!;
    return {
      id: `bench-ws-${i}`,
      name: `工作站${i}`,
      agency_id: a.id,
      host_kind: kinds[i % 3]!,
      host_id: `host-${i}`,
      region_code: a.region,
      address: '-',
      phone: '020-12345678',
      duty_modes: i % 3 === 2 ? ['ON_SITE'] : ['ON_SITE', 'PHONE'],
      opening_hours: '工作日',
    };
  });
  await db.insertInto('workstation').values(wsRows).execute();
  return { counties: counties.length };
}

/** Month-long schedule for a province of 2,000 lawyers and 300 workstations. */
export async function benchSchedule(rounds: number) {
  const pgUrl = process.env.DUTY_PG_URL || undefined;
  const name = `duty_bench_${Date.now().toString(36)}`;
  const database = await openDatabase<any>({ name, pgUrl });
  const { dropPostgresDatabase } = await import('@duty/kit');
  try {
    await migrateToLatest(database.db, justiceSubgraph.migrations);
    const { counties } = await loadProvince(database.db, '440000', 2000, 300);
    let from = addDays(chinaToday(), 7);
    while (new Date(`${from}T00:00:00Z`).getUTCDate() !== 1) from = addDays(from, 1);
    const to = addDays(`${addDays(`${from.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1);
    const plans: number[] = [];
    let slots = 0;
    let staffed = 0;
    for (let r = 0; r < rounds; r += 1) {
      const t0 = performance.now();
      const { summary } = await generateSchedule(database.db, {
        regionPrefix: '44',
        from,
        to,
        createdBy: 'bench',
        dryRun: true,
      });
      plans.push(performance.now() - t0);
      slots = summary.slots;
      staffed = summary.staffed;
    }
    const before = database.statements;
    const t0 = performance.now();
    await generateSchedule(database.db, { regionPrefix: '44', from, to, createdBy: 'bench' });
    const write = performance.now() - t0;
    return {
      backend: database.kind,
      counties,
      lawyers: 2000,
      workstations: 300,
      period: `${from}..${to}`,
      slots,
      staffed,
      planMs: median(plans),
      planAndWriteMs: write,
      writeStatements: database.statements - before,
    };
  } finally {
    await database.close();
    if (pgUrl) await dropPostgresDatabase(pgUrl, name);
  }
}
