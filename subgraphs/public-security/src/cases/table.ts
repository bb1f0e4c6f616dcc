import type { Generated, Selectable } from 'kysely';

export type CaseCategory = 'ORDINARY' | 'STATE_SECURITY' | 'TERRORISM';

/** A case under investigation (侦查阶段案件) by a police or state security organ. */
export interface InvestigationCaseTable {
  id: string;
  case_number: string;
  police_organ_id: string;
  stage: Generated<'INVESTIGATION'>;
  category: Generated<CaseCategory>;
  charges: Generated<string[]>;
  opened_at: Date;
}
export type InvestigationCase = Selectable<InvestigationCaseTable>;

/** The suspect (犯罪嫌疑人), and the detention center holding them if detained. */
export interface AccusedPersonTable {
  id: string;
  case_id: string;
  name: string;
  resident_id_number: string;
  phone: string | null;
  has_defense_counsel: Generated<boolean>;
  detention_center_id: string | null;
}
