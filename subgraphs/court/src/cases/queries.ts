import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { CourtDatabase } from '../db.js';

/** Cases with their court's region, which decides who may read them. */
const cases = (db: Kysely<CourtDatabase>) =>
  db
    .selectFrom('court_case as c')
    .innerJoin('court as ct', 'ct.id', 'c.court_id')
    .selectAll('c')
    .select('ct.region_code');

export const findCasesByIds = (db: Kysely<CourtDatabase>, ids: readonly string[]) =>
  cases(db).where('c.id', 'in', ids).execute();

export const listCasesOfCourt = (db: Kysely<CourtDatabase>, courtId: string, page: PageArgs) =>
  keysetPage(cases(db).where('c.court_id', '=', courtId), 'c.id', page).execute();

/** Accused persons with their case's court and region. */
const persons = (db: Kysely<CourtDatabase>) =>
  db
    .selectFrom('accused_person as p')
    .innerJoin('court_case as c', 'c.id', 'p.case_id')
    .innerJoin('court as ct', 'ct.id', 'c.court_id')
    .selectAll('p')
    .select(['c.court_id', 'c.stage', 'ct.region_code']);

export const findPersonsByIds = (db: Kysely<CourtDatabase>, ids: readonly string[]) =>
  persons(db).where('p.id', 'in', ids).execute();

export const findPersonsByCases = (db: Kysely<CourtDatabase>, caseIds: readonly string[]) =>
  persons(db).where('p.case_id', 'in', caseIds).orderBy('p.id').execute();

export type CaseRow = Awaited<ReturnType<typeof findCasesByIds>>[number];
export type PersonRow = Awaited<ReturnType<typeof findPersonsByIds>>[number];
