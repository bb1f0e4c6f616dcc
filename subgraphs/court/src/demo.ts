import { parentsFirst } from '@duty/kit';
import {
  type DemoDirectory,
  demoCases,
  demoDirectory,
  seedDemoHelpRequest,
  seedDemoHistory,
} from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { CourtDatabase } from './db.js';

/** The directory's courts as table rows; parents come first so the foreign key holds. */
export function directoryRows(d: DemoDirectory) {
  return {
    court: parentsFirst(d.courts).map((c) => ({
      id: c.id,
      name: c.name,
      level: c.level,
      region_code: c.regionCode,
      parent_id: c.parentId,
      address: c.address,
      phone: c.phone,
    })),
  };
}

/** The demo regions' courts, cases and help requests. */
export async function seedDemo(db: Kysely<CourtDatabase>) {
  await db.insertInto('court').values(directoryRows(demoDirectory()).court).execute();
  await seedCases(db);
  await seedDemoHistory(db, 'court');
}

/**
 * Two trial cases at every basic court with their accused, and one help request per court,
 * notified through the outbox like any other: the agencies' inboxes have content on first start.
 */
async function seedCases(db: Kysely<CourtDatabase>) {
  const year = new Date().getFullYear();
  const courts = demoDirectory().courts.filter((c) => c.level === 'BASIC');
  const demo = demoCases('court-demo-cases', courts);
  await db
    .insertInto('court_case')
    .values(
      demo.cases.map((c) => ({
        id: c.id,
        case_number: `（${year}）${c.regionCode}刑初${100 + c.n}号`,
        court_id: c.organId,
        charges: c.charges,
        received_at: c.receivedAt,
      })),
    )
    .execute();
  await db.insertInto('accused_person').values(demo.persons).execute();
  for (const court of courts) {
    await seedDemoHelpRequest(
      db,
      { subgraph: 'court', requestType: 'CourtHelpRequest' },
      {
        id: `request-${court.id}-1`,
        personId: `case-${court.id}-1-p1`,
        residentIdNumber: demo.persons.find((x) => x.id === `case-${court.id}-1-p1`)!.resident_id_number,
        stage: 'TRIAL',
        organKind: 'COURT',
        organ: court,
        recordedBy: `court-staff-${court.regionCode}`,
        hoursAgo: demo.hoursAgo(),
        deadlineHours: 48,
      },
    );
  }
}
