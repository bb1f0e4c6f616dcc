import { type PageArgs, rowKeysetPage } from '@duty/kit';
import { type Kysely, sql } from 'kysely';
import type { JusticeDatabase } from '../db.js';
import type { ApplicationStatus, TimeLimitKind } from './table.js';

type Db = Kysely<JusticeDatabase>;

/** Applications with the request's region, organ and subgraph (who reads; where to tell). */
const applications = (db: Db) =>
  db
    .selectFrom('legal_aid_application as a')
    .innerJoin('help_request_notice as n', 'n.id', 'a.notice_id')
    .selectAll('a')
    .select(['n.region_code', 'n.subgraph', 'n.request_id', 'n.lawyer_id as notice_lawyer_id']);

export const findApplicationsByIds = (db: Db, ids: readonly string[]) =>
  applications(db).where('a.id', 'in', ids).execute();

export const findApplicationsByNotices = (db: Db, noticeIds: readonly string[]) =>
  applications(db).where('a.notice_id', 'in', noticeIds).orderBy('a.forwarded_at').execute();

export const findApplicationByKey = (db: Db, key: string) =>
  applications(db).where('a.idempotency_key', '=', key).executeTakeFirst();

/** Past its deadline: forwarded late, review not decided in time, or defense not assigned in time. */
export const overdueSql = sql<boolean>`(a.forwarded_at > a.forward_deadline_at
  or (a.status = 'UNDER_REVIEW' and a.review_deadline_at < now())
  or (a.status = 'GRANTED' and a.defense_lawyer_id is null and a.defense_deadline_at < now()))`;

/** One page of a region's applications, the review deadline first: one statement. */
export function listApplications(
  db: Db,
  f: { regionPrefix: string; status?: ApplicationStatus[] | null; overdue?: boolean | null },
  page: PageArgs,
) {
  let q = applications(db).where('n.region_code', 'like', `${f.regionPrefix}%`);
  if (f.status?.length) q = q.where('a.status', 'in', f.status);
  if (f.overdue != null) q = q.where(sql<boolean>`${overdueSql} = ${f.overdue}`);
  return rowKeysetPage(
    q,
    [{ ref: 'a.review_deadline_at', cast: 'timestamptz' }, { ref: 'a.id' }],
    'asc',
    page,
  ).execute();
}

/** The agency's time limit in hours for a region (longest prefix wins), or the default. */
export async function timeLimitHours(db: Db, regionCode: string, kind: TimeLimitKind, defaultHours: number) {
  const row = await db
    .selectFrom('time_limit_rule')
    .select('hours')
    .where('kind', '=', kind)
    .where(sql<boolean>`${regionCode} like region_prefix || '%'`)
    .orderBy(sql`length(region_prefix)`, 'desc')
    .executeTakeFirst();
  return row?.hours ?? defaultHours;
}

export type ApplicationRow = Awaited<ReturnType<typeof findApplicationsByIds>>[number];
