import type { Kysely } from 'kysely';
import type { JusticeDatabase } from '../db.js';
import type { HelpRequestNotice } from '../notices/table.js';

export type CandidateReason = 'ON_DUTY_HERE' | 'REMOTE_DUTY' | 'LEAST_LOADED';
export interface Candidate {
  lawyerId: string;
  reason: CandidateReason;
  mode: 'ON_SITE' | 'PHONE' | 'ONLINE' | null;
  openAssignments: number;
}

const OPEN_ASSIGNMENT = ['ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'] as const;

/**
 * Whom to send: lawyers on duty at the notice's workstation now, then lawyers on phone or online
 * duty now in the same city, then the least-loaded lawyers active on a roster of the region. A
 * handful of queries whatever the roster's size.
 */
export async function findCandidates(
  db: Kysely<JusticeDatabase>,
  notice: HelpRequestNotice,
  now = new Date(),
  limit = 10,
) {
  const onDuty = (q: ReturnType<typeof shiftsNow>) => q.select(['s.lawyer_id', 's.mode']).execute();
  const shiftsNow = (db2: Kysely<JusticeDatabase>) =>
    db2
      .selectFrom('duty_shift as s')
      .innerJoin('roster_entry as r', (j) =>
        j.onRef('r.lawyer_id', '=', 's.lawyer_id').on('r.status', '=', 'ACTIVE'),
      )
      .where('s.status', '=', 'SCHEDULED')
      .where('s.starts_at', '<=', now)
      .where('s.ends_at', '>', now);
  const here = notice.workstation_id
    ? await onDuty(shiftsNow(db).where('s.workstation_id', '=', notice.workstation_id))
    : [];
  const remote = await onDuty(
    shiftsNow(db)
      .innerJoin('workstation as w', 'w.id', 's.workstation_id')
      .where('s.mode', 'in', ['PHONE', 'ONLINE'])
      .where('w.region_code', 'like', `${notice.region_code.slice(0, 4)}%`),
  );
  const load = db
    .selectFrom('help_request_notice')
    .select(['lawyer_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', 'in', [...OPEN_ASSIGNMENT])
    .groupBy('lawyer_id')
    .as('load');
  const leastLoaded = await db
    .selectFrom('lawyer as l')
    .innerJoin('roster_entry as r', (j) => j.onRef('r.lawyer_id', '=', 'l.id').on('r.status', '=', 'ACTIVE'))
    .leftJoin(load, 'load.lawyer_id', 'l.id')
    .select(['l.id', (eb) => eb.fn.coalesce('load.n', eb.val('0')).as('n')])
    .where('l.region_code', 'like', `${notice.region_code.slice(0, 4)}%`)
    .distinct()
    .orderBy('n')
    .orderBy('l.id')
    .limit(limit)
    .execute();
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const add = (lawyerId: string | null, reason: CandidateReason, mode: Candidate['mode']) => {
    if (!lawyerId || seen.has(lawyerId)) return;
    seen.add(lawyerId);
    candidates.push({ lawyerId, reason, mode, openAssignments: 0 });
  };
  for (const s of here) add(s.lawyer_id, 'ON_DUTY_HERE', s.mode);
  for (const s of remote) add(s.lawyer_id, 'REMOTE_DUTY', s.mode);
  for (const l of leastLoaded) add(l.id, 'LEAST_LOADED', null);
  const counts = candidates.length
    ? await db
        .selectFrom('help_request_notice')
        .select(['lawyer_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where(
          'lawyer_id',
          'in',
          candidates.map((c) => c.lawyerId),
        )
        .where('status', 'in', [...OPEN_ASSIGNMENT])
        .groupBy('lawyer_id')
        .execute()
    : [];
  const byLawyer = new Map(counts.map((c) => [c.lawyer_id, Number(c.n)]));
  return candidates.slice(0, limit).map((c) => ({ ...c, openAssignments: byLawyer.get(c.lawyerId) ?? 0 }));
}

export function findEventsByNotices(db: Kysely<JusticeDatabase>, noticeIds: readonly string[]) {
  return db
    .selectFrom('notice_event')
    .selectAll()
    .where('notice_id', 'in', noticeIds)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function findNoticesByRequests(
  db: Kysely<JusticeDatabase>,
  subgraph: string,
  requestIds: readonly string[],
) {
  return db
    .selectFrom('help_request_notice')
    .selectAll()
    .where('subgraph', '=', subgraph as never)
    .where('request_id', 'in', requestIds)
    .execute();
}
