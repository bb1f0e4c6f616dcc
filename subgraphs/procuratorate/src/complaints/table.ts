import type { Generated, Selectable } from 'kysely';

export type ComplaintStatus = 'RECEIVED' | 'UNDER_INVESTIGATION' | 'CONCLUDED';

/** A complaint of torture or illegal evidence the duty lawyer filed (代理申诉、控告). */
export interface MisconductComplaintTable {
  id: string;
  procuratorate_id: string;
  notice_id: string;
  lawyer_id: string;
  kind: 'TORTURE' | 'ILLEGAL_EVIDENCE';
  against: string;
  facts: string;
  filed_at: Generated<Date>;
  status: Generated<ComplaintStatus>;
  handling_notes: string | null;
  outcome: string | null;
  handled_by: string | null;
  concluded_at: Date | null;
  idempotency_key: string | null;
}
export type MisconductComplaint = Selectable<MisconductComplaintTable>;
