import type { Generated, Selectable } from 'kysely';

export interface LawyerTable {
  id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  resident_id_number: string;
  license_no: string;
  law_firm: string;
  practice_kind: 'PRIVATE_PRACTICE' | 'AGENCY';
  first_licensed_year: number;
  phone: string;
  region_code: string;
  /** The legal aid agency that manages this lawyer. */
  agency_id: string;
  max_on_site_per_month: Generated<number>;
  max_remote_per_month: Generated<number>;
}
export type Lawyer = Selectable<LawyerTable>;
