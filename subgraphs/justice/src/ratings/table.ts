import type { Generated } from 'kysely';

/** A host unit's feedback on a workstation, or a client's rating on a follow-up call (1–5). */
export interface ServiceRatingTable {
  id: string;
  kind: 'HOST_FEEDBACK' | 'CLIENT_FOLLOW_UP';
  workstation_id: string;
  notice_id: string | null;
  rating: number;
  comment: string | null;
  rated_at: Generated<Date>;
  recorded_by: string;
  region_code: string;
  idempotency_key: string | null;
}
