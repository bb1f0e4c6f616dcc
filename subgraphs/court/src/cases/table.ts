import type { Generated, Selectable } from 'kysely';

/** A trial-stage case (审判阶段案件) at this court. */
export interface CourtCaseTable {
  id: string;
  case_number: string;
  court_id: string;
  stage: Generated<'TRIAL'>;
  charges: Generated<string[]>;
  received_at: Date;
}
export type CourtCase = Selectable<CourtCaseTable>;

/** The accused (被告人) in a case. */
export interface AccusedPersonTable {
  id: string;
  case_id: string;
  name: string;
  resident_id_number: string;
  phone: string | null;
  has_defense_counsel: Generated<boolean>;
}
export type AccusedPerson = Selectable<AccusedPersonTable>;
