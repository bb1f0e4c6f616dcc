import type { OrganRequestTables } from '@duty/kit';
import type { AccusedPersonTable, InvestigationCaseTable } from './cases/table.js';
import type { DetentionCenterTable } from './detention-centers/table.js';
import type { MeetingDeadlineRuleTable, MeetingRequestTable } from './meetings/table.js';
import type { PoliceOrganTable } from './police-organs/table.js';

/** The public-security subgraph's database: its tables by name (rights notices and help requests are the kit's). */
export interface PublicSecurityDatabase extends OrganRequestTables {
  police_organ: PoliceOrganTable;
  detention_center: DetentionCenterTable;
  investigation_case: InvestigationCaseTable;
  accused_person: AccusedPersonTable;
  meeting_request: MeetingRequestTable;
  meeting_deadline_rule: MeetingDeadlineRuleTable;
}
