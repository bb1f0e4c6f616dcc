import { randomUUID } from 'node:crypto';
import {
  DutyError,
  encodeRowCursor,
  groupByKeys,
  idempotencyKeyRule,
  LEGAL_AID_STAFF,
  pageByKey,
  reasonRule,
  requireRegionRole,
  rowKeysetPage,
  withDatabaseRules,
} from '@duty/kit';
import type { Kysely } from 'kysely';
import { builder, type Context } from '../builder.js';
import type { JusticeDatabase } from '../db.js';
import { Lawyer } from '../lawyers/schema.js';
import { Notice, NoticeStatusEnum } from '../notices/schema.js';
import type {
  NoticeEvent as EventRow,
  HelpRequestNotice,
  NoticeAction,
  NoticeStatus,
} from '../notices/table.js';
import { activeRosterLawyer } from '../roster/active.js';
import { DutyMode } from '../workstations/schema.js';
import { type Candidate, findCandidates, findEventsByNotices } from './queries.js';

const CandidateReason = builder.enumType('DispatchCandidateReason', {
  description: 'Why a lawyer is suggested (推荐理由)',
  values: {
    ON_DUTY_HERE: { description: '正在该工作站值班' },
    REMOTE_DUTY: { description: '正在电话、网络值班' },
    LEAST_LOADED: { description: '名册中当前承办最少' },
  } as const,
});

const CandidateRef = builder.objectRef<Candidate>('DispatchCandidate').implement({
  description: 'A duty lawyer the system suggests for a request (推荐值班律师)',
  fields: (t) => ({
    lawyer: t.field({ type: Lawyer, resolve: (c) => c.lawyerId }),
    reason: t.expose('reason', { type: CandidateReason }),
    mode: t.expose('mode', {
      type: DutyMode,
      nullable: true,
      description: 'Current duty mode (当前值班方式)',
    }),
    openAssignments: t.exposeInt('openAssignments', { description: 'Requests in hand (在办请求数)' }),
  }),
});

const Action = builder.enumType('HelpRequestAction', {
  description: 'A step in handling a request (处理步骤)',
  values: {
    ASSIGN: { description: '指派' },
    ACCEPT: { description: '律师接受' },
    DECLINE: { description: '律师拒绝（退回待指派）' },
    START: { description: '开始提供帮助' },
    COMPLETE: { description: '完成' },
    CANCEL: { description: '撤销' },
    REFUSED_BY_ACCUSED: { description: '当事人拒绝帮助' },
  } as const,
});

const EventRef = builder.objectRef<EventRow>('HelpRequestEvent').implement({
  description: 'One step, with time, actor and reason (处理记录)',
  fields: (t) => ({
    action: t.expose('action', { type: Action }),
    statusAfter: t.expose('status_after', { type: NoticeStatusEnum }),
    lawyer: t.field({ type: Lawyer, nullable: true, resolve: (e) => e.lawyer_id }),
    reason: t.exposeString('reason', { nullable: true }),
    actor: t.exposeString('actor'),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

builder.objectFields(Notice, (t) => ({
  lawyer: t.field({
    type: Lawyer,
    nullable: true,
    description: 'Assigned duty lawyer (指派的值班律师)',
    resolve: (n) => n.lawyer_id,
  }),
  assignedAt: t.expose('assigned_at', { type: 'DateTime', nullable: true }),
  history: t.loadableList({
    type: EventRef,
    // Nullable: the organ sees the status and the lawyer, not the agency's internal steps.
    nullable: true,
    description: 'Every step (处理记录)；legal aid staff and the assigned lawyer',
    authScopes: (n) =>
      n.lawyer_id
        ? { $any: { anyRole: LEGAL_AID_STAFF, lawyer: n.lawyer_id } }
        : { anyRole: LEGAL_AID_STAFF },
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findEventsByNotices(ctx.db, ids), (e) => e.notice_id),
    resolve: (n) => n.id,
  }),
  candidates: t.field({
    type: [CandidateRef],
    nullable: true,
    description:
      'Suggested duty lawyers: on duty here now, then phone/online duty, then least loaded (推荐律师)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    resolve: (n, _a, ctx) => findCandidates(ctx.db, n),
  }),
}));

/** The steps a lawyer or the agency may take, from which status, to which. */
const STEPS: Record<
  Exclude<NoticeAction, 'ASSIGN'>,
  { from: NoticeStatus[]; to: NoticeStatus; by: 'LAWYER' | 'STAFF'; reason: boolean }
> = {
  ACCEPT: { from: ['ASSIGNED'], to: 'ACCEPTED', by: 'LAWYER', reason: false },
  DECLINE: { from: ['ASSIGNED'], to: 'RECEIVED', by: 'LAWYER', reason: true },
  START: { from: ['ACCEPTED'], to: 'IN_PROGRESS', by: 'LAWYER', reason: false },
  COMPLETE: { from: ['ACCEPTED', 'IN_PROGRESS'], to: 'COMPLETED', by: 'LAWYER', reason: false },
  REFUSED_BY_ACCUSED: {
    from: ['ACCEPTED', 'IN_PROGRESS'],
    to: 'REFUSED_BY_ACCUSED',
    by: 'LAWYER',
    reason: true,
  },
  CANCEL: {
    from: ['RECEIVED', 'ASSIGNED', 'ACCEPTED', 'IN_PROGRESS'],
    to: 'CANCELLED',
    by: 'STAFF',
    reason: true,
  },
};
const STATUS_NAME: Record<NoticeStatus, string> = {
  RECEIVED: '待指派',
  ASSIGNED: '已指派',
  ACCEPTED: '律师已接受',
  IN_PROGRESS: '帮助中',
  COMPLETED: '已完成',
  CANCELLED: '已撤销',
  REFUSED_BY_ACCUSED: '当事人拒绝帮助',
};

/**
 * One step on one notice, in a transaction with the notice locked: a step repeated with the same
 * idempotency key returns the notice as it is; a step the status does not allow is refused.
 */
async function step(
  ctx: Context,
  noticeId: string,
  action: NoticeAction,
  key: string | null | undefined,
  authorize: (n: HelpRequestNotice) => void,
  run: (
    trx: Kysely<JusticeDatabase>,
    n: HelpRequestNotice,
  ) => Promise<{ to: NoticeStatus; lawyerId: string | null; reason: string | null }>,
) {
  return withDatabaseRules(STEP_RULES, () =>
    ctx.db.transaction().execute(async (trx) => {
      const n = await trx
        .selectFrom('help_request_notice')
        .selectAll()
        .where('id', '=', noticeId)
        .forUpdate()
        .executeTakeFirst();
      if (!n) throw new DutyError('NOT_FOUND', `未找到法律帮助通知（编号 ${noticeId}）`);
      // Who may act is checked before anything else, a replay included.
      authorize(n);
      if (key) {
        const earlier = await trx
          .selectFrom('notice_event')
          .select(['notice_id', 'action', 'actor'])
          .where('idempotency_key', '=', key)
          .executeTakeFirst();
        if (earlier) {
          if (
            earlier.notice_id !== n.id ||
            earlier.action !== action ||
            earlier.actor !== ctx.principal!.userId
          ) {
            throw new DutyError('CONFLICT', STEP_RULES.notice_event_idempotency_key_key.message);
          }
          return n;
        }
      }
      const { to, lawyerId, reason } = await run(trx, n);
      await trx
        .updateTable('help_request_notice')
        .set({
          status: to,
          lawyer_id: lawyerId,
          updated_at: new Date(),
          ...(action === 'ASSIGN' ? { assigned_at: new Date() } : {}),
        })
        .where('id', '=', n.id)
        .execute();
      await trx
        .insertInto('notice_event')
        .values({
          id: randomUUID(),
          notice_id: n.id,
          action,
          status_after: to,
          lawyer_id: lawyerId,
          reason,
          actor: ctx.principal!.userId,
          idempotency_key: key ?? null,
        })
        .execute();
      return trx
        .selectFrom('help_request_notice')
        .selectAll()
        .where('id', '=', n.id)
        .executeTakeFirstOrThrow();
    }),
  );
}

const STEP_RULES = {
  notice_event_idempotency_key_key: { code: 'CONFLICT', message: '该幂等键已用于另一操作' },
} as const;

const refuse = (n: HelpRequestNotice, verb: string) =>
  new DutyError('CONFLICT', `当前状态为“${STATUS_NAME[n.status]}”，不能${verb}`, {
    reason: 'INVALID_TRANSITION',
  });

builder.mutationFields((t) => ({
  assignDutyLawyer: t.field({
    type: Notice,
    description: 'Assign a duty lawyer to a request (指派值班律师)；one not on duty now needs a reason',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      noticeId: t.arg.id({ required: true }),
      licenseNo: t.arg({ type: 'LawyerLicenseNo', required: true }),
      reason: t.arg.string({ validate: reasonRule }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: (_root, args, ctx) =>
      step(
        ctx,
        String(args.noticeId),
        'ASSIGN',
        args.idempotencyKey,
        (n) => requireRegionRole(ctx, LEGAL_AID_STAFF, n.region_code, '指派该辖区的值班律师'),
        async (trx, n) => {
          if (n.status !== 'RECEIVED') throw refuse(n, '指派');
          const lawyer = await activeRosterLawyer(trx, ctx, args.licenseNo);
          const onDuty = (await findCandidates(trx, n, new Date(), 50)).some(
            (c) => c.lawyerId === lawyer.id && c.reason !== 'LEAST_LOADED',
          );
          if (!onDuty && !args.reason) {
            throw new DutyError('BAD_USER_INPUT', '该律师当前不在值班，指派须说明理由', {
              reason: 'OFF_DUTY_WITHOUT_REASON',
            });
          }
          return { to: 'ASSIGNED', lawyerId: lawyer.id, reason: args.reason ?? null };
        },
      ),
  }),
  advanceHelpRequest: t.field({
    type: Notice,
    description:
      'The next step on a request: the lawyer accepts, declines, starts, completes or records a refusal; the agency cancels (处理请求)',
    authScopes: { anyRole: ['DUTY_LAWYER', ...LEGAL_AID_STAFF] },
    args: {
      noticeId: t.arg.id({ required: true }),
      action: t.arg({ type: Action, required: true }),
      reason: t.arg.string({ validate: reasonRule }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: (_root, args, ctx) => {
      if (args.action === 'ASSIGN') throw new DutyError('BAD_USER_INPUT', '指派请使用 assignDutyLawyer');
      const rule = STEPS[args.action];
      return step(
        ctx,
        String(args.noticeId),
        args.action,
        args.idempotencyKey,
        (n) => {
          if (rule.by === 'STAFF') {
            requireRegionRole(ctx, LEGAL_AID_STAFF, n.region_code, '处理该辖区的请求');
          } else if (!n.lawyer_id || ctx.principal?.lawyerId !== n.lawyer_id) {
            throw new DutyError('FORBIDDEN', '只有被指派的值班律师可以进行此操作', {
              reason: 'NOT_ASSIGNED_LAWYER',
            });
          }
        },
        async (_trx, n) => {
          if (!rule.from.includes(n.status)) throw refuse(n, '进行此操作');
          if (rule.reason && !args.reason) {
            throw new DutyError('BAD_USER_INPUT', '此操作须说明理由', { reason: 'REASON_REQUIRED' });
          }
          return {
            to: rule.to,
            lawyerId: rule.to === 'RECEIVED' ? null : n.lawyer_id,
            reason: args.reason ?? null,
          };
        },
      );
    },
  }),
}));

builder.queryField('myAssignments', (t) =>
  t.connection(
    {
      type: Notice,
      nullable: true,
      description: "A duty lawyer's assigned requests, most urgent first (我承办的请求)",
      authScopes: { anyRole: ['DUTY_LAWYER'] },
      args: { status: t.arg({ type: [NoticeStatusEnum] }) },
      resolve: (_root, args, ctx) => {
        const lawyerId = ctx.principal?.lawyerId;
        if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
        let q = ctx.db.selectFrom('help_request_notice').selectAll().where('lawyer_id', '=', lawyerId);
        if (args.status?.length) q = q.where('status', 'in', args.status as NoticeStatus[]);
        return pageByKey(
          args,
          (n: HelpRequestNotice) => encodeRowCursor([n.deadline_at.toISOString(), n.id]),
          (page) =>
            rowKeysetPage(
              q,
              [{ ref: 'deadline_at', cast: 'timestamptz' }, { ref: 'id' }],
              'asc',
              page,
            ).execute(),
          { rawCursor: true },
        );
      },
    },
    {
      name: 'MyAssignmentConnection',
      description: "A page of a lawyer's assigned requests (我承办的请求分页列表)",
    },
    { name: 'MyAssignmentEdge' },
  ),
);

builder.queryField('myAssignment', (t) =>
  t.field({
    type: Notice,
    nullable: true,
    description:
      "One of the duty lawyer's assigned requests (我承办的一个请求)；other organs check a lawyer's assignment through it",
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const n = await ctx.db
        .selectFrom('help_request_notice')
        .selectAll()
        .where('id', '=', String(args.id))
        .where('lawyer_id', '=', ctx.principal?.lawyerId ?? '-')
        .where('status', 'not in', ['CANCELLED', 'REFUSED_BY_ACCUSED'])
        .executeTakeFirst();
      if (!n) throw new DutyError('NOT_FOUND', `您没有编号为 ${args.id} 的承办请求`);
      return n;
    },
  }),
);
