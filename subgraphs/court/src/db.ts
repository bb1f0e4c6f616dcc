import type { AccusedPersonTable, OrganRequestTables } from '@duty/kit';
import type { CourtCaseTable } from './cases/table.js';
import type { CourtTable } from './courts/table.js';

/** The court subgraph's database: its tables by name (rights notices and help requests are the kit's). */
export interface CourtDatabase extends OrganRequestTables {
  court: CourtTable;
  court_case: CourtCaseTable;
  accused_person: AccusedPersonTable;
}
