import { canReadOrganRecord, isStaffOf, type Principal } from '@duty/kit';

/** Staff of a police or state security organ, for its own cases. */
export const ORGAN_ROLES = ['POLICE_STAFF', 'STATE_SECURITY_STAFF'] as const;
/** Staff of a detention center, for the people it holds. */
export const DETENTION_ROLES = ['DETENTION_CENTER_STAFF'] as const;
export const PUBLIC_SECURITY_ROLES = [...ORGAN_ROLES, ...DETENTION_ROLES] as const;

/** Staff of the organ handling the case, or of the detention center holding the person. */
export const isHandlingStaff = (
  p: Principal | null,
  row: { police_organ_id: string; detention_center_id?: string | null },
) =>
  isStaffOf(p, row.police_organ_id, ORGAN_ROLES) ||
  (!!row.detention_center_id && isStaffOf(p, row.detention_center_id, DETENTION_ROLES));

/** The handling organ's and holding center's staff, and legal aid staff of the organ's region. */
export const canReadCaseRecord = (
  p: Principal | null,
  row: { police_organ_id: string; region_code: string; detention_center_id?: string | null },
) =>
  isHandlingStaff(p, row) ||
  canReadOrganRecord(p, { id: row.police_organ_id, regionCode: row.region_code }, ORGAN_ROLES);
