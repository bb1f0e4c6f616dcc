import { randomUUID } from 'node:crypto';
import {
  canSeeRegion,
  createOnce,
  DutyError,
  encodeRowCursor,
  groupByKeys,
  hasAnyRole,
  idempotencyKeyRule,
  type Principal,
  pageByKey,
  regionScopePrefix,
  reportCounterTypes,
  requireReportReader,
  rowKeysetPage,
} from '@duty/kit';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { type AssembledReport, assembleReport } from '../report/assemble.js';
import { type MeetingMinutes, reportCsv, reportHtml } from '../report/export.js';
import type { ActionItem, ActionStatus, JointMeeting } from './table.js';

const { Counter } = reportCounterTypes(builder);

const ExportFormat = builder.enumType('ExportFormat', {
  description: 'Export format (导出格式)',
  values: {
    CSV: { description: 'CSV 表格（UTF-8，Excel 可直接打开）' },
    HTML: { description: '可打印的文档（HTML，浏览器打印或另存为 PDF）' },
  } as const,
});
type Format = 'CSV' | 'HTML';

interface ExportFile {
  filename: string;
  contentType: string;
  content: string;
}
const ExportFileRef = builder.objectRef<ExportFile>('ExportFile').implement({
  description: 'An exported document (导出文件)',
  fields: (t) => ({
    filename: t.exposeString('filename'),
    contentType: t.exposeString('contentType'),
    content: t.exposeString('content', { description: 'The document itself (文件内容)' }),
  }),
});

function exportFile(report: AssembledReport, format: Format, minutes?: MeetingMinutes): ExportFile {
  const name = `联席会议统计报告-${report.regionCode}-${report.from}至${report.to}`;
  return format === 'CSV'
    ? { filename: `${name}.csv`, contentType: 'text/csv; charset=utf-8', content: reportCsv(report, minutes) }
    : {
        filename: `${name}.html`,
        contentType: 'text/html; charset=utf-8',
        content: reportHtml(report, minutes),
      };
}

const Snapshot = builder
  .objectRef<AssembledReport & { takenAt: Date }>('JointMeetingReportSnapshot')
  .implement({
    description: 'The report frozen as it stood when the meeting was convened (会议报告快照)',
    fields: (t) => ({
      takenAt: t.expose('takenAt', { type: 'DateTime', description: 'Taken at (快照时间)' }),
      regionCode: t.field({ type: 'RegionCode', resolve: (s) => s.regionCode }),
      from: t.field({ type: 'LocalDate', resolve: (s) => s.from }),
      to: t.field({ type: 'LocalDate', resolve: (s) => s.to }),
      justice: t.field({ type: [Counter], resolve: (s) => s.parts.justice }),
      court: t.field({ type: [Counter], resolve: (s) => s.parts.court }),
      procuratorate: t.field({ type: [Counter], resolve: (s) => s.parts.procuratorate }),
      publicSecurity: t.field({ type: [Counter], resolve: (s) => s.parts.publicSecurity }),
    }),
  });

const ActionStatusEnum = builder.enumType('ActionItemStatus', {
  description: 'Where an action item stands (督办事项状态)',
  values: {
    OPEN: { description: '未开始' },
    IN_PROGRESS: { description: '落实中' },
    DONE: { description: '已完成' },
  } as const,
});
const STATUS_NAME: Record<ActionStatus, string> = { OPEN: '未开始', IN_PROGRESS: '落实中', DONE: '已完成' };

const ActionItemRef = builder.objectRef<ActionItem>('ActionItem').implement({
  description: 'A decision to act, with its owner agency and due date (督办事项)',
  fields: (t) => ({
    id: t.exposeID('id'),
    description: t.exposeString('description'),
    ownerAgencyId: t.exposeID('owner_agency_id', { description: 'Owner agency (责任单位)' }),
    ownerAgencyName: t.exposeString('owner_agency_name'),
    dueOn: t.expose('due_on', { type: 'LocalDate', description: 'Due (完成期限)' }),
    status: t.expose('status', { type: ActionStatusEnum }),
    followUp: t.exposeString('follow_up', { nullable: true, description: 'Follow-up (落实情况)' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime' }),
  }),
});

/** Members of the joint meeting of the meeting's region and higher levels read it. */
const canRead = (p: Principal | null, m: JointMeeting) =>
  hasAnyRole(p, ['JOINT_MEETING_MEMBER']) && canSeeRegion(p, m.region_code);

const itemsOf = (ctx: Context, ids: readonly string[]) =>
  ctx.db
    .selectFrom('action_item')
    .selectAll()
    .where('meeting_id', 'in', ids)
    .orderBy('due_on')
    .orderBy('id')
    .execute();

async function minutesOf(ctx: Context, m: JointMeeting): Promise<MeetingMinutes> {
  const items = await itemsOf(ctx, [m.id]);
  return {
    title: m.title,
    heldOn: m.held_on,
    place: m.place,
    participants: m.participants,
    agenda: m.agenda,
    minutes: m.minutes,
    decisions: m.decisions,
    actionItems: items.map((a) => ({
      description: a.description,
      owner: a.owner_agency_name,
      dueOn: a.due_on,
      status: STATUS_NAME[a.status],
      followUp: a.follow_up,
    })),
  };
}

const ParticipantRef = builder
  .objectRef<{ agency: string; people: string[] }>('JointMeetingParticipant')
  .implement({
    description: 'A participating agency and its people (参会单位和人员)',
    fields: (t) => ({ agency: t.exposeString('agency'), people: t.exposeStringList('people') }),
  });

export const JointMeetingRef = builder.loadableObject('JointMeeting', {
  description:
    'A joint meeting convened by a justice bureau, with minutes, decisions and action items (联席会议)',
  load: async (ids: string[], ctx: Context) => {
    const rows = await ctx.db.selectFrom('joint_meeting').selectAll().where('id', 'in', ids).execute();
    return ids.map(
      (id) => rows.find((r) => r.id === id) ?? new DutyError('NOT_FOUND', `未找到联席会议（编号 ${id}）`),
    );
  },
  authScopes: (m, ctx) => canRead(ctx.principal, m),
  fields: (t) => ({
    id: t.exposeID('id'),
    regionCode: t.expose('region_code', { type: 'RegionCode' }),
    title: t.exposeString('title'),
    heldOn: t.expose('held_on', { type: 'LocalDate', description: 'Date (会议日期)' }),
    place: t.exposeString('place', { nullable: true }),
    participants: t.field({ type: [ParticipantRef], resolve: (m) => m.participants }),
    agenda: t.exposeStringList('agenda', { description: 'Agenda (议题)' }),
    minutes: t.exposeString('minutes', { nullable: true, description: 'Minutes (会议纪要)' }),
    decisions: t.exposeStringList('decisions', { description: 'Decisions (决定事项)' }),
    report: t.field({
      type: Snapshot,
      description: 'The report as it stood when convened, frozen (会议报告快照)',
      resolve: (m) => ({ ...m.report_snapshot, takenAt: m.snapshot_taken_at }),
    }),
    actionItems: t.loadableList({
      type: ActionItemRef,
      description: 'Action items (督办事项)',
      load: async (ids: string[], ctx: Context) =>
        groupByKeys(ids, await itemsOf(ctx, ids), (a) => a.meeting_id),
      resolve: (m) => m.id,
    }),
    export: t.field({
      type: ExportFileRef,
      description: 'The minutes and the frozen report as CSV or a printable document (导出会议纪要和报告)',
      args: { format: t.arg({ type: ExportFormat, required: true }) },
      resolve: async (m, args, ctx) => exportFile(m.report_snapshot, args.format, await minutesOf(ctx, m)),
    }),
  }),
});

builder.queryFields((t) => ({
  jointMeetings: t.connection(
    {
      type: JointMeetingRef,
      nullable: true,
      description: 'Joint meetings of a region and the regions below it, newest first (联席会议列表)',
      args: { regionCode: t.arg({ type: 'RegionCode', required: true }) },
      resolve: (_root, args, ctx) => {
        requireReportReader(ctx.principal, args.regionCode);
        const q = ctx.db
          .selectFrom('joint_meeting')
          .selectAll()
          .where('region_code', 'like', `${regionScopePrefix(args.regionCode)}%`);
        return pageByKey(
          args,
          (m: JointMeeting) => encodeRowCursor([m.held_on, m.id]),
          (page) =>
            rowKeysetPage(q, [{ ref: 'held_on', cast: 'date' }, { ref: 'id' }], 'desc', page).execute(),
          { rawCursor: true },
        );
      },
    },
    { name: 'JointMeetingConnection' },
    { name: 'JointMeetingEdge' },
  ),
  jointMeetingReportExport: t.field({
    type: ExportFileRef,
    description: 'The live report for a region and period as CSV or a printable document (导出统计报告)',
    args: {
      regionCode: t.arg({ type: 'RegionCode', required: true }),
      from: t.arg({ type: 'LocalDate', required: true }),
      to: t.arg({ type: 'LocalDate', required: true }),
      format: t.arg({ type: ExportFormat, required: true }),
    },
    resolve: async (_root, args, ctx) => exportFile(await assembleReport(ctx, args), args.format),
  }),
}));

/** The meeting, for its convening justice bureau to edit. */
async function ownMeeting(ctx: Context, id: string) {
  const m = await ctx.db.selectFrom('joint_meeting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw new DutyError('NOT_FOUND', `未找到联席会议（编号 ${id}）`);
  if (ctx.principal?.agencyId !== m.convened_by || !hasAnyRole(ctx.principal, ['JUSTICE_ADMIN']))
    throw new DutyError('FORBIDDEN', '只有召集会议的司法行政机关可以编辑会议', { reason: 'NOT_CONVENER' });
  return m;
}

const ParticipantInput = builder.inputType('JointMeetingParticipantInput', {
  fields: (t) => ({
    agency: t.string({ required: true, validate: z.string().trim().min(2, '请填写参会单位').max(100) }),
    people: t.stringList({
      required: true,
      validate: z.array(z.string().trim().min(2).max(40)).min(1, '请填写参会人员').max(20),
    }),
  }),
});
const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `请填写${what}`).max(max, `${what}最多 ${max} 字`);

builder.mutationFields((t) => ({
  conveneJointMeeting: t.field({
    type: JointMeetingRef,
    description:
      "A justice bureau convenes its region's joint meeting; the report for the period is frozen with it (召集联席会议)",
    authScopes: { anyRole: ['JUSTICE_ADMIN'] },
    args: {
      title: t.arg.string({ required: true, validate: text(2, 100, '会议名称') }),
      heldOn: t.arg({ type: 'LocalDate', required: true }),
      place: t.arg.string({ validate: text(1, 100, '会议地点') }),
      participants: t.arg({
        type: [ParticipantInput],
        required: true,
        validate: z.array(z.unknown()).min(2, '联席会议至少两个成员单位参加'),
      }),
      agenda: t.arg.stringList({
        required: true,
        validate: z
          .array(text(2, 200, '议题'))
          .min(1, '至少一个议题')
          .max(30),
      }),
      reportFrom: t.arg({ type: 'LocalDate', required: true, description: '报告统计起始日期' }),
      reportTo: t.arg({ type: 'LocalDate', required: true, description: '报告统计截止日期' }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const p = ctx.principal!;
      if (p.agencyKind !== 'JUSTICE_BUREAU') throw new DutyError('FORBIDDEN', '联席会议由司法行政机关召集');
      return createOnce({
        key: args.idempotencyKey,
        find: (k) =>
          ctx.db.selectFrom('joint_meeting').selectAll().where('idempotency_key', '=', k).executeTakeFirst(),
        isRepeat: (e) => e.convened_by === p.agencyId && e.title === args.title,
        create: async () => {
          // Frozen now: later records change the live report, never this one.
          const snapshot = await assembleReport(ctx, {
            regionCode: p.regionCode,
            from: args.reportFrom,
            to: args.reportTo,
          });
          const id = randomUUID();
          await ctx.db
            .insertInto('joint_meeting')
            .values({
              id,
              region_code: p.regionCode,
              convened_by: p.agencyId,
              title: args.title,
              held_on: args.heldOn,
              place: args.place ?? null,
              participants: JSON.stringify(args.participants) as never,
              agenda: args.agenda,
              minutes: null,
              report_from: args.reportFrom,
              report_to: args.reportTo,
              report_snapshot: JSON.stringify(snapshot) as never,
              snapshot_taken_at: new Date(),
              created_by: p.userId,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  recordMeetingMinutes: t.field({
    type: JointMeetingRef,
    description: 'The convening bureau records the minutes and decisions (记录会议纪要和决定事项)',
    authScopes: { anyRole: ['JUSTICE_ADMIN'] },
    args: {
      meetingId: t.arg.id({ required: true }),
      minutes: t.arg.string({ required: true, validate: text(2, 20_000, '会议纪要') }),
      decisions: t.arg.stringList({ required: true, validate: z.array(text(2, 500, '决定事项')).max(50) }),
    },
    resolve: async (_root, args, ctx) => {
      const m = await ownMeeting(ctx, String(args.meetingId));
      await ctx.db
        .updateTable('joint_meeting')
        .set({ minutes: args.minutes, decisions: args.decisions })
        .where('id', '=', m.id)
        .execute();
      return m.id;
    },
  }),
  addActionItem: t.field({
    type: ActionItemRef,
    description: 'The convening bureau assigns an action item to a member agency (确定督办事项)',
    authScopes: { anyRole: ['JUSTICE_ADMIN'] },
    args: {
      meetingId: t.arg.id({ required: true }),
      description: t.arg.string({ required: true, validate: text(2, 500, '督办事项') }),
      ownerAgencyId: t.arg.id({ required: true }),
      ownerAgencyName: t.arg.string({ required: true, validate: text(2, 100, '责任单位') }),
      dueOn: t.arg({ type: 'LocalDate', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const m = await ownMeeting(ctx, String(args.meetingId));
      if (args.dueOn < m.held_on) throw new DutyError('BAD_USER_INPUT', '完成期限不能早于会议日期');
      const id = randomUUID();
      await ctx.db
        .insertInto('action_item')
        .values({
          id,
          meeting_id: m.id,
          description: args.description,
          owner_agency_id: String(args.ownerAgencyId),
          owner_agency_name: args.ownerAgencyName,
          due_on: args.dueOn,
          follow_up: null,
          updated_by: ctx.principal!.userId,
        })
        .execute();
      return ctx.db.selectFrom('action_item').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
  }),
  updateActionItem: t.field({
    type: ActionItemRef,
    description: 'The owner agency reports on its action item (落实督办事项)',
    authScopes: { signedIn: true },
    args: {
      itemId: t.arg.id({ required: true }),
      status: t.arg({ type: ActionStatusEnum, required: true }),
      followUp: t.arg.string({ required: true, validate: text(2, 2000, '落实情况') }),
    },
    resolve: async (_root, args, ctx) => {
      const a = await ctx.db
        .selectFrom('action_item')
        .selectAll()
        .where('id', '=', String(args.itemId))
        .executeTakeFirst();
      if (!a) throw new DutyError('NOT_FOUND', `未找到督办事项（编号 ${args.itemId}）`);
      if (ctx.principal?.agencyId !== a.owner_agency_id)
        throw new DutyError('FORBIDDEN', '只有责任单位可以报告落实情况', { reason: 'NOT_OWNER' });
      await ctx.db
        .updateTable('action_item')
        .set({
          status: args.status,
          follow_up: args.followUp,
          updated_at: new Date(),
          updated_by: ctx.principal.userId,
        })
        .where('id', '=', a.id)
        .execute();
      return ctx.db.selectFrom('action_item').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    },
  }),
}));
