import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { CourtDatabase } from '../db.js';
import type { CourtLevel } from './table.js';

export function findCourtsByIds(db: Kysely<CourtDatabase>, ids: readonly string[]) {
  return db.selectFrom('court').selectAll().where('id', 'in', ids).execute();
}

export function listCourts(
  db: Kysely<CourtDatabase>,
  filter: { regionPrefix: string; level?: CourtLevel | null },
  page: PageArgs,
) {
  let q = db.selectFrom('court').selectAll().where('region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.level) q = q.where('level', '=', filter.level);
  return keysetPage(q, 'id', page).execute();
}
