import { type PageArgs, rowKeysetPage } from '@duty/kit';
import { type Kysely, sql } from 'kysely';
import type { PublicSecurityDatabase } from '../db.js';
import type { MeetingStatus } from './table.js';

type Db = Kysely<PublicSecurityDatabase>;

export const OPEN_MEETING: MeetingStatus[] = ['AWAITING_APPROVAL', 'REQUESTED'];

/** Meeting requests with the organ handling the case and the center's region (who may read them). */
const meetings = (db: Db) =>
  db
    .selectFrom('meeting_request as m')
    .innerJoin('accused_person as p', 'p.id', 'm.person_id')
    .innerJoin('investigation_case as c', 'c.id', 'p.case_id')
    .innerJoin('detention_center as dc', 'dc.id', 'm.detention_center_id')
    .selectAll('m')
    .select(['c.police_organ_id', 'dc.region_code']);

export const findMeetingsByIds = (db: Db, ids: readonly string[]) =>
  meetings(db).where('m.id', 'in', ids).execute();

export const findMeetingsByPersons = (db: Db, personIds: readonly string[]) =>
  meetings(db).where('m.person_id', 'in', personIds).orderBy('m.requested_at').execute();

export const findMeetingByKey = (db: Db, key: string) =>
  meetings(db).where('m.idempotency_key', '=', key).executeTakeFirst();

export const findOpenMeeting = (db: Db, personId: string, lawyerId: string) =>
  db
    .selectFrom('meeting_request')
    .select('id')
    .where('person_id', '=', personId)
    .where('lawyer_id', '=', lawyerId)
    .where('status', 'in', OPEN_MEETING)
    .executeTakeFirst();

export interface MeetingFilter {
  detentionCenterId?: string;
  policeOrganId?: string;
  lawyerId?: string;
  status?: MeetingStatus[] | null;
  overdue?: boolean | null;
}

/** One page, newest first: one statement whatever the page size. */
export function listMeetings(db: Db, f: MeetingFilter, page: PageArgs) {
  let q = meetings(db);
  if (f.detentionCenterId) q = q.where('m.detention_center_id', '=', f.detentionCenterId);
  if (f.policeOrganId) q = q.where('c.police_organ_id', '=', f.policeOrganId);
  if (f.lawyerId) q = q.where('m.lawyer_id', '=', f.lawyerId);
  if (f.status?.length) q = q.where('m.status', 'in', f.status);
  if (f.overdue != null) q = q.where(sql<boolean>`(${overdueSql}) = ${f.overdue}`);
  return rowKeysetPage(
    q,
    [{ ref: 'm.requested_at', cast: 'timestamptz' }, { ref: 'm.id' }],
    'desc',
    page,
  ).execute();
}

/** Not arranged by the deadline: still waiting past it, or scheduled after it. */
const overdueSql = sql`coalesce(case m.status
  when 'REQUESTED' then m.deadline_at < now()
  when 'ARRANGED' then m.scheduled_at > m.deadline_at
  when 'HELD' then m.scheduled_at > m.deadline_at
  else false end, false)`;

/** The hours a detention center has to arrange a meeting in this region (longest prefix wins). */
export async function meetingDeadlineHours(db: Db, regionCode: string, defaultHours: number) {
  const row = await db
    .selectFrom('meeting_deadline_rule')
    .select('hours')
    .where(sql<boolean>`${regionCode} like region_prefix || '%'`)
    .orderBy(sql`length(region_prefix)`, 'desc')
    .executeTakeFirst();
  return row?.hours ?? defaultHours;
}

export type MeetingRow = Awaited<ReturnType<typeof findMeetingsByIds>>[number];
