import { parentsFirst } from '@duty/kit';
import {
  type DemoDirectory,
  demoCases,
  demoDirectory,
  seedDemoHelpRequest,
  seedDemoHistory,
} from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { ProcuratorateDatabase } from './db.js';

/** The directory's procuratorates as table rows; parents come first so the foreign key holds. */
export function directoryRows(d: DemoDirectory) {
  return {
    procuratorate: parentsFirst(d.procuratorates).map((p) => ({
      id: p.id,
      name: p.name,
      level: p.level,
      region_code: p.regionCode,
      parent_id: p.parentId,
      address: p.address,
      phone: p.phone,
    })),
  };
}

/** The demo regions' procuratorates, cases and help requests. */
export async function seedDemo(db: Kysely<ProcuratorateDatabase>) {
  await db.insertInto('procuratorate').values(directoryRows(demoDirectory()).procuratorate).execute();
  await seedCases(db);
  await seedDemoHistory(db, 'procuratorate');
}

/** Two cases under review at every county procuratorate, and one help request each. */
async function seedCases(db: Kysely<ProcuratorateDatabase>) {
  const year = new Date().getFullYear();
  const procuratorates = demoDirectory().procuratorates.filter((p) => p.level === 'COUNTY');
  const demo = demoCases('procuratorate-demo-cases', procuratorates);
  await db
    .insertInto('prosecution_case')
    .values(
      demo.cases.map((c) => ({
        id: c.id,
        case_number: `${c.regionCode}检刑诉〔${year}〕${100 + c.n}号`,
        procuratorate_id: c.organId,
        charges: c.charges,
        investigation_case_id: null,
        received_at: c.receivedAt,
      })),
    )
    .execute();
  await db.insertInto('accused_person').values(demo.persons).execute();
  for (const p of procuratorates) {
    await seedDemoHelpRequest(
      db,
      { subgraph: 'procuratorate', requestType: 'ProcuratorateHelpRequest' },
      {
        id: `request-${p.id}-1`,
        personId: `case-${p.id}-1-p1`,
        residentIdNumber: demo.persons.find((x) => x.id === `case-${p.id}-1-p1`)!.resident_id_number,
        stage: 'REVIEW_FOR_PROSECUTION',
        organKind: 'PROCURATORATE',
        organ: p,
        recordedBy: `procuratorate-staff-${p.regionCode}`,
        hoursAgo: demo.hoursAgo(),
        deadlineHours: 48,
      },
    );
  }
}
