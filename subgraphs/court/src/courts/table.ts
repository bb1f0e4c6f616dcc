import type { Selectable } from 'kysely';

export type CourtLevel = 'HIGH' | 'INTERMEDIATE' | 'BASIC';

export interface CourtTable {
  id: string;
  name: string;
  level: CourtLevel;
  region_code: string;
  parent_id: string | null;
  address: string;
  phone: string;
}
export type Court = Selectable<CourtTable>;
