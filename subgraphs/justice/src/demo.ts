import { demoDirectory } from '@duty/kit/demo';
import type { Kysely } from 'kysely';
import type { JusticeDatabase } from './db.js';

/** The demo regions' justice bureaus, legal aid agencies, lawyers and workstations. */
export async function seedDemo(db: Kysely<JusticeDatabase>) {
  const d = demoDirectory();
  const organ = (o: { id: string; name: string; regionCode: string; address: string; phone: string }) => ({
    id: o.id,
    name: o.name,
    region_code: o.regionCode,
    address: o.address,
    phone: o.phone,
  });
  await db
    .insertInto('justice_bureau')
    .values(d.justiceBureaus.map((b) => ({ ...organ(b), level: b.level })))
    .execute();
  await db
    .insertInto('legal_aid_agency')
    .values(
      d.legalAidAgencies.map((a) => ({ ...organ(a), level: a.level, justice_bureau_id: a.justiceBureauId })),
    )
    .execute();
  await db
    .insertInto('lawyer')
    .values(
      d.lawyers.map((l) => ({
        id: l.id,
        name: l.name,
        gender: l.gender,
        resident_id_number: l.residentIdNumber,
        license_no: l.licenseNo,
        law_firm: l.lawFirm,
        practice_kind: l.practiceKind,
        first_licensed_year: l.firstLicensedYear,
        phone: l.phone,
        region_code: l.regionCode,
        agency_id: l.agencyId,
      })),
    )
    .execute();
  await db
    .insertInto('workstation')
    .values(
      d.workstations.map((w) => ({
        ...organ(w),
        agency_id: w.agencyId,
        host_kind: w.hostKind,
        host_id: w.hostId,
        duty_modes: w.dutyModes,
        opening_hours: w.openingHours,
      })),
    )
    .execute();
}
