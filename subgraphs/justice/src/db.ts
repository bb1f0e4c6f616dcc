import type { AuditLogTable } from '@duty/kit';
import type { JusticeBureauTable, LegalAidAgencyTable } from './agencies/table.js';
import type { DisclosureTable, HelpRecordTable } from './help-records/table.js';
import type { ActionItemTable, JointMeetingTable } from './joint-meetings/table.js';
import type { LawyerTable } from './lawyers/table.js';
import type { LegalAidApplicationTable, TimeLimitRuleTable } from './legal-aid/table.js';
import type { HelpRequestNoticeTable, NoticeEventTable } from './notices/table.js';
import type { PleaWitnessTable } from './plea/table.js';
import type { ServiceRatingTable } from './ratings/table.js';
import type { RosterEntryTable, RosterEventTable } from './roster/table.js';
import type { DutyShiftChangeTable, DutyShiftTable, LawyerUnavailableDateTable } from './schedules/table.js';
import type { WorkstationTable } from './workstations/table.js';

/** The justice subgraph's database: its tables by name. */
export interface JusticeDatabase {
  justice_bureau: JusticeBureauTable;
  legal_aid_agency: LegalAidAgencyTable;
  lawyer: LawyerTable;
  roster_entry: RosterEntryTable;
  roster_event: RosterEventTable;
  workstation: WorkstationTable;
  help_request_notice: HelpRequestNoticeTable;
  notice_event: NoticeEventTable;
  duty_shift: DutyShiftTable;
  duty_shift_change: DutyShiftChangeTable;
  lawyer_unavailable_date: LawyerUnavailableDateTable;
  help_record: HelpRecordTable;
  disclosure: DisclosureTable;
  audit_log: AuditLogTable;
  legal_aid_application: LegalAidApplicationTable;
  time_limit_rule: TimeLimitRuleTable;
  plea_witness: PleaWitnessTable;
  joint_meeting: JointMeetingTable;
  action_item: ActionItemTable;
  service_rating: ServiceRatingTable;
}
