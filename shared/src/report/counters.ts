import { type Kysely, sql } from 'kysely';
import { CASE_STAGE, type CaseStage } from '../notices.js';
import type { ReportWindow } from './period.js';

/**
 * One counter's source: SQL selecting one row per person-time with the columns `at` (timestamptz),
 * `stage`, `organ_id`, `workstation_id` (or null), `case_key` (what makes one case, 件) and
 * `region_code`. The report adds the region and period filter; all counters of a subgraph run as
 * one statement. A source that cannot be filtered from outside (one with DISTINCT or GROUP BY)
 * filters itself early with the CTE `report_window (region_prefix, from_at, to_at)`.
 */
export interface CounterSource {
  key: string;
  /** The counter in Chinese, as the joint meeting reads it. */
  label: string;
  sql: string;
}

export interface ReportBucket {
  key: string;
  label: string;
  cases: number;
  personTimes: number;
}

/** A counter's figures for the period, the previous period beside them, and its splits. */
export interface ReportCounter {
  key: string;
  label: string;
  cases: number;
  personTimes: number;
  previousCases: number;
  previousPersonTimes: number;
  byMonth: ReportBucket[];
  byStage: ReportBucket[];
  byOrgan: ReportBucket[];
  byWorkstation: ReportBucket[];
}

interface Row {
  counter: string;
  period: 'C' | 'P';
  month: string | null;
  stage: string | null;
  organ_id: string | null;
  workstation_id: string | null;
  g: number;
  cases: number;
  person_times: number;
}

/**
 * Every counter of a subgraph for a report window, in one aggregate statement (GROUPING SETS:
 * total, month, stage, organ, workstation; this period and the previous). Labels for organs and
 * workstations come from `names` (one lookup for all).
 */
export async function countReport(
  db: Kysely<any>,
  sources: readonly CounterSource[],
  w: ReportWindow,
  names: (kind: 'organ' | 'workstation', ids: string[]) => Promise<Map<string, string>>,
): Promise<ReportCounter[]> {
  const facts = sql.join(
    sources.map((s) => sql`select ${s.key}::text as counter, f.* from (${sql.raw(s.sql)}) f`),
    sql` union all `,
  );
  const { rows } = await sql<Row>`
    with report_window as (
      select ${`${w.regionPrefix}%`}::text as region_prefix, ${w.previousFromAt}::timestamptz as from_at,
        ${w.toAt}::timestamptz as to_at
    ),
    facts as (${facts}),
    tagged as (
      select counter, stage, organ_id, workstation_id, case_key,
        case when at >= ${w.fromAt} then 'C' else 'P' end as period,
        to_char((at at time zone 'UTC') + interval '8 hours', 'YYYY-MM') as month
      from facts
      where region_code like ${`${w.regionPrefix}%`} and at >= ${w.previousFromAt} and at < ${w.toAt}
    )
    select counter, period, month, stage, organ_id, workstation_id,
      grouping(month, stage, organ_id, workstation_id)::int as g,
      count(distinct case_key)::int as cases, count(*)::int as person_times
    from tagged
    group by grouping sets ((counter, period), (counter, period, month), (counter, period, stage),
      (counter, period, organ_id), (counter, period, workstation_id))`.execute(db);
  const organIds = [...new Set(rows.filter((r) => r.organ_id).map((r) => r.organ_id!))];
  const wsIds = [...new Set(rows.filter((r) => r.workstation_id).map((r) => r.workstation_id!))];
  const [organNames, wsNames] = await Promise.all([
    organIds.length ? names('organ', organIds) : new Map<string, string>(),
    wsIds.length ? names('workstation', wsIds) : new Map<string, string>(),
  ]);
  // grouping() bits, left to right: month, stage, organ_id, workstation_id (1 = rolled up).
  const ALL = 0b1111;
  const split = (
    counter: string,
    bit: number,
    keyOf: (r: Row) => string | null,
    label: (k: string) => string,
  ) =>
    rows
      .filter((r) => r.counter === counter && r.period === 'C' && r.g === (ALL & ~bit) && keyOf(r) !== null)
      .map((r) => ({ key: keyOf(r)!, label: label(keyOf(r)!), cases: r.cases, personTimes: r.person_times }))
      .sort((a, b) => a.key.localeCompare(b.key));
  return sources.map((s) => {
    const total = (period: 'C' | 'P') =>
      rows.find((r) => r.counter === s.key && r.period === period && r.g === ALL);
    return {
      key: s.key,
      label: s.label,
      cases: total('C')?.cases ?? 0,
      personTimes: total('C')?.person_times ?? 0,
      previousCases: total('P')?.cases ?? 0,
      previousPersonTimes: total('P')?.person_times ?? 0,
      byMonth: split(
        s.key,
        0b1000,
        (r) => r.month,
        (m) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`,
      ),
      byStage: split(
        s.key,
        0b0100,
        (r) => r.stage,
        (k) => CASE_STAGE[k as CaseStage]?.description ?? k,
      ),
      byOrgan: split(
        s.key,
        0b0010,
        (r) => r.organ_id,
        (k) => organNames.get(k) ?? k,
      ),
      byWorkstation: split(
        s.key,
        0b0001,
        (r) => r.workstation_id,
        (k) => wsNames.get(k) ?? k,
      ),
    };
  });
}
