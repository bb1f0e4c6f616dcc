import type { CourtTable } from './courts/table.js';

/** The court subgraph's database: its tables by name. */
export interface CourtDatabase {
  court: CourtTable;
}
