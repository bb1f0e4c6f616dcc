import type { AccusedPersonTable as KitAccusedPersonTable } from '@duty/kit';
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
export interface AccusedPersonTable extends KitAccusedPersonTable {
  detention_center_id: string | null;
}
