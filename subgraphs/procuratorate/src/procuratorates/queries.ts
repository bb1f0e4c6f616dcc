import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { ProcuratorateDatabase } from '../db.js';

export function findProcuratoratesByIds(db: Kysely<ProcuratorateDatabase>, ids: readonly string[]) {
  return db.selectFrom('procuratorate').selectAll().where('id', 'in', ids).execute();
}

export function listProcuratorates(db: Kysely<ProcuratorateDatabase>, regionPrefix: string, page: PageArgs) {
  const q = db.selectFrom('procuratorate').selectAll().where('region_code', 'like', `${regionPrefix}%`);
  return keysetPage(q, 'id', page).execute();
}
