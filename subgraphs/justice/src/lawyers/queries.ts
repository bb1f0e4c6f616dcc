import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { JusticeDatabase } from '../db.js';

export function findLawyersByIds(db: Kysely<JusticeDatabase>, ids: readonly string[]) {
  return db.selectFrom('lawyer').selectAll().where('id', 'in', ids).execute();
}

export function listLawyers(db: Kysely<JusticeDatabase>, regionPrefix: string, page: PageArgs) {
  const q = db.selectFrom('lawyer').selectAll().where('region_code', 'like', `${regionPrefix}%`);
  return keysetPage(q, 'id', page).execute();
}
