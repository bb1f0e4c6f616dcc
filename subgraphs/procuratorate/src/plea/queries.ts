import type { Kysely } from 'kysely';
import type { ProcuratorateDatabase } from '../db.js';

type Db = Kysely<ProcuratorateDatabase>;

/** Each plea record with the suspect's procuratorate and region, which decide who reads it. */
const recommendations = (db: Db) =>
  db
    .selectFrom('sentencing_recommendation as sr')
    .innerJoin('accused_person as p', 'p.id', 'sr.person_id')
    .innerJoin('prosecution_case as c', 'c.id', 'p.case_id')
    .innerJoin('procuratorate as pr', 'pr.id', 'c.procuratorate_id')
    .selectAll('sr')
    .select(['c.procuratorate_id', 'pr.region_code']);

export const findRecommendationsByIds = (db: Db, ids: readonly string[]) =>
  recommendations(db).where('sr.id', 'in', ids).execute();
export const findRecommendationsByPersons = (db: Db, personIds: readonly string[]) =>
  recommendations(db).where('sr.person_id', 'in', personIds).orderBy('sr.recorded_at').execute();
export const findRecommendationByKey = (db: Db, key: string) =>
  recommendations(db).where('sr.idempotency_key', '=', key).executeTakeFirst();

const opinions = (db: Db) =>
  db
    .selectFrom('lawyer_opinion as o')
    .innerJoin('sentencing_recommendation as sr', 'sr.id', 'o.recommendation_id')
    .innerJoin('accused_person as p', 'p.id', 'sr.person_id')
    .innerJoin('prosecution_case as c', 'c.id', 'p.case_id')
    .innerJoin('procuratorate as pr', 'pr.id', 'c.procuratorate_id')
    .selectAll('o')
    .select(['sr.person_id', 'c.procuratorate_id', 'pr.region_code']);

export const findOpinionsByIds = (db: Db, ids: readonly string[]) =>
  opinions(db).where('o.id', 'in', ids).execute();
export const findOpinionsByRecommendations = (db: Db, ids: readonly string[]) =>
  opinions(db).where('o.recommendation_id', 'in', ids).orderBy('o.submitted_at').execute();
export const findOpinionByKey = (db: Db, key: string) =>
  opinions(db).where('o.idempotency_key', '=', key).executeTakeFirst();

const agreements = (db: Db) =>
  db
    .selectFrom('plea_agreement as a')
    .innerJoin('accused_person as p', 'p.id', 'a.person_id')
    .innerJoin('prosecution_case as c', 'c.id', 'p.case_id')
    .innerJoin('procuratorate as pr', 'pr.id', 'c.procuratorate_id')
    .selectAll('a')
    .select(['c.procuratorate_id', 'pr.region_code']);

export const findAgreementsByIds = (db: Db, ids: readonly string[]) =>
  agreements(db).where('a.id', 'in', ids).execute();
export const findAgreementsByPersons = (db: Db, personIds: readonly string[]) =>
  agreements(db).where('a.person_id', 'in', personIds).orderBy('a.signed_at').execute();
export const findAgreementByKey = (db: Db, key: string) =>
  agreements(db).where('a.idempotency_key', '=', key).executeTakeFirst();

export type RecommendationRow = Awaited<ReturnType<typeof findRecommendationsByIds>>[number];
export type OpinionRow = Awaited<ReturnType<typeof findOpinionsByIds>>[number];
export type AgreementRow = Awaited<ReturnType<typeof findAgreementsByIds>>[number];
