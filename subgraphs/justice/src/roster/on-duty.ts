import type { Kysely } from 'kysely';
import type { JusticeDatabase } from '../db.js';

/**
 * The roster entries that put a lawyer on duty (art. 4), the one home of the rule: an active entry
 * on an agency's roster, or on its pool (库) where the agency admits pool lawyers to duty.
 */
export const dutyEntries = (db: Kysely<JusticeDatabase>) =>
  db
    .selectFrom('roster_entry as e')
    .innerJoin('legal_aid_agency as a', 'a.id', 'e.agency_id')
    .where('e.status', '=', 'ACTIVE')
    .where((eb) => eb.or([eb('e.list', '=', 'ROSTER'), eb('a.pool_serves_duty', '=', true)]));

/** Ids of the lawyers on duty by their standing (a subquery for `where l.id in (…)`). */
export const dutyLawyerIds = (db: Kysely<JusticeDatabase>) => dutyEntries(db).select('e.lawyer_id');
