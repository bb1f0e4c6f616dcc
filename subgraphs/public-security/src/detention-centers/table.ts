import type { Selectable } from 'kysely';

export interface DetentionCenterTable {
  id: string;
  name: string;
  police_organ_id: string;
  region_code: string;
  address: string;
  phone: string;
  capacity: number;
}
export type DetentionCenter = Selectable<DetentionCenterTable>;
