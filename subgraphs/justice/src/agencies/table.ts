import type { Generated, Selectable } from 'kysely';

type Level = 'PROVINCE' | 'CITY' | 'COUNTY';

export interface JusticeBureauTable {
  id: string;
  name: string;
  level: Level;
  region_code: string;
  address: string;
  phone: string;
}
export type JusticeBureau = Selectable<JusticeBureauTable>;

export interface LegalAidAgencyTable {
  id: string;
  name: string;
  level: Level;
  region_code: string;
  justice_bureau_id: string;
  address: string;
  phone: string;
  /** Least years of practice for admission to this agency's roster. */
  min_practice_years: Generated<number>;
  /** Pool (库) lawyers serve on duty too (art. 4), not only the roster's. */
  pool_serves_duty: Generated<boolean>;
}
export type LegalAidAgency = Selectable<LegalAidAgencyTable>;
