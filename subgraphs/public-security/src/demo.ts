import { parentsFirst } from '@duty/kit';
import {
  type DemoDirectory,
  demoCases,
  demoDirectory,
  seedDemoHelpRequest,
  seedDemoHistory,
} from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { PublicSecurityDatabase } from './db.js';

/** The directory's police and state security organs and detention centers, as table rows. */
export function directoryRows(d: DemoDirectory) {
  return {
    police_organ: parentsFirst(d.policeOrgans).map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      level: o.level,
      region_code: o.regionCode,
      parent_id: o.parentId,
      address: o.address,
      phone: o.phone,
    })),
    detention_center: d.detentionCenters.map((c) => ({
      id: c.id,
      name: c.name,
      police_organ_id: c.policeOrganId,
      region_code: c.regionCode,
      address: c.address,
      phone: c.phone,
      capacity: c.capacity,
    })),
  };
}

/** The demo regions' police organs, detention centers, cases and help requests. */
export async function seedDemo(db: Kysely<PublicSecurityDatabase>) {
  const rows = directoryRows(demoDirectory());
  await db.insertInto('police_organ').values(rows.police_organ).execute();
  await db.insertInto('detention_center').values(rows.detention_center).execute();
  await seedCases(db);
  await seedDemoHistory(db, 'public-security');
}

/**
 * Two cases under investigation at every county police organ and one at every provincial state
 * security organ (its meetings need approval), the suspects held at a detention center; one help
 * request per county detention center, notified within its 24 hours.
 */
async function seedCases(db: Kysely<PublicSecurityDatabase>) {
  const d = demoDirectory();
  const year = new Date().getFullYear();
  const counties = d.policeOrgans.filter((o) => o.kind === 'PUBLIC_SECURITY' && o.level === 'COUNTY');
  const stateSecurity = d.policeOrgans.filter((o) => o.kind === 'STATE_SECURITY' && o.level === 'PROVINCE');
  const demo = demoCases('public-security-demo-cases', [...counties, ...stateSecurity]);
  // Held at the county's own center; state security suspects at the province's first county center.
  const centerOf = (regionCode: string) =>
    d.detentionCenters.find((c) => c.regionCode === regionCode) ??
    d.detentionCenters.find(
      (c) => c.regionCode.startsWith(regionCode.slice(0, 2)) && !c.regionCode.endsWith('00'),
    );
  await db
    .insertInto('investigation_case')
    .values(
      demo.cases.map((c) => ({
        id: c.id,
        case_number: `${c.regionCode}刑侦〔${year}〕${100 + c.n}号`,
        police_organ_id: c.organId,
        category: c.organId.startsWith('ssb-') ? ('STATE_SECURITY' as const) : ('ORDINARY' as const),
        charges: c.organId.startsWith('ssb-')
          ? ['为境外窃取、刺探、收买、非法提供国家秘密、情报罪']
          : c.charges,
        opened_at: c.receivedAt,
      })),
    )
    .execute();
  const regionOfCase = new Map(demo.cases.map((c) => [c.id, c.regionCode]));
  await db
    .insertInto('accused_person')
    .values(
      demo.persons.map((p) => ({
        ...p,
        detention_center_id: centerOf(regionOfCase.get(p.case_id)!)?.id ?? null,
      })),
    )
    .execute();
  for (const organ of counties) {
    const center = centerOf(organ.regionCode)!;
    await seedDemoHelpRequest(
      db,
      { subgraph: 'public-security', requestType: 'PoliceHelpRequest' },
      {
        id: `request-${center.id}-1`,
        personId: `case-${organ.id}-1-p1`,
        residentIdNumber: demo.persons.find((x) => x.id === `case-${organ.id}-1-p1`)!.resident_id_number,
        stage: 'INVESTIGATION',
        organKind: 'DETENTION_CENTER',
        organ: center,
        recordedBy: `detention-staff-${center.regionCode}`,
        hoursAgo: demo.hoursAgo(),
        deadlineHours: 24,
        concernedOrganIds: [organ.id],
      },
    );
  }
}
