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
  requested_at: Date;
  deadline_at: Date;
  received_at: Generated<Date>;
  status: Generated<NoticeStatus>;
}
export type HelpRequestNotice = Selectable<HelpRequestNoticeTable>;
