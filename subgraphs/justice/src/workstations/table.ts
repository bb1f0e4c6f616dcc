import type { Generated, Selectable } from 'kysely';

export type HostKind = 'COURT' | 'PROCURATORATE' | 'DETENTION_CENTER';
export type DutyMode = 'ON_SITE' | 'PHONE' | 'ONLINE';

export interface WorkstationTable {
  id: string;
  name: string;
  agency_id: string;
  /** The host organ lives in another subgraph; it is referenced by kind and id. */
  host_kind: HostKind;
  host_id: string;
  region_code: string;
  address: string;
  phone: string;
  duty_modes: DutyMode[];
  opening_hours: string;
  /** Public notice (art. 3): what legal aid covers, who qualifies, what the duty lawyer does. */
  legal_aid_scope: Generated<string>;
  legal_aid_conditions: Generated<string>;
  duty_lawyer_duties: Generated<string>;
  /** Daily duty slots, China time, e.g. [{ start: '09:00', end: '12:00' }]. */
  slots: Generated<DutySlot[]>;
  /** Shifts per slot to plan when there is no request history yet. */
  planned_daily_demand: Generated<number>;
  assignment: Generated<'FIXED' | 'ROTATION'>;
  /** For FIXED assignment: the lawyers who serve here, in order of preference. */
  fixed_lawyer_ids: Generated<string[]>;
}

export interface DutySlot {
  start: string;
  end: string;
}
export type Workstation = Selectable<WorkstationTable>;
