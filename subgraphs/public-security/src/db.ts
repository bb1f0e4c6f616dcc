import type { DetentionCenterTable } from './detention-centers/table.js';
import type { PoliceOrganTable } from './police-organs/table.js';

/** The public-security subgraph's database: its tables by name. */
export interface PublicSecurityDatabase {
  police_organ: PoliceOrganTable;
  detention_center: DetentionCenterTable;
}
