import type { Generated, Selectable } from 'kysely';
import type { AssembledReport } from '../report/assemble.js';

export interface Participant {
  agency: string;
  people: string[];
}

export interface JointMeetingTable {
  id: string;
  region_code: string;
  /** The convening justice bureau (its agency id): the only one that edits the meeting. */
  convened_by: string;
  title: string;
  held_on: string;
  place: string | null;
  participants: Participant[];
  agenda: string[];
  minutes: string | null;
  decisions: Generated<string[]>;
  report_from: string;
  report_to: string;
  report_snapshot: AssembledReport;
  snapshot_taken_at: Date;
  created_by: string;
  created_at: Generated<Date>;
  idempotency_key: string | null;
}
export type JointMeeting = Selectable<JointMeetingTable>;

export type ActionStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE';

export interface ActionItemTable {
  id: string;
  meeting_id: string;
  description: string;
  owner_agency_id: string;
  owner_agency_name: string;
  due_on: string;
  status: Generated<ActionStatus>;
  follow_up: string | null;
  updated_at: Generated<Date>;
  updated_by: string;
}
export type ActionItem = Selectable<ActionItemTable>;
