import type { Generated, Selectable } from 'kysely';

/** The lawyer's side of a plea agreement (见证具结). */
export interface PleaWitnessTable {
  id: string;
  agreement_id: string;
  lawyer_id: string;
  present: boolean;
  voluntary: boolean;
  objection: string | null;
  recorded_at: Generated<Date>;
  idempotency_key: string | null;
}
export type PleaWitness = Selectable<PleaWitnessTable>;
