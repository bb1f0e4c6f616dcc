import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely, Transaction } from 'kysely';
import type { JusticeDatabase } from '../db.js';
import type { RosterAction, RosterAssessment, RosterEntry, RosterList, RosterStatus } from './table.js';

export function findEntriesByIds(db: Kysely<JusticeDatabase>, ids: readonly string[]) {
  return db.selectFrom('roster_entry').selectAll().where('id', 'in', ids).execute();
}

export function findEntriesByLawyers(db: Kysely<JusticeDatabase>, lawyerIds: readonly string[]) {
  return db
    .selectFrom('roster_entry')
    .selectAll()
    .where('lawyer_id', 'in', lawyerIds)
    .orderBy('id')
    .execute();
}

export function findEventsByEntries(db: Kysely<JusticeDatabase>, entryIds: readonly string[]) {
  return db
    .selectFrom('roster_event')
    .selectAll()
    .where('roster_entry_id', 'in', entryIds)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
}

/** Entries of the agencies in a region (by the agency's region), optionally by status and list. */
export function listEntries(
  db: Kysely<JusticeDatabase>,
  filter: { regionPrefix: string; status?: RosterStatus | null; list?: RosterList | null },
  page: PageArgs,
) {
  let q = db
    .selectFrom('roster_entry as e')
    .innerJoin('legal_aid_agency as a', 'a.id', 'e.agency_id')
    .selectAll('e')
    .where('a.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.status) q = q.where('e.status', '=', filter.status);
  if (filter.list) q = q.where('e.list', '=', filter.list);
  return keysetPage(q, 'e.id', page).execute();
}

export function findLawyerByLicense(db: Kysely<JusticeDatabase>, licenseNo: string) {
  return db.selectFrom('lawyer').selectAll().where('license_no', '=', licenseNo).executeTakeFirst();
}

/** Writes the entry's new standing and the decision behind it, in the caller's transaction. */
export async function recordDecision(
  trx: Transaction<JusticeDatabase>,
  entry: RosterEntry,
  decision: {
    action: RosterAction;
    reason: string;
    effectiveDate: string;
    decidedBy: string;
    assessment?: RosterAssessment;
  },
  eventId: string,
) {
  await trx
    .insertInto('roster_entry')
    .values(entry)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ status: entry.status, list: entry.list, since: entry.since }),
    )
    .execute();
  await trx
    .insertInto('roster_event')
    .values({
      id: eventId,
      roster_entry_id: entry.id,
      action: decision.action,
      status_after: entry.status,
      list: entry.list,
      reason: decision.reason,
      effective_date: decision.effectiveDate,
      decided_by: decision.decidedBy,
      assessment: decision.assessment ? JSON.stringify(decision.assessment) : null,
    } as never)
    .execute();
}
