import type { Generated, Selectable } from 'kysely';

/** A case under review for prosecution (审查起诉案件) at this procuratorate. */
export interface ProsecutionCaseTable {
  id: string;
  case_number: string;
  procuratorate_id: string;
  stage: Generated<'REVIEW_FOR_PROSECUTION'>;
  charges: Generated<string[]>;
  /** The police case it came from, in the public-security subgraph. */
  investigation_case_id: string | null;
  received_at: Date;
}
export type ProsecutionCase = Selectable<ProsecutionCaseTable>;
