import type { Selectable } from 'kysely';

export type RosterList = 'ROSTER' | 'POOL';
export type RosterStatus = 'ACTIVE' | 'SUSPENDED' | 'REMOVED';
export type RosterAction = 'ADMIT' | 'SUSPEND' | 'REMOVE' | 'REINSTATE';
export type AssessmentResult = 'PASS' | 'FAIL';

/** The assessment an admission rests on (art. 4): political quality, ethics, ability, years. */
export interface RosterAssessment {
  politicalQuality: AssessmentResult;
  ethics: AssessmentResult;
  ability: AssessmentResult;
  practiceYears: number;
  note?: string | null;
}

/** A lawyer's current standing on one agency's roster or pool. */
export interface RosterEntryTable {
  id: string;
  lawyer_id: string;
  agency_id: string;
  list: RosterList;
  status: RosterStatus;
  since: string;
}
export type RosterEntry = Selectable<RosterEntryTable>;

/** Every decision on an entry, append-only: the history is never overwritten. */
export interface RosterEventTable {
  id: string;
  roster_entry_id: string;
  action: RosterAction;
  status_after: RosterStatus;
  list: RosterList;
  reason: string;
  effective_date: string;
  decided_by: string;
  decided_at: Date;
  assessment: RosterAssessment | null;
}
export type RosterEvent = Selectable<RosterEventTable>;
