import type { Selectable } from 'kysely';

export type OrganLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export interface ProcuratorateTable {
  id: string;
  name: string;
  level: OrganLevel;
  region_code: string;
  parent_id: string | null;
  address: string;
  phone: string;
}
export type Procuratorate = Selectable<ProcuratorateTable>;
