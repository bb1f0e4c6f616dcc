import { isRegionWithin } from './regions.js';

/** Agency kinds as DOMAIN.md names them. */
export const AGENCY_KINDS = [
  'JUSTICE_BUREAU',
  'LEGAL_AID_AGENCY',
  'COURT',
  'PROCURATORATE',
  'PUBLIC_SECURITY',
  'STATE_SECURITY',
  'BAR_ASSOCIATION',
] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const ROLES = [
  'DUTY_LAWYER',
  'LEGAL_AID_DISPATCHER',
  'LEGAL_AID_SUPERVISOR',
  'JUSTICE_ADMIN',
  'COURT_STAFF',
  'PROCURATORATE_STAFF',
  'POLICE_STAFF',
  'DETENTION_CENTER_STAFF',
  'STATE_SECURITY_STAFF',
  'BAR_ASSOCIATION_STAFF',
  'JOINT_MEETING_MEMBER',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: set by the gateway from the caller's token, forwarded to subgraphs signed. */
export interface Principal {
  userId: string;
  name?: string;
  agencyId: string;
  agencyKind: AgencyKind;
  /** 6-digit region code; the user sees this region and everything under it. */
  regionCode: string;
  roles: Role[];
  /** Set for duty lawyers: their Lawyer id in the justice subgraph. */
  lawyerId?: string;
}

/** Role groups used by several subgraphs. */
export const LEGAL_AID_STAFF: readonly Role[] = [
  'LEGAL_AID_DISPATCHER',
  'LEGAL_AID_SUPERVISOR',
  'JUSTICE_ADMIN',
];
export const ORGAN_STAFF: readonly Role[] = [
  'COURT_STAFF',
  'PROCURATORATE_STAFF',
  'POLICE_STAFF',
  'DETENTION_CENTER_STAFF',
  'STATE_SECURITY_STAFF',
];

export const hasAnyRole = (p: Principal | null, roles: readonly Role[]) =>
  !!p && p.roles.some((r) => roles.includes(r));

/** Region scope follows the 6-digit code: a province user sees its cities and counties. */
export const canSeeRegion = (p: Principal | null, regionCode: string) =>
  !!p && isRegionWithin(regionCode, p.regionCode);

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);
export const isAgencyKind = (v: unknown): v is AgencyKind =>
  typeof v === 'string' && (AGENCY_KINDS as readonly string[]).includes(v);

/** Staff of this very organ (a court's staff for its own cases), in one of the organ's roles. */
export const isStaffOf = (p: Principal | null, organId: string, roles: readonly Role[]) =>
  !!p && p.agencyId === organId && hasAnyRole(p, roles);

/**
 * Who reads an organ's records of the accused: the organ's own staff, and legal aid staff of the
 * region (the agency the organ notified). Nobody else.
 */
export const canReadOrganRecord = (
  p: Principal | null,
  organ: { id: string; regionCode: string },
  roles: readonly Role[],
) => isStaffOf(p, organ.id, roles) || (hasAnyRole(p, LEGAL_AID_STAFF) && canSeeRegion(p, organ.regionCode));
