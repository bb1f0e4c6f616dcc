import type { Selectable } from 'kysely';

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
}
export type Workstation = Selectable<WorkstationTable>;
