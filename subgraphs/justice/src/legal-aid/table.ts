import type { Generated, Selectable } from 'kysely';

export type ApplicationStatus = 'UNDER_REVIEW' | 'GRANTED' | 'REFUSED';

/** A legal aid application forwarded by the duty lawyer, and the agency's handling of it. */
export interface LegalAidApplicationTable {
  id: string;
  notice_id: string;
  forwarded_by: string;
  applicant: 'ACCUSED' | 'RELATIVE';
  relative_name: string | null;
  relative_relation: string | null;
  received_at: Date;
  materials: string[];
  forwarded_at: Generated<Date>;
  forward_deadline_at: Date;
  review_deadline_at: Date;
  status: Generated<ApplicationStatus>;
  decided_at: Date | null;
  decided_by: string | null;
  decision_reason: string | null;
  defense_deadline_at: Date | null;
  defense_lawyer_id: string | null;
  defense_assigned_at: Date | null;
  defense_assigned_by: string | null;
  idempotency_key: string | null;
}
export type LegalAidApplication = Selectable<LegalAidApplicationTable>;

export type TimeLimitKind = 'FORWARD_APPLICATION' | 'REVIEW_APPLICATION' | 'ASSIGN_DEFENSE';

export interface TimeLimitRuleTable {
  region_prefix: string;
  kind: TimeLimitKind;
  hours: number;
}
