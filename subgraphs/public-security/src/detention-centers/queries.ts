import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { PublicSecurityDatabase } from '../db.js';

export function findDetentionCentersByIds(db: Kysely<PublicSecurityDatabase>, ids: readonly string[]) {
  return db.selectFrom('detention_center').selectAll().where('id', 'in', ids).execute();
}

export function findDetentionCentersByOrgans(
  db: Kysely<PublicSecurityDatabase>,
  organIds: readonly string[],
) {
  return db
    .selectFrom('detention_center')
    .selectAll()
    .where('police_organ_id', 'in', organIds)
    .orderBy('id')
    .execute();
}

export function listDetentionCenters(
  db: Kysely<PublicSecurityDatabase>,
  regionPrefix: string,
  page: PageArgs,
) {
  const q = db.selectFrom('detention_center').selectAll().where('region_code', 'like', `${regionPrefix}%`);
  return keysetPage(q, 'id', page).execute();
}
