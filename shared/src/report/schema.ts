import type { Kysely } from 'kysely';
import { type KitBuilder, once } from '../builder.js';
import { DutyError, unauthenticated } from '../errors.js';
import { canSeeRegion, hasAnyRole, type Principal } from '../principal.js';
import type { SubgraphContext } from '../subgraph.js';
import { type CounterSource, countReport, type ReportBucket, type ReportCounter } from './counters.js';
import { type ReportKey, reportWindow } from './period.js';

/**
 * Who reads the joint meeting's report: its members of the region and of higher levels. Throws
 * UNAUTHENTICATED / FORBIDDEN.
 */
export function requireReportReader(p: Principal | null, regionCode: string) {
  if (!p) throw unauthenticated();
  if (!hasAnyRole(p, ['JOINT_MEETING_MEMBER']) || !canSeeRegion(p, regionCode)) {
    throw new DutyError('FORBIDDEN', `只有联席会议成员可以查看本辖区及下级辖区（${regionCode}）的统计报告`, {
      reason: 'NOT_JOINT_MEETING_MEMBER',
    });
  }
}

/** The report's counter and bucket types, the same value types in every subgraph (shareable). */
export function reportCounterTypes<Ctx extends SubgraphContext<any>>(builder: KitBuilder<Ctx>) {
  return once(builder, 'ReportCounter', () => {
    const Bucket = builder.objectRef<ReportBucket>('ReportBucket').implement({
      description: 'One slice of a counter: a month, a stage, an organ or a workstation (分项)',
      shareable: true,
      fields: (t) => ({
        key: t.exposeString('key', { description: 'Month (YYYY-MM), stage, organ or workstation id' }),
        label: t.exposeString('label', { description: 'In Chinese (名称)' }),
        cases: t.exposeInt('cases', { description: 'Cases (件)' }),
        personTimes: t.exposeInt('personTimes', { description: 'Person-times (人次)' }),
      }),
    });
    const Counter = builder.objectRef<ReportCounter>('ReportCounter').implement({
      description: 'One counter of the joint-meeting report, with the previous period beside it (统计项)',
      shareable: true,
      fields: (t) => ({
        key: t.exposeString('key', { description: 'Stable counter key, e.g. HELP_REQUESTS' }),
        label: t.exposeString('label', { description: 'The counter in Chinese (统计项)' }),
        cases: t.exposeInt('cases', { description: 'Cases this period (件)' }),
        personTimes: t.exposeInt('personTimes', { description: 'Person-times this period (人次)' }),
        previousCases: t.exposeInt('previousCases', { description: 'Cases, previous period (上期件数)' }),
        previousPersonTimes: t.exposeInt('previousPersonTimes', {
          description: 'Person-times, previous period (上期人次)',
        }),
        byMonth: t.field({ type: [Bucket], description: 'By month (按月)', resolve: (c) => c.byMonth }),
        byStage: t.field({ type: [Bucket], description: 'By stage (按诉讼阶段)', resolve: (c) => c.byStage }),
        byOrgan: t.field({ type: [Bucket], description: 'By organ (按机关)', resolve: (c) => c.byOrgan }),
        byWorkstation: t.field({
          type: [Bucket],
          description: 'By workstation (按工作站)',
          resolve: (c) => c.byWorkstation,
        }),
      }),
    });
    return { Bucket, Counter };
  });
}

export interface ReportPartOptions {
  /** The field this subgraph adds to the report: `court`, `procuratorate`, `publicSecurity`, `justice`. */
  field: string;
  description: string;
  sources: readonly CounterSource[];
  /** Names for the organ and workstation ids the counters split by (one lookup each). */
  names: (db: Kysely<any>, kind: 'organ' | 'workstation', ids: string[]) => Promise<Map<string, string>>;
  /**
   * An organ subgraph does not know the justice workstations at its organs: it asks justice which
   * workstation each organ hosts (one peer call) and splits by workstation through its organ split.
   */
  workstationsFromJustice?: boolean;
}

/** Sums organ buckets into the workstations at those organs (the first, where an organ has several). */
async function byWorkstationOfOrgans(ctx: SubgraphContext<any>, counters: ReportCounter[]) {
  const organIds = [...new Set(counters.flatMap((c) => c.byOrgan.map((b) => b.key)))];
  if (organIds.length === 0) return counters;
  const { workstationsAtHosts } = await ctx.peers.query<{
    workstationsAtHosts: { id: string; name: string; hostId: string }[];
  }>('justice', ctx, 'query($ids: [ID!]!) { workstationsAtHosts(hostIds: $ids) { id name hostId } }', {
    ids: organIds,
  });
  const atOrgan = new Map<string, { id: string; name: string }>();
  for (const w of workstationsAtHosts) if (!atOrgan.has(w.hostId)) atOrgan.set(w.hostId, w);
  return counters.map((c) => {
    const sums = new Map<string, ReportBucket>();
    for (const b of c.byOrgan) {
      const w = atOrgan.get(b.key);
      if (!w) continue;
      const s = sums.get(w.id) ?? { key: w.id, label: w.name, cases: 0, personTimes: 0 };
      s.cases += b.cases;
      s.personTimes += b.personTimes;
      sums.set(w.id, s);
    }
    return { ...c, byWorkstation: [...sums.values()].sort((a, b) => a.key.localeCompare(b.key)) };
  });
}

/**
 * The joint-meeting report entity (联席会议统计报告, keyed by region and period) with this
 * subgraph's part of it: its own counters, computed in its own database by one aggregate
 * statement. No rows and no personal data leave the subgraph.
 */
export function jointMeetingReportPart<Ctx extends SubgraphContext<any>>(
  builder: KitBuilder<Ctx>,
  o: ReportPartOptions,
) {
  const { Counter } = reportCounterTypes(builder);
  const Report = builder.objectRef<ReportKey>('JointMeetingReport').implement({
    description: 'The joint meeting’s report for a region and period (联席会议统计报告)',
    fields: (t) => ({
      regionCode: t.field({ type: 'RegionCode', resolve: (r) => r.regionCode }),
      from: t.field({ type: 'LocalDate', description: 'First day (起始日期)', resolve: (r) => r.from }),
      to: t.field({ type: 'LocalDate', description: 'Last day, inclusive (截止日期)', resolve: (r) => r.to }),
      [o.field]: t.field({
        type: [Counter],
        // Nullable: if this agency's subgraph fails, the other agencies' figures still come back.
        nullable: true,
        description: o.description,
        resolve: async (r, _a, ctx) => {
          requireReportReader(ctx.principal, r.regionCode);
          const counters = await countReport(ctx.db, o.sources, reportWindow(r), (kind, ids) =>
            o.names(ctx.db, kind, ids),
          );
          return o.workstationsFromJustice ? byWorkstationOfOrgans(ctx, counters) : counters;
        },
      }),
    }),
  });
  builder.asEntity(Report, {
    key: builder.selection<ReportKey>('regionCode from to'),
    resolveReference: (ref) => ({ regionCode: ref.regionCode, from: ref.from, to: ref.to }),
  });
  return Report;
}
