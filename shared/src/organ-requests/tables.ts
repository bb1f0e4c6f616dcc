import type { Generated, Selectable } from 'kysely';
import type { CaseStage, OrganKind } from '../notices.js';

/** The accused (被告人, 犯罪嫌疑人) in an organ's case; an organ may add columns. */
export interface AccusedPersonTable {
  id: string;
  case_id: string;
  name: string;
  resident_id_number: string;
  phone: string | null;
  has_defense_counsel: Generated<boolean>;
}

/** Where a record was taken: the organ (court, procuratorate, police organ, detention center). */
interface TakenAt {
  organ_kind: OrganKind;
  organ_id: string;
  region_code: string;
}

/** That the accused was informed of the right to a duty lawyer (告知), and the answer. */
export interface RightsNoticeTable extends TakenAt {
  id: string;
  person_id: string;
  stage: CaseStage;
  method: 'WRITTEN' | 'ORAL' | 'VIDEO';
  informed_at: Date;
  informed_by: string;
  answer: 'REQUESTS_HELP' | 'DECLINES';
  note: string | null;
}
export type RightsNoticeRow = Selectable<RightsNoticeTable>;

/** A request for a duty lawyer's help (法律帮助请求) by the accused or a close relative. */
export interface HelpRequestTable extends TakenAt {
  id: string;
  person_id: string;
  stage: CaseStage;
  requested_by: 'ACCUSED' | 'RELATIVE';
  relative_name: string | null;
  relative_relation: string | null;
  requested_at: Date;
  deadline_at: Date;
  recorded_by: string;
  idempotency_key: string | null;
}
export type HelpRequestRow = Selectable<HelpRequestTable>;

/** The hours the legal aid agency has to answer, per region prefix and kind of organ. */
export interface DeadlineRuleTable {
  region_prefix: string;
  organ_kind: OrganKind;
  hours: number;
}

/** The tables `organRequestTables` creates; an organ subgraph's database interface extends this. */
export interface OrganRequestTables {
  rights_notice: RightsNoticeTable;
  help_request: HelpRequestTable;
  deadline_rule: DeadlineRuleTable;
}
