import type { ProcuratorateTable } from './procuratorates/table.js';

/** The procuratorate subgraph's database: its tables by name. */
export interface ProcuratorateDatabase {
  procuratorate: ProcuratorateTable;
}
