import type { Generated, Selectable } from 'kysely';

export type Procedure = 'FAST_TRACK' | 'SUMMARY' | 'ORDINARY';

export interface SentencingRecommendationTable {
  id: string;
  person_id: string;
  charges: string[];
  sentence: string;
  procedure: Procedure;
  recorded_by: string;
  recorded_at: Generated<Date>;
  idempotency_key: string | null;
}
export type SentencingRecommendation = Selectable<SentencingRecommendationTable>;

export interface LawyerOpinionTable {
  id: string;
  recommendation_id: string;
  lawyer_id: string;
  on_facts: string | null;
  on_charge: string | null;
  on_law: string | null;
  on_recommendation: string | null;
  on_procedure: string | null;
  submitted_at: Generated<Date>;
  adopted: boolean | null;
  adoption_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  idempotency_key: string | null;
}
export type LawyerOpinion = Selectable<LawyerOpinionTable>;

export interface PleaAgreementTable {
  id: string;
  recommendation_id: string;
  person_id: string;
  signed_at: Date;
  lawyer_id: string;
  lawyer_license_no: string;
  lawyer_name: string;
  lawyer_capacity: 'DUTY_LAWYER' | 'DEFENSE_COUNSEL';
  recorded_by: string;
  recorded_at: Generated<Date>;
  idempotency_key: string | null;
  /** Set when the agreement was withdrawn (撤回): a new one may then be signed. */
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
}
export type PleaAgreement = Selectable<PleaAgreementTable>;
