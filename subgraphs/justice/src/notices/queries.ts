import { overdueCondition, type PageArgs, rowKeysetPage, type TimeLimit } from '@duty/kit';
import { type ExpressionBuilder, type Insertable, type Kysely, sql } from 'kysely';
import type { JusticeDatabase } from '../db.js';
import type { HostKind } from '../workstations/table.js';
import type { HelpRequestNoticeTable, NoticeStatus } from './table.js';

export type InboxOrder = 'NEWEST' | 'MOST_URGENT';

export interface InboxFilter {
  regionPrefix: string;
  status?: NoticeStatus[] | null;
  organKind?: string | null;
  organId?: string | null;
  workstationId?: string | null;
  overdue?: boolean | null;
}

/**
 * The notices of a region by its code prefix: a province (2 digits) or a city (4) through the
 * indexes keyed by that part of the code, so a page comes off the index in order; a county by
 * its code.
 */
function regionScope(prefix: string) {
  return (eb: ExpressionBuilder<JusticeDatabase, 'help_request_notice'>) =>
    prefix.length === 2 || prefix.length === 4
      ? eb(sql<string>`left(region_code, ${sql.lit(prefix.length)})`, '=', prefix)
      : prefix.length === 6
        ? eb('region_code', '=', prefix)
        : eb('region_code', 'like', `${prefix}%`);
}

/** One inbox page: one statement, whatever the page size. */
export function listInbox(
  db: Kysely<JusticeDatabase>,
  filter: InboxFilter,
  order: InboxOrder,
  page: PageArgs,
) {
  let q = db.selectFrom('help_request_notice').selectAll().where(regionScope(filter.regionPrefix));
  if (filter.status?.length) q = q.where('status', 'in', filter.status);
  if (filter.organKind) q = q.where('organ_kind', '=', filter.organKind as never);
  if (filter.organId) q = q.where('organ_id', '=', filter.organId);
  if (filter.workstationId) q = q.where('workstation_id', '=', filter.workstationId);
  if (filter.overdue != null) {
    const overdue = sql<boolean>`${sql.raw(overdueCondition('deadline_at', 'answered_at'))}`;
    q = q.where(filter.overdue ? overdue : sql<boolean>`not ${overdue}`);
  }
  return order === 'NEWEST'
    ? rowKeysetPage(q, [{ ref: 'requested_at', cast: 'timestamptz' }, { ref: 'id' }], 'desc', page).execute()
    : rowKeysetPage(q, [{ ref: 'deadline_at', cast: 'timestamptz' }, { ref: 'id' }], 'asc', page).execute();
}

/** A notice's time limit, for the kit's one rule of overdue and answered late. */
export const timeLimit = (n: { deadline_at: Date; answered_at: Date | null }): TimeLimit => ({
  deadlineAt: n.deadline_at,
  answeredAt: n.answered_at,
});

const HOST_OF_ORGAN: Record<string, HostKind | undefined> = {
  COURT: 'COURT',
  PROCURATORATE: 'PROCURATORATE',
  DETENTION_CENTER: 'DETENTION_CENTER',
};

/**
 * Records a notice, filed under the workstation at the organ when there is one; a second delivery
 * of the same notice changes nothing. Returns whether it was new.
 */
export async function receiveNotice(
  db: Kysely<JusticeDatabase>,
  notice: Omit<
    Insertable<HelpRequestNoticeTable>,
    'received_at' | 'status' | 'lawyer_id' | 'assigned_at' | 'updated_at'
  >,
) {
  let row = notice;
  const hostKind = HOST_OF_ORGAN[row.organ_kind];
  if (!row.workstation_id && hostKind) {
    const ws = await db
      .selectFrom('workstation')
      .select('id')
      .where('host_kind', '=', hostKind)
      .where('host_id', '=', row.organ_id)
      .orderBy('id')
      .executeTakeFirst();
    row = { ...row, workstation_id: ws?.id ?? null };
  }
  const result = await db
    .insertInto('help_request_notice')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
