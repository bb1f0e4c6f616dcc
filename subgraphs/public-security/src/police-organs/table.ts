import type { Selectable } from 'kysely';

export type PoliceOrganKind = 'PUBLIC_SECURITY' | 'STATE_SECURITY';

export interface PoliceOrganTable {
  id: string;
  name: string;
  kind: PoliceOrganKind;
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  region_code: string;
  parent_id: string | null;
  address: string;
  phone: string;
}
export type PoliceOrgan = Selectable<PoliceOrganTable>;
