import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { PublicSecurityDatabase } from '../db.js';

type Db = Kysely<PublicSecurityDatabase>;

/** Cases with their organ's region, which decides who may read them. */
const cases = (db: Db) =>
  db
    .selectFrom('investigation_case as c')
    .innerJoin('police_organ as o', 'o.id', 'c.police_organ_id')
    .selectAll('c')
    .select('o.region_code');

export const findCasesByIds = (db: Db, ids: readonly string[]) =>
  cases(db).where('c.id', 'in', ids).execute();

export const listCasesOf = (db: Db, policeOrganId: string, page: PageArgs) =>
  keysetPage(cases(db).where('c.police_organ_id', '=', policeOrganId), 'c.id', page).execute();

/** Suspects with their case's organ, stage, category and region, and where they are held. */
const persons = (db: Db) =>
  db
    .selectFrom('accused_person as p')
    .innerJoin('investigation_case as c', 'c.id', 'p.case_id')
    .innerJoin('police_organ as o', 'o.id', 'c.police_organ_id')
    .leftJoin('detention_center as dc', 'dc.id', 'p.detention_center_id')
    .selectAll('p')
    .select([
      'c.police_organ_id',
      'c.stage',
      'c.category',
      'o.region_code',
      'dc.region_code as detention_region_code',
    ]);

export const findPersonsByIds = (db: Db, ids: readonly string[]) =>
  persons(db).where('p.id', 'in', ids).execute();

export const findPersonsByCases = (db: Db, caseIds: readonly string[]) =>
  persons(db).where('p.case_id', 'in', caseIds).orderBy('p.id').execute();

/** The detainees a detention center holds. */
export const listDetainees = (db: Db, detentionCenterId: string, page: PageArgs) =>
  keysetPage(persons(db).where('p.detention_center_id', '=', detentionCenterId), 'p.id', page).execute();

export type CaseRow = Awaited<ReturnType<typeof findCasesByIds>>[number];
export type PersonRow = Awaited<ReturnType<typeof findPersonsByIds>>[number];
