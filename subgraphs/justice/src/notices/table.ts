import type { CaseStage, OrganKind, SubgraphName } from '@duty/kit';
import type { Generated, Selectable } from 'kysely';

export type NoticeStatus =
  | 'RECEIVED'
  | 'ASSIGNED'
  | 'ACCEPTED'
  | 'IN_PROGRESS'
  | 'COMPLETED'
  | 'CANCELLED'
  | 'REFUSED_BY_ACCUSED';

/** A notice received from an organ (通知): the inbox row, keyed by the organ's request. */
export interface HelpRequestNoticeTable {
  id: string;
  subgraph: SubgraphName;
  request_type: string;
  request_id: string;
  organ_kind: OrganKind;
  organ_id: string;
  region_code: string;
  stage: CaseStage;
  workstation_id: string | null;
  /** Other organs following the request, which see its dispatch too. */
  concerned_organ_ids: Generated<string[]>;
  /** The person's pseudonymous key from the organ, linking their notices across stages. */
  person_key: string | null;
  requested_at: Date;
  deadline_at: Date;
  received_at: Generated<Date>;
  status: Generated<NoticeStatus>;
  /** The duty lawyer assigned, while one is. */
  lawyer_id: Generated<string | null>;
  assigned_at: Generated<Date | null>;
  /** First answered (assigned or closed): set by the database, never moved (deadlines.ts). */
  answered_at: Generated<Date | null>;
  updated_at: Generated<Date>;
}
export type HelpRequestNotice = Selectable<HelpRequestNoticeTable>;

/** Statuses in which the lawyer once assigned no longer stands assigned to the request. */
export const ASSIGNMENT_ENDED: readonly NoticeStatus[] = ['CANCELLED', 'REFUSED_BY_ACCUSED'];

export type NoticeAction =
  | 'ASSIGN'
  | 'ACCEPT'
  | 'DECLINE'
  | 'START'
  | 'COMPLETE'
  | 'CANCEL'
  | 'REFUSED_BY_ACCUSED';

/** One step of a notice: who did what, when, and why (append-only). */
export interface NoticeEventTable {
  id: string;
  notice_id: string;
  action: NoticeAction;
  status_after: NoticeStatus;
  lawyer_id: string | null;
  reason: string | null;
  actor: string;
  at: Generated<Date>;
  idempotency_key: string | null;
}
export type NoticeEvent = Selectable<NoticeEventTable>;
