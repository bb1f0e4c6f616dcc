import { DutyError, LEGAL_AID_STAFF, requireRegionRole } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { Context } from '../builder.js';
import type { JusticeDatabase } from '../db.js';
import { dutyEntries } from './on-duty.js';
import { findLawyerByLicense } from './queries.js';

/**
 * The lawyer with this license, on duty by their roster standing and of a region the caller manages: the one
 * check every assignment (duty lawyer, defense lawyer) makes. Throws NOT_FOUND, FORBIDDEN or
 * BAD_USER_INPUT (`OFF_ROSTER`).
 */
export async function activeRosterLawyer(db: Kysely<JusticeDatabase>, ctx: Context, licenseNo: string) {
  const lawyer = await findLawyerByLicense(db, licenseNo);
  if (!lawyer) throw new DutyError('NOT_FOUND', `未找到执业证号为 ${licenseNo} 的律师`);
  // Lawyers of other regions are allocated through the schedule (lending), not ad hoc.
  requireRegionRole(ctx, LEGAL_AID_STAFF, lawyer.region_code, '指派其他辖区的律师');
  const active = await dutyEntries(db).select('e.id').where('e.lawyer_id', '=', lawyer.id).executeTakeFirst();
  if (!active) {
    throw new DutyError('BAD_USER_INPUT', '该律师不在名册中（或已暂停、除名），不能指派', {
      reason: 'OFF_ROSTER',
    });
  }
  return lawyer;
}
