import { randomUUID } from 'node:crypto';
import { keysetPage, type PageArgs } from '@duty/kit';
import { type Kysely, sql } from 'kysely';
import type { JusticeDatabase } from '../db.js';
import type { HostKind } from '../workstations/table.js';
import type { DutyShiftChange } from './table.js';

export function findShiftsByIds(db: Kysely<JusticeDatabase>, ids: readonly string[]) {
  return db.selectFrom('duty_shift').selectAll().where('id', 'in', ids).execute();
}

export function findChangesByShifts(db: Kysely<JusticeDatabase>, shiftIds: readonly string[]) {
  return db
    .selectFrom('duty_shift_change')
    .selectAll()
    .where('shift_id', 'in', shiftIds)
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
}

/** Scheduled shifts overlapping [from, to) of the given workstations or lawyers, by start. */
export function findScheduled(
  db: Kysely<JusticeDatabase>,
  by: 'workstation_id' | 'lawyer_id',
  ids: readonly string[],
  from: Date,
  to: Date,
) {
  return db
    .selectFrom('duty_shift')
    .selectAll()
    .where(by, 'in', ids)
    .where('status', '=', 'SCHEDULED')
    .where('starts_at', '<', to)
    .where('ends_at', '>', from)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** Records a swap or cancellation beside the shift it changed (append-only). */
export function recordShiftChange(
  db: Kysely<JusticeDatabase>,
  change: Omit<DutyShiftChange, 'id' | 'changed_at'>,
) {
  return db
    .insertInto('duty_shift_change')
    .values({ id: randomUUID(), ...change })
    .execute();
}

/** Shifts at hosts (courts, procuratorates, detention centers) on a day: publication to organs. */
export function findShiftsAtHosts(
  db: Kysely<JusticeDatabase>,
  hostKind: HostKind,
  hostIds: readonly string[],
  from: Date,
  to: Date,
) {
  return db
    .selectFrom('duty_shift as s')
    .innerJoin('workstation as w', 'w.id', 's.workstation_id')
    .selectAll('s')
    .select(['w.host_id', 'w.region_code'])
    .where('w.host_kind', '=', hostKind)
    .where('w.host_id', 'in', hostIds)
    .where('s.status', '=', 'SCHEDULED')
    .where('s.lawyer_id', 'is not', null)
    .where('s.starts_at', '<', to)
    .where('s.ends_at', '>', from)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}

/** Slots nobody covers, in a region and period: the coverage view. */
export function listUnstaffed(
  db: Kysely<JusticeDatabase>,
  filter: { regionPrefix: string; from: Date; to: Date },
  page: PageArgs,
) {
  const q = db
    .selectFrom('duty_shift as s')
    .innerJoin('workstation as w', 'w.id', 's.workstation_id')
    .selectAll('s')
    .where('w.region_code', 'like', `${filter.regionPrefix}%`)
    .where('s.status', '=', 'SCHEDULED')
    .where('s.lawyer_id', 'is', null)
    .where('s.starts_at', '>=', filter.from)
    .where('s.starts_at', '<', filter.to);
  return keysetPage(q, 's.id', page).execute();
}

/**
 * The public notice board in one statement: the workstation's notice and today's duty lawyers
 * (name, license, mode, hours — nothing private).
 */
export async function findBoard(db: Kysely<JusticeDatabase>, workstationId: string, from: Date, to: Date) {
  const rows = await db
    .selectFrom('workstation as w')
    .innerJoin('legal_aid_agency as a', 'a.id', 'w.agency_id')
    .leftJoin('duty_shift as s', (join) =>
      join
        .onRef('s.workstation_id', '=', 'w.id')
        .on('s.status', '=', 'SCHEDULED')
        .on('s.lawyer_id', 'is not', null)
        .on('s.starts_at', '<', to)
        .on('s.ends_at', '>', from),
    )
    .leftJoin('lawyer as l', 'l.id', 's.lawyer_id')
    .select([
      'w.id',
      'w.name',
      'w.address',
      'w.phone',
      'w.opening_hours',
      'w.duty_modes',
      'w.legal_aid_scope',
      'w.legal_aid_conditions',
      'w.duty_lawyer_duties',
      'a.name as agency_name',
      'a.phone as agency_phone',
      's.starts_at',
      's.ends_at',
      's.mode',
      'l.name as lawyer_name',
      'l.license_no',
    ])
    .where('w.id', '=', workstationId)
    .orderBy('s.starts_at')
    .orderBy(sql`l.name`)
    .execute();
  return rows;
}
