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
