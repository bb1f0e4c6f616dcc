import type { AccusedPersonTable, CourtCaseTable } from './cases/table.js';
import type { CourtTable } from './courts/table.js';
import type { DeadlineRuleTable, HelpRequestTable, RightsNoticeTable } from './requests/table.js';

/** The court subgraph's database: its tables by name. */
export interface CourtDatabase {
  court: CourtTable;
  court_case: CourtCaseTable;
  accused_person: AccusedPersonTable;
  rights_notice: RightsNoticeTable;
  help_request: HelpRequestTable;
  deadline_rule: DeadlineRuleTable;
}
