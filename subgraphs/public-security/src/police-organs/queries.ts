import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { PublicSecurityDatabase } from '../db.js';
import type { PoliceOrganKind } from './table.js';

export function findPoliceOrgansByIds(db: Kysely<PublicSecurityDatabase>, ids: readonly string[]) {
  return db.selectFrom('police_organ').selectAll().where('id', 'in', ids).execute();
}

export function listPoliceOrgans(
  db: Kysely<PublicSecurityDatabase>,
  filter: { regionPrefix: string; kind?: PoliceOrganKind | null },
  page: PageArgs,
) {
  let q = db.selectFrom('police_organ').selectAll().where('region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return keysetPage(q, 'id', page).execute();
}
