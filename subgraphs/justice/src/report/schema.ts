import { jointMeetingReportPart, regionFullName, reportWindow, requireReportReader } from '@duty/kit';
import { builder } from '../builder.js';
import { justiceNames } from './assemble.js';
import { JUSTICE_COUNTERS } from './sources.js';

/** The legal aid agencies' part of the joint-meeting report, and the report's way in. */
export const JointMeetingReport = jointMeetingReportPart(builder, {
  field: 'justice',
  description:
    "The legal aid agencies' figures (法律援助机构数据): requests received and answered late, consultations, refusals, applications forwarded, lawyer-days on duty",
  sources: JUSTICE_COUNTERS,
  names: justiceNames,
});

builder.objectFields(JointMeetingReport, (t) => ({
  regionName: t.string({
    description: 'Region name (行政区划名称)',
    resolve: (r) => regionFullName(r.regionCode) ?? r.regionCode,
  }),
  previousFrom: t.field({
    type: 'LocalDate',
    description: 'The previous period compared, first day (上期起始日期)',
    resolve: (r) => reportWindow(r).previousFrom,
  }),
  previousTo: t.field({
    type: 'LocalDate',
    description: 'The previous period compared, last day (上期截止日期)',
    resolve: (r) => reportWindow(r).previousTo,
  }),
}));

builder.queryField('jointMeetingReport', (t) =>
  t.field({
    type: JointMeetingReport,
    nullable: true,
    description:
      "The joint meeting's report for a region at any level and a period, each agency's figures from its own subgraph (联席会议统计报告)",
    args: {
      regionCode: t.arg({ type: 'RegionCode', required: true }),
      from: t.arg({ type: 'LocalDate', required: true, description: 'First day (起始日期)' }),
      to: t.arg({ type: 'LocalDate', required: true, description: 'Last day, inclusive (截止日期)' }),
    },
    resolve: (_root, args, ctx) => {
      requireReportReader(ctx.principal, args.regionCode);
      const w = reportWindow(args);
      return { regionCode: w.regionCode, from: w.from, to: w.to };
    },
  }),
);
