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
  /**
   * A source much larger than the others (a lawyer-day per row): counted by a statement of its
   * own, run beside the rest on a second connection, so the part takes the longer of the two
   * rather than their sum.
   */
  separate?: boolean;
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

// Each split of a counter is its own two-step hash aggregate (the rows of a case first, then the
// cases): much cheaper than count(distinct) under GROUPING SETS, which sorts once per set.
const SPLIT_COLUMNS = ['month', 'stage', 'organ_id', 'workstation_id'] as const;
/** The splits, each with a bit mask of the columns it rolls up (month, stage, organ, workstation). */
const SPLITS: { column: (typeof SPLIT_COLUMNS)[number] | null; g: number }[] = [
  { column: null, g: 0b1111 },
  { column: 'month', g: 0b0111 },
  { column: 'stage', g: 0b1011 },
  { column: 'organ_id', g: 0b1101 },
  { column: 'workstation_id', g: 0b1110 },
];

/** One split's figures: the rows of each case counted first, then the cases (all hash aggregates). */
function splitQuery(split: (typeof SPLITS)[number]) {
  const col = split.column;
  const columns = sql.raw(
    SPLIT_COLUMNS.map((c) => (c === col ? `k as ${c}` : `null::text as ${c}`)).join(', '),
  );
  const key = col ? sql.raw(`${col} as k, `) : sql``;
  const byKey = col ? sql.raw(', k') : sql``;
  return sql`select counter, period, ${columns}, ${split.g}::int as g, count(*)::int as cases, sum(n)::int as person_times
    from (select counter, period, ${key}case_key, count(*) as n from tagged group by counter, period${byKey}, case_key) per_case
    group by counter, period${byKey}`;
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
 * Every counter of a subgraph for a report window, in one statement: the facts filtered once,
 * then each split (total, month, stage, organ, workstation; this period and the previous). Labels for organs and
 * workstations come from `names` (one lookup for all).
 */
export async function countReport(
  db: Kysely<any>,
  sources: readonly CounterSource[],
  w: ReportWindow,
  names: (kind: 'organ' | 'workstation', ids: string[]) => Promise<Map<string, string>>,
): Promise<ReportCounter[]> {
  const groups = [sources.filter((s) => !s.separate), ...sources.filter((s) => s.separate).map((s) => [s])];
  const rows = (await Promise.all(groups.filter((g) => g.length > 0).map((g) => countRows(db, g, w)))).flat();
  return labelled(sources, rows, names);
}

/** One statement: the figures of the sources given, every split, both periods. */
async function countRows(db: Kysely<any>, sources: readonly CounterSource[], w: ReportWindow) {
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
    tagged as materialized (
      select counter, stage, organ_id, workstation_id, case_key,
        case when at >= ${w.fromAt} then 'C' else 'P' end as period,
        left(((at at time zone 'UTC') + interval '8 hours')::date::text, 7) as month
      from facts
      where region_code like ${`${w.regionPrefix}%`} and at >= ${w.previousFromAt} and at < ${w.toAt}
    )
    ${sql.join(SPLITS.map(splitQuery), sql` union all `)}`.execute(db);
  return rows;
}

async function labelled(
  sources: readonly CounterSource[],
  rows: Row[],
  names: (kind: 'organ' | 'workstation', ids: string[]) => Promise<Map<string, string>>,
): Promise<ReportCounter[]> {
  const organIds = [...new Set(rows.filter((r) => r.organ_id).map((r) => r.organ_id!))];
  const wsIds = [...new Set(rows.filter((r) => r.workstation_id).map((r) => r.workstation_id!))];
  const [organNames, wsNames] = await Promise.all([
    organIds.length ? names('organ', organIds) : new Map<string, string>(),
    wsIds.length ? names('workstation', wsIds) : new Map<string, string>(),
  ]);
  // Roll-up bits, left to right: month, stage, organ_id, workstation_id (1 = rolled up).
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
