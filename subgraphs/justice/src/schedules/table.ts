import type { Generated, Selectable } from 'kysely';
import type { DutyMode } from '../workstations/table.js';

export type ShiftStatus = 'SCHEDULED' | 'CANCELLED';
export type Assignment = 'FIXED' | 'ROTATION';

/** One duty slot at a workstation; `lawyer_id` null is a slot nobody covers yet. */
export interface DutyShiftTable {
  id: string;
  workstation_id: string;
  lawyer_id: string | null;
  starts_at: Date;
  ends_at: Date;
  mode: DutyMode;
  assignment: Generated<Assignment>;
  status: Generated<ShiftStatus>;
  /** Cross-region allocation: the lawyer's own agency, when it is not the workstation's. */
  lent_from_agency_id: string | null;
  cancel_reason: string | null;
  created_by: string;
  created_at: Generated<Date>;
}
export type DutyShift = Selectable<DutyShiftTable>;

export interface DutyShiftChangeTable {
  id: string;
  shift_id: string;
  kind: 'SWAP' | 'CANCEL';
  from_lawyer_id: string | null;
  to_lawyer_id: string | null;
  reason: string;
  changed_by: string;
  changed_at: Generated<Date>;
}
export type DutyShiftChange = Selectable<DutyShiftChangeTable>;

export interface LawyerUnavailableDateTable {
  lawyer_id: string;
  date: string;
  reason: Generated<string>;
}
