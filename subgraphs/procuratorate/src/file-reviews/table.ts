import type { Generated, Selectable } from 'kysely';

export type FileReviewStatus = 'REQUESTED' | 'ARRANGED' | 'REFUSED' | 'DONE';

/** A duty lawyer's file review (阅卷) at the procuratorate, the organ's side of it. */
export interface FileReviewTable {
  id: string;
  case_id: string;
  lawyer_id: string;
  requested_at: Generated<Date>;
  status: Generated<FileReviewStatus>;
  scheduled_at: Date | null;
  place: string | null;
  decision_reason: string | null;
  reviewed_at: Date | null;
  materials: string[] | null;
  handled_by: string | null;
  idempotency_key: string | null;
}
export type FileReview = Selectable<FileReviewTable>;
