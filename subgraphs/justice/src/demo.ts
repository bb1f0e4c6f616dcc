import { addDays, chinaToday } from '@duty/kit';
import {
  DEMO_REGIONS,
  type DemoDirectory,
  type DemoLawyer,
  demoDirectory,
  isPoolDemoLawyer,
  isSuspendedDemoLawyer,
  seedDemoHistory,
} from '@duty/kit/demo';
import type { Insertable, Kysely } from 'kysely';
import type { JusticeDatabase } from './db.js';
import type { RosterEntryTable, RosterEventTable } from './roster/table.js';
import { generateSchedule } from './schedules/generator.js';
import { DEFAULT_NOTICE } from './workstations/notice.js';

/** The directory's justice bureaus, legal aid agencies, lawyers and workstations, as table rows. */
export function directoryRows(d: DemoDirectory) {
  const organ = (o: { id: string; name: string; regionCode: string; address: string; phone: string }) => ({
    id: o.id,
    name: o.name,
    region_code: o.regionCode,
    address: o.address,
    phone: o.phone,
  });
  return {
    justice_bureau: d.justiceBureaus.map((b) => ({ ...organ(b), level: b.level })),
    legal_aid_agency: d.legalAidAgencies.map((a) => ({
      ...organ(a),
      level: a.level,
      justice_bureau_id: a.justiceBureauId,
    })),
    lawyer: d.lawyers.map((l) => ({
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
    workstation: d.workstations.map((w) => ({
      ...organ(w),
      agency_id: w.agencyId,
      host_kind: w.hostKind,
      host_id: w.hostId,
      duty_modes: w.dutyModes,
      opening_hours: w.openingHours,
      legal_aid_scope: DEFAULT_NOTICE.legalAidScope,
      legal_aid_conditions: DEFAULT_NOTICE.legalAidConditions,
      duty_lawyer_duties: DEFAULT_NOTICE.dutyLawyerDuties,
    })),
    ...rosterRows(d.lawyers),
  };
}

/** The demo regions' justice bureaus, legal aid agencies, lawyers, workstations and rosters. */
export async function seedDemo(db: Kysely<JusticeDatabase>) {
  const rows = directoryRows(demoDirectory());
  await db.insertInto('justice_bureau').values(rows.justice_bureau).execute();
  await db.insertInto('legal_aid_agency').values(rows.legal_aid_agency).execute();
  await db.insertInto('lawyer').values(rows.lawyer).execute();
  await db.insertInto('workstation').values(rows.workstation).execute();
  await db.insertInto('roster_entry').values(rows.roster_entry).execute();
  await db.insertInto('roster_event').values(rows.roster_event).execute();
  // A year of requests, dispatch and help records: the same rows the organs keep their side of.
  await seedDemoHistory(db, 'justice');
  // A month of schedules from today, made by the generator itself, so boards show real content.
  const today = chinaToday();
  for (const { province } of DEMO_REGIONS) {
    await generateSchedule(db, {
      regionPrefix: province.slice(0, 2),
      from: today,
      to: addDays(today, 30),
      createdBy: 'demo',
    });
  }
}

/**
 * Every lawyer is on their agency's roster, admitted after assessment; of each eight in a county
 * the seventh is in the pool, and the sixth was suspended later — so the history shows both.
 */
export function rosterRows(lawyers: readonly DemoLawyer[]) {
  const entries: Insertable<RosterEntryTable>[] = [];
  const events: Insertable<RosterEventTable>[] = [];
  for (const l of lawyers) {
    const id = `roster-${l.id}`;
    const list = isPoolDemoLawyer(l.id) ? 'POOL' : 'ROSTER';
    const admittedOn = `${Math.max(2019, l.firstLicensedYear + 2)}-03-01`;
    const assessment = {
      politicalQuality: 'PASS',
      ethics: 'PASS',
      ability: 'PASS',
      practiceYears: Number(admittedOn.slice(0, 4)) - l.firstLicensedYear,
      note: null,
    };
    events.push({
      id: `${id}-1`,
      roster_entry_id: id,
      action: 'ADMIT',
      status_after: 'ACTIVE',
      list,
      reason: '年度遴选考核合格',
      effective_date: admittedOn,
      decided_by: `dispatcher-${l.regionCode}`,
      decided_at: new Date(`${admittedOn}T09:00:00+08:00`),
      assessment: JSON.stringify(assessment) as never,
    });
    let status: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE';
    let since = admittedOn;
    if (isSuspendedDemoLawyer(l.id)) {
      status = 'SUSPENDED';
      since = '2026-09-01';
      events.push({
        id: `${id}-2`,
        roster_entry_id: id,
        action: 'SUSPEND',
        status_after: 'SUSPENDED',
        list,
        reason: '本人申请：外出培训三个月',
        effective_date: since,
        decided_by: `dispatcher-${l.regionCode}`,
        decided_at: new Date(`${since}T10:00:00+08:00`),
        assessment: null,
      });
    }
    entries.push({ id, lawyer_id: l.id, agency_id: l.agencyId, list, status, since });
  }
  return { roster_entry: entries, roster_event: events };
}
