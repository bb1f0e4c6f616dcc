import type { Kysely } from 'kysely';
import type { CourtDatabase } from '../db.js';

/** Help requests with the court and region they belong to. */
const requests = (db: Kysely<CourtDatabase>) =>
  db
    .selectFrom('help_request as r')
    .innerJoin('accused_person as p', 'p.id', 'r.person_id')
    .innerJoin('court_case as c', 'c.id', 'p.case_id')
    .innerJoin('court as ct', 'ct.id', 'c.court_id')
    .selectAll('r')
    .select(['p.case_id', 'c.court_id', 'ct.region_code']);

export const findRequestsByIds = (db: Kysely<CourtDatabase>, ids: readonly string[]) =>
  requests(db).where('r.id', 'in', ids).execute();

export const findRequestsByPersons = (db: Kysely<CourtDatabase>, personIds: readonly string[]) =>
  requests(db).where('r.person_id', 'in', personIds).orderBy('r.requested_at').execute();

export const findRequestByKey = (db: Kysely<CourtDatabase>, key: string) =>
  requests(db).where('r.idempotency_key', '=', key).executeTakeFirst();

export const findNoticesByPersons = (db: Kysely<CourtDatabase>, personIds: readonly string[]) =>
  db
    .selectFrom('rights_notice')
    .selectAll()
    .where('person_id', 'in', personIds)
    .orderBy('informed_at')
    .execute();

export type RequestRow = Awaited<ReturnType<typeof findRequestsByIds>>[number];
