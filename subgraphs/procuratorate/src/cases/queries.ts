import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { ProcuratorateDatabase } from '../db.js';

type Db = Kysely<ProcuratorateDatabase>;

/** Cases with their procuratorate's region, which decides who may read them. */
const cases = (db: Db) =>
  db
    .selectFrom('prosecution_case as c')
    .innerJoin('procuratorate as pr', 'pr.id', 'c.procuratorate_id')
    .selectAll('c')
    .select('pr.region_code');

export const findCasesByIds = (db: Db, ids: readonly string[]) =>
  cases(db).where('c.id', 'in', ids).execute();

export const listCasesOf = (db: Db, procuratorateId: string, page: PageArgs) =>
  keysetPage(cases(db).where('c.procuratorate_id', '=', procuratorateId), 'c.id', page).execute();

/** Suspects with their case's procuratorate, stage and region. */
const persons = (db: Db) =>
  db
    .selectFrom('accused_person as p')
    .innerJoin('prosecution_case as c', 'c.id', 'p.case_id')
    .innerJoin('procuratorate as pr', 'pr.id', 'c.procuratorate_id')
    .selectAll('p')
    .select(['c.procuratorate_id', 'c.stage', 'pr.region_code']);

export const findPersonsByIds = (db: Db, ids: readonly string[]) =>
  persons(db).where('p.id', 'in', ids).execute();

export const findPersonsByCases = (db: Db, caseIds: readonly string[]) =>
  persons(db).where('p.case_id', 'in', caseIds).orderBy('p.id').execute();

export type CaseRow = Awaited<ReturnType<typeof findCasesByIds>>[number];
export type PersonRow = Awaited<ReturnType<typeof findPersonsByIds>>[number];
