import { keysetPage, type PageArgs } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { JusticeDatabase } from '../db.js';
import type { HostKind } from './table.js';

export function findWorkstationsByIds(db: Kysely<JusticeDatabase>, ids: readonly string[]) {
  return db.selectFrom('workstation').selectAll().where('id', 'in', ids).execute();
}

export function findWorkstationsByHosts(
  db: Kysely<JusticeDatabase>,
  hostKind: HostKind,
  hostIds: readonly string[],
) {
  return db
    .selectFrom('workstation')
    .selectAll()
    .where('host_kind', '=', hostKind)
    .where('host_id', 'in', hostIds)
    .orderBy('id')
    .execute();
}

export function findWorkstationsByAgencies(db: Kysely<JusticeDatabase>, agencyIds: readonly string[]) {
  return db.selectFrom('workstation').selectAll().where('agency_id', 'in', agencyIds).orderBy('id').execute();
}

export function listWorkstations(
  db: Kysely<JusticeDatabase>,
  filter: { regionPrefix: string; hostKind?: HostKind | null },
  page: PageArgs,
) {
  let q = db.selectFrom('workstation').selectAll().where('region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.hostKind) q = q.where('host_kind', '=', filter.hostKind);
  return keysetPage(q, 'id', page).execute();
}
