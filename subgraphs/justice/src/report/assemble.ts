import {
  countReport,
  type ReportCounter,
  type ReportKey,
  reportWindow,
  requireReportReader,
} from '@duty/kit';
import type { Kysely } from 'kysely';
import type { Context } from '../builder.js';
import type { JusticeDatabase } from '../db.js';
import { JUSTICE_COUNTERS } from './sources.js';

/** The report's parts: justice's own and each organ subgraph's, by the report field each adds. */
export const REPORT_PARTS = [
  { field: 'justice', subgraph: 'justice', title: '法律援助机构' },
  { field: 'court', subgraph: 'court', title: '人民法院' },
  { field: 'procuratorate', subgraph: 'procuratorate', title: '人民检察院' },
  { field: 'publicSecurity', subgraph: 'public-security', title: '公安机关、国家安全机关、看守所' },
] as const;
export type ReportPart = (typeof REPORT_PARTS)[number]['field'];

export interface AssembledReport extends ReportKey {
  previousFrom: string;
  previousTo: string;
  parts: Record<ReportPart, ReportCounter[]>;
}

const COUNTER = `key label cases personTimes previousCases previousPersonTimes
  byMonth { key label cases personTimes } byStage { key label cases personTimes }
  byOrgan { key label cases personTimes } byWorkstation { key label cases personTimes }`;

/** Justice's workstation names for organ and workstation ids (the organs are known by them here). */
export async function justiceNames(
  db: Kysely<JusticeDatabase>,
  kind: 'organ' | 'workstation',
  ids: string[],
) {
  const rows = await db
    .selectFrom('workstation')
    .select(['id', 'host_id', 'name'])
    .where(kind === 'organ' ? 'host_id' : 'id', 'in', ids)
    .execute();
  return new Map(rows.map((w) => [kind === 'organ' ? w.host_id : w.id, w.name]));
}

/**
 * The whole report as the caller may read it: justice's figures from its own database, each organ
 * subgraph's by asking it for its part (as the caller, who must be a member of the joint meeting).
 */
export async function assembleReport(ctx: Context, key: ReportKey): Promise<AssembledReport> {
  requireReportReader(ctx.principal, key.regionCode);
  const w = reportWindow(key);
  const representation = {
    __typename: 'JointMeetingReport',
    regionCode: w.regionCode,
    from: w.from,
    to: w.to,
  };
  const parts = await Promise.all(
    REPORT_PARTS.map(async (p) => {
      if (p.subgraph === 'justice')
        return countReport(ctx.db, JUSTICE_COUNTERS, w, (kind, ids) => justiceNames(ctx.db, kind, ids));
      const data = await ctx.peers.query<{ _entities: Record<string, ReportCounter[]>[] }>(
        p.subgraph,
        ctx,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on JointMeetingReport { ${p.field} { ${COUNTER} } } } }`,
        { r: [representation] },
      );
      return data._entities[0]?.[p.field] ?? [];
    }),
  );
  return {
    regionCode: w.regionCode,
    from: w.from,
    to: w.to,
    previousFrom: w.previousFrom,
    previousTo: w.previousTo,
    parts: Object.fromEntries(REPORT_PARTS.map((p, i) => [p.field, parts[i]!])) as AssembledReport['parts'],
  };
}
