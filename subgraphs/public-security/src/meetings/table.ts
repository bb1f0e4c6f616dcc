import type { Selectable } from 'kysely';

export type MeetingStatus = 'AWAITING_APPROVAL' | 'REQUESTED' | 'REFUSED' | 'ARRANGED' | 'HELD';

/** A duty lawyer's request to meet a detainee (会见), and how the detention center handled it. */
export interface MeetingRequestTable {
  id: string;
  person_id: string;
  detention_center_id: string;
  help_request_id: string;
  lawyer_id: string;
  requested_at: Date;
  needs_approval: boolean;
  status: MeetingStatus;
  /** Set when the meeting may be arranged: on request, or on approval where one is needed. */
  deadline_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  scheduled_at: Date | null;
  room: string | null;
  arranged_by: string | null;
  arranged_at: Date | null;
  held_from: Date | null;
  held_until: Date | null;
  idempotency_key: string | null;
}
export type MeetingRequest = Selectable<MeetingRequestTable>;

export interface MeetingDeadlineRuleTable {
  region_prefix: string;
  hours: number;
}
