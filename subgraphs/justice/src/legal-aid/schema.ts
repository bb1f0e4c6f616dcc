import { randomUUID } from 'node:crypto';
import {
  canSeeRegion,
  createOnce,
  DEFENSE_ASSIGNED,
  type DefenseAssignedNotice,
  DutyError,
  encodeRowCursor,
  enqueue,
  groupByKeys,
  hasAnyRole,
  idempotencyKeyRule,
  LEGAL_AID_STAFF,
  listRegionPrefix,
  type Principal,
  pageByKey,
  reasonRule,
  requireRegionRole,
} from '@duty/kit';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { Lawyer } from '../lawyers/schema.js';
import { Notice } from '../notices/schema.js';
import { activeRosterLawyer } from '../roster/active.js';
import {
  type ApplicationRow,
  findApplicationByKey,
  findApplicationsByIds,
  findApplicationsByNotices,
  listApplications,
  timeLimitHours,
} from './queries.js';
import type { ApplicationStatus } from './table.js';

/** Legal Aid Law art. 39, 43, 36: forward in 24 hours, review in 7 days, assign in 3 days. */
const DEFAULT_HOURS = {
  FORWARD_APPLICATION: 24,
  REVIEW_APPLICATION: 7 * 24,
  ASSIGN_DEFENSE: 3 * 24,
} as const;
const hours = (h: number) => h * 3600_000;

/** Legal aid staff of the region, the lawyer who forwarded it, and the defense lawyer assigned. */
const canRead = (p: Principal | null, a: ApplicationRow) =>
  (hasAnyRole(p, LEGAL_AID_STAFF) && canSeeRegion(p, a.region_code)) ||
  (!!p?.lawyerId && [a.forwarded_by, a.defense_lawyer_id].includes(p.lawyerId));

const Status = builder.enumType('LegalAidApplicationStatus', {
  description: 'Where an application stands (法律援助申请状态)',
  values: {
    UNDER_REVIEW: { description: '审查中' },
    GRANTED: { description: '决定给予法律援助' },
    REFUSED: { description: '决定不予法律援助' },
  } as const,
});
const Applicant = builder.enumType('LegalAidApplicant', {
  description: 'Who applies (申请人)',
  values: { ACCUSED: { description: '本人' }, RELATIVE: { description: '近亲属' } } as const,
});

const isLate = (a: ApplicationRow, now = Date.now()) => ({
  forward: a.forwarded_at > a.forward_deadline_at,
  review:
    a.status === 'UNDER_REVIEW'
      ? a.review_deadline_at.getTime() < now
      : !!a.decided_at && a.decided_at > a.review_deadline_at,
  defense:
    a.status === 'GRANTED' &&
    !!a.defense_deadline_at &&
    (a.defense_assigned_at
      ? a.defense_assigned_at > a.defense_deadline_at
      : a.defense_deadline_at.getTime() < now),
});

export const Application = builder.loadableObject('LegalAidApplication', {
  description: 'A legal aid application forwarded by the duty lawyer, and its review (法律援助申请)',
  load: async (ids: string[], ctx: Context) => {
    const rows = await findApplicationsByIds(ctx.db, ids);
    return ids.map(
      (id) => rows.find((r) => r.id === id) ?? new DutyError('NOT_FOUND', `未找到法律援助申请（编号 ${id}）`),
    );
  },
  authScopes: (a, ctx) => canRead(ctx.principal, a),
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: Status }),
    applicant: t.expose('applicant', { type: Applicant }),
    relativeName: t.exposeString('relative_name', { nullable: true }),
    relativeRelation: t.exposeString('relative_relation', { nullable: true }),
    materials: t.exposeStringList('materials', { description: 'Materials forwarded (转交材料)' }),
    receivedAt: t.expose('received_at', {
      type: 'DateTime',
      description: 'Received by the lawyer (律师收到申请)',
    }),
    forwardedAt: t.expose('forwarded_at', { type: 'DateTime', description: 'Forwarded (转交时间)' }),
    forwardDeadlineAt: t.expose('forward_deadline_at', {
      type: 'DateTime',
      description: 'Forward by (转交期限)',
    }),
    forwardedLate: t.boolean({
      description: 'Forwarded after its deadline (逾期转交)',
      resolve: (a) => isLate(a).forward,
    }),
    forwardedBy: t.field({ type: Lawyer, resolve: (a) => a.forwarded_by }),
    reviewDeadlineAt: t.expose('review_deadline_at', {
      type: 'DateTime',
      description: 'Decide by (审查期限)',
    }),
    reviewOverdue: t.boolean({
      description: 'Decided late, or undecided past its deadline (审查超期)',
      resolve: (a) => isLate(a).review,
    }),
    decidedAt: t.expose('decided_at', { type: 'DateTime', nullable: true }),
    decidedBy: t.exposeString('decided_by', { nullable: true }),
    decisionReason: t.exposeString('decision_reason', { nullable: true, description: 'Reason (理由)' }),
    defenseDeadlineAt: t.expose('defense_deadline_at', {
      type: 'DateTime',
      nullable: true,
      description: 'Assign defense by (指派期限)',
    }),
    defenseOverdue: t.boolean({
      description: 'Defense assigned late, or not yet past its deadline (指派超期)',
      resolve: (a) => isLate(a).defense,
    }),
    defenseLawyer: t.field({
      type: Lawyer,
      nullable: true,
      description: 'Defense lawyer assigned (指派的辩护律师)',
      resolve: (a) => a.defense_lawyer_id,
    }),
    defenseAssignedAt: t.expose('defense_assigned_at', { type: 'DateTime', nullable: true }),
  }),
});

builder.objectField(Notice, 'legalAidApplications', (t) =>
  t.loadableList({
    type: Application,
    nullable: true,
    description: 'Legal aid applications forwarded for this request (法律援助申请)',
    authScopes: (n) =>
      n.lawyer_id
        ? { $any: { anyRole: LEGAL_AID_STAFF, lawyer: n.lawyer_id } }
        : { anyRole: LEGAL_AID_STAFF },
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findApplicationsByNotices(ctx.db, ids), (a) => a.notice_id),
    resolve: (n) => n.id,
  }),
);

builder.queryField('legalAidApplications', (t) =>
  t.connection(
    {
      type: Application,
      nullable: true,
      description: "The region's legal aid applications, the review deadline first (法律援助申请列表)",
      authScopes: { anyRole: LEGAL_AID_STAFF },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
        status: t.arg({ type: [Status] }),
        overdue: t.arg.boolean({ description: 'Only those past a deadline, or only those not (是否超期)' }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (a: ApplicationRow) => encodeRowCursor([a.review_deadline_at.toISOString(), a.id]),
          (page) =>
            listApplications(
              ctx.db,
              { regionPrefix, status: args.status as ApplicationStatus[] | null, overdue: args.overdue },
              page,
            ),
          { rawCursor: true },
        );
      },
    },
    { name: 'LegalAidApplicationConnection' },
    { name: 'LegalAidApplicationEdge' },
  ),
);

const RULES = {
  legal_aid_application_idempotency_key_key: { code: 'CONFLICT', message: '该幂等键已用于另一申请' },
  legal_aid_application_open_idx: { code: 'CONFLICT', message: '该请求已有审查中的法律援助申请' },
  legal_aid_application_relative: {
    code: 'BAD_USER_INPUT',
    message: '近亲属申请的，须登记其姓名和与当事人的关系',
  },
} as const;

/** The application for a step by legal aid staff of its region. */
async function applicationFor(ctx: Context, id: string, what: string) {
  const [a] = await findApplicationsByIds(ctx.db, [id]);
  if (!a) throw new DutyError('NOT_FOUND', `未找到法律援助申请（编号 ${id}）`);
  requireRegionRole(ctx, LEGAL_AID_STAFF, a.region_code, what);
  return a;
}

const STATUS_NAME: Record<ApplicationStatus, string> = {
  UNDER_REVIEW: '审查中',
  GRANTED: '已决定给予法律援助',
  REFUSED: '已决定不予法律援助',
};

builder.mutationFields((t) => ({
  forwardLegalAidApplication: t.field({
    type: Application,
    description:
      "The assigned duty lawyer forwards the accused's or a relative's legal aid application to the agency (转交法律援助申请)",
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      noticeId: t.arg.id({ required: true }),
      applicant: t.arg({ type: Applicant, required: true }),
      relativeName: t.arg.string({ validate: z.string().trim().min(2, '近亲属姓名至少 2 个字').max(40) }),
      relativeRelation: t.arg.string({ validate: z.string().trim().min(1).max(20, '关系最多 20 字') }),
      receivedAt: t.arg({
        type: 'DateTime',
        required: true,
        description: 'When the lawyer received it (收到申请时间)',
      }),
      materials: t.arg.stringList({
        required: true,
        description: 'Materials forwarded (转交材料)',
        validate: z
          .array(z.string().trim().min(1).max(100, '材料名称最多 100 字'))
          .min(1, '至少转交一份材料')
          .max(30),
      }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = ctx.principal?.lawyerId;
      if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
      const key = args.idempotencyKey ?? null;
      const n = await ctx.db
        .selectFrom('help_request_notice')
        .selectAll()
        .where('id', '=', String(args.noticeId))
        .executeTakeFirst();
      if (!n) throw new DutyError('NOT_FOUND', `未找到法律帮助通知（编号 ${args.noticeId}）`);
      if (n.lawyer_id !== lawyerId)
        throw new DutyError('FORBIDDEN', '只能为指派给您的请求转交申请', { reason: 'NOT_ASSIGNED' });
      if (!['ACCEPTED', 'IN_PROGRESS', 'COMPLETED'].includes(n.status))
        throw new DutyError('CONFLICT', '请先接受指派，再转交申请', { reason: 'NOT_ACCEPTED' });
      const now = new Date();
      if (args.receivedAt.getTime() > now.getTime() + 60_000)
        throw new DutyError('BAD_USER_INPUT', '收到申请时间不能晚于现在');
      if (args.receivedAt < n.requested_at)
        throw new DutyError('BAD_USER_INPUT', '收到申请时间不能早于请求时间');
      const forward = await timeLimitHours(
        ctx.db,
        n.region_code,
        'FORWARD_APPLICATION',
        DEFAULT_HOURS.FORWARD_APPLICATION,
      );
      const review = await timeLimitHours(
        ctx.db,
        n.region_code,
        'REVIEW_APPLICATION',
        DEFAULT_HOURS.REVIEW_APPLICATION,
      );
      return createOnce({
        key,
        find: (k) => findApplicationByKey(ctx.db, k),
        isRepeat: (e) => e.forwarded_by === lawyerId && e.notice_id === n.id,
        reusedMessage: RULES.legal_aid_application_idempotency_key_key.message,
        rules: RULES,
        create: async () => {
          const id = randomUUID();
          await ctx.db
            .insertInto('legal_aid_application')
            .values({
              id,
              notice_id: n.id,
              forwarded_by: lawyerId,
              applicant: args.applicant,
              relative_name: args.relativeName ?? null,
              relative_relation: args.relativeRelation ?? null,
              received_at: args.receivedAt,
              materials: args.materials,
              forwarded_at: now,
              forward_deadline_at: new Date(args.receivedAt.getTime() + hours(forward)),
              review_deadline_at: new Date(now.getTime() + hours(review)),
              decided_at: null,
              decided_by: null,
              decision_reason: null,
              defense_deadline_at: null,
              defense_lawyer_id: null,
              defense_assigned_at: null,
              defense_assigned_by: null,
              idempotency_key: key,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  decideLegalAidApplication: t.field({
    type: Application,
    description:
      'The legal aid agency grants or refuses an application, a refusal with its reason (审查决定)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      applicationId: t.arg.id({ required: true }),
      grant: t.arg.boolean({ required: true }),
      reason: t.arg.string({
        validate: reasonRule,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const a = await applicationFor(ctx, String(args.applicationId), '审查该辖区的申请');
      if (a.status !== 'UNDER_REVIEW')
        throw new DutyError('CONFLICT', `该申请${STATUS_NAME[a.status]}，不能重复决定`, {
          reason: 'DECIDED',
        });
      if (!args.grant && !args.reason) throw new DutyError('BAD_USER_INPUT', '不予法律援助的，须写明理由');
      const now = new Date();
      const defense = await timeLimitHours(
        ctx.db,
        a.region_code,
        'ASSIGN_DEFENSE',
        DEFAULT_HOURS.ASSIGN_DEFENSE,
      );
      const r = await ctx.db
        .updateTable('legal_aid_application')
        .set({
          status: args.grant ? 'GRANTED' : 'REFUSED',
          decided_at: now,
          decided_by: ctx.principal!.userId,
          decision_reason: args.reason ?? null,
          defense_deadline_at: args.grant ? new Date(now.getTime() + hours(defense)) : null,
        })
        .where('id', '=', a.id)
        .where('status', '=', 'UNDER_REVIEW')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new DutyError('CONFLICT', '该申请已被他人决定，请刷新', { reason: 'DECIDED' });
      return a.id;
    },
  }),
  assignDefenseLawyer: t.field({
    type: Application,
    description:
      'After a grant, the agency assigns a defense lawyer (指派辩护律师): a separate decision that closes the duty-lawyer help for this request and tells the organ',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      applicationId: t.arg.id({ required: true }),
      licenseNo: t.arg({ type: 'LawyerLicenseNo', required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const a = await applicationFor(ctx, String(args.applicationId), '为该辖区的申请指派辩护律师');
      if (a.status !== 'GRANTED')
        throw new DutyError('CONFLICT', `该申请${STATUS_NAME[a.status]}，不能指派辩护律师`, {
          reason: 'NOT_GRANTED',
        });
      if (a.defense_lawyer_id)
        throw new DutyError('CONFLICT', '该申请已指派辩护律师', { reason: 'DEFENSE_ASSIGNED' });
      const now = new Date();
      await ctx.db.transaction().execute(async (trx) => {
        const lawyer = await activeRosterLawyer(trx, ctx, args.licenseNo);
        const r = await trx
          .updateTable('legal_aid_application')
          .set({
            defense_lawyer_id: lawyer.id,
            defense_assigned_at: now,
            defense_assigned_by: ctx.principal!.userId,
          })
          .where('id', '=', a.id)
          .where('defense_lawyer_id', 'is', null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1)
          throw new DutyError('CONFLICT', '该申请已指派辩护律师', { reason: 'DEFENSE_ASSIGNED' });
        // The duty-lawyer path for this request closes: an open request is completed, with why.
        const closed = await trx
          .updateTable('help_request_notice')
          .set({ status: 'COMPLETED', updated_at: now })
          .where('id', '=', a.notice_id)
          .where('status', 'in', ['RECEIVED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'])
          .returning(['lawyer_id'])
          .executeTakeFirst();
        if (closed) {
          await trx
            .insertInto('notice_event')
            .values({
              id: randomUUID(),
              notice_id: a.notice_id,
              action: 'COMPLETE',
              status_after: 'COMPLETED',
              lawyer_id: closed.lawyer_id,
              reason: '已指派辩护律师，值班律师法律帮助结束',
              actor: ctx.principal!.userId,
              idempotency_key: null,
            })
            .execute();
        }
        // The organ learns the person has counsel: its own record changes in its own database.
        const notice: DefenseAssignedNotice = {
          subgraph: a.subgraph,
          requestId: a.request_id,
          assignedAt: now.toISOString(),
        };
        await enqueue(trx, DEFENSE_ASSIGNED, notice, `defense:${a.id}`);
      });
      ctx.kickOutbox();
      return a.id;
    },
  }),
}));
