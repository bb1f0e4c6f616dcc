import type { Selectable } from 'kysely';

export interface RightsNoticeTable {
  id: string;
  person_id: string;
  stage: 'TRIAL';
  method: 'WRITTEN' | 'ORAL' | 'VIDEO';
  informed_at: Date;
  informed_by: string;
  answer: 'REQUESTS_HELP' | 'DECLINES';
  note: string | null;
}
export type RightsNotice = Selectable<RightsNoticeTable>;

export interface HelpRequestTable {
  id: string;
  person_id: string;
  stage: 'TRIAL';
  requested_by: 'ACCUSED' | 'RELATIVE';
  relative_name: string | null;
  relative_relation: string | null;
  requested_at: Date;
  deadline_at: Date;
  recorded_by: string;
  idempotency_key: string | null;
}
export type HelpRequest = Selectable<HelpRequestTable>;

export interface DeadlineRuleTable {
  region_prefix: string;
  hours: number;
}
