import { type Kysely, sql } from 'kysely';
import type { SubgraphName } from '../config.js';
import { HELP_REQUEST_NOTICE, type HelpRequestNotice, type OrganKind } from '../notices.js';
import { enqueue } from '../outbox.js';
import { personKey } from '../person-key.js';
import type { HelpRequestRow, OrganRequestTables } from './tables.js';

// Any organ subgraph's database: it has these tables among its own.
type Db = Kysely<OrganRequestTables>;
const tables = (db: Kysely<any>) => db as Db;

export const findHelpRequestsByIds = (db: Kysely<any>, ids: readonly string[]) =>
  tables(db).selectFrom('help_request').selectAll().where('id', 'in', ids).execute();

export const findHelpRequestsByPersons = (db: Kysely<any>, personIds: readonly string[]) =>
  tables(db)
    .selectFrom('help_request')
    .selectAll()
    .where('person_id', 'in', personIds)
    .orderBy('requested_at')
    .execute();

export const findHelpRequestByKey = (db: Kysely<any>, key: string) =>
  tables(db).selectFrom('help_request').selectAll().where('idempotency_key', '=', key).executeTakeFirst();

export const findRightsNoticesByPersons = (db: Kysely<any>, personIds: readonly string[]) =>
  tables(db)
    .selectFrom('rights_notice')
    .selectAll()
    .where('person_id', 'in', personIds)
    .orderBy('informed_at')
    .execute();

/**
 * The deadline of a help request: the region's rule for this kind of organ (longest matching code
 * prefix) or the default, counted from the request.
 */
export async function helpRequestDeadline(
  db: Kysely<any>,
  place: { organKind: OrganKind; regionCode: string },
  requestedAt: Date,
  defaultHours: number,
): Promise<Date> {
  const { rows } = await sql<{ hours: number }>`
    select hours from deadline_rule
    where organ_kind = ${place.organKind} and ${place.regionCode} like region_prefix || '%'
    order by length(region_prefix) desc limit 1`.execute(db);
  const hours = rows[0]?.hours ?? defaultHours;
  return new Date(requestedAt.getTime() + hours * 3600_000);
}

/** What a notice says besides the request itself. */
export interface NoticeExtras {
  /** Other organs following the request (`HelpRequestNotice.concernedOrganIds`). */
  concernedOrganIds?: readonly string[];
  /** The accused's resident ID number: the notice carries only its `personKey`. */
  residentIdNumber?: string;
}

/** The notice (keys and dates only) a help request sends the legal aid agency. */
export function helpRequestNotice(
  source: { subgraph: SubgraphName; requestType: string },
  r: HelpRequestRow,
  extras: NoticeExtras = {},
): HelpRequestNotice {
  return {
    requestId: r.id,
    requestType: source.requestType,
    subgraph: source.subgraph,
    organKind: r.organ_kind,
    organId: r.organ_id,
    regionCode: r.region_code,
    stage: r.stage,
    concernedOrganIds: (extras.concernedOrganIds ?? []).filter((id) => id !== r.organ_id),
    ...(extras.residentIdNumber ? { personKey: personKey(extras.residentIdNumber) } : {}),
    workstationId: null,
    requestedAt: r.requested_at.toISOString(),
    deadlineAt: r.deadline_at.toISOString(),
  };
}

/**
 * Writes a help request and its notice to the legal aid agency. Call it inside the transaction that
 * records the request: the notice commits with the request, or neither does.
 */
export async function insertHelpRequest(
  db: Kysely<any>,
  source: { subgraph: SubgraphName; requestType: string },
  row: HelpRequestRow,
  extras: NoticeExtras = {},
) {
  await tables(db).insertInto('help_request').values(row).execute();
  await enqueue(db, HELP_REQUEST_NOTICE, helpRequestNotice(source, row, extras), row.id);
}
