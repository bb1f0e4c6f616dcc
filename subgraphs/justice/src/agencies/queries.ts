import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { JusticeDatabase } from '../db.js';

export function findAgenciesByIds(db: Kysely<JusticeDatabase>, ids: readonly string[]) {
  return db.selectFrom('legal_aid_agency').selectAll().where('id', 'in', ids).execute();
}

export function findAgenciesByBureaus(db: Kysely<JusticeDatabase>, bureauIds: readonly string[]) {
  return db
    .selectFrom('legal_aid_agency')
    .selectAll()
    .where('justice_bureau_id', 'in', bureauIds)
    .orderBy('id')
    .execute();
}

export function findBureausByIds(db: Kysely<JusticeDatabase>, ids: readonly string[]) {
  return db.selectFrom('justice_bureau').selectAll().where('id', 'in', ids).execute();
}

export function listAgencies(db: Kysely<JusticeDatabase>, regionPrefix: string, page: PageArgs) {
  const q = db.selectFrom('legal_aid_agency').selectAll().where('region_code', 'like', `${regionPrefix}%`);
  return keysetPage(q, 'id', page).execute();
}
