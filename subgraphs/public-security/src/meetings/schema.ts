import { randomUUID } from 'node:crypto';
import {
  byKeys,
  canSeeRegion,
  createOnce,
  DutyError,
  encodeRowCursor,
  findHelpRequestsByIds,
  groupByKeys,
  hasAnyRole,
  idempotencyKeyRule,
  isAssignedToRequest,
  isStaffOf,
  LEGAL_AID_STAFF,
  type Principal,
  pageByKey,
  reasonRule,
} from '@duty/kit';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { findPersonsByIds } from '../cases/queries.js';
import { DETENTION_ROLES, ORGAN_ROLES } from '../cases/roles.js';
import { AccusedPerson } from '../cases/schema.js';
import { DetentionCenter } from '../detention-centers/schema.js';
import { PoliceHelpRequest } from '../requests/schema.js';
import {
  findMeetingByKey,
  findMeetingsByIds,
  findMeetingsByPersons,
  findOpenMeeting,
  listMeetings,
  type MeetingRow,
  meetingDeadlineHours,
} from './queries.js';
import type { MeetingStatus } from './table.js';

/** CPL art. 39: a meeting is arranged within 48 hours unless the region sets otherwise. */
const DEFAULT_MEETING_HOURS = 48;
/** Investigation-stage meetings in these cases need the handling organ's approval (CPL art. 39). */
const NEEDS_APPROVAL = ['STATE_SECURITY', 'TERRORISM'];

const MeetingStatusEnum = builder.enumType('MeetingStatus', {
  description: 'Where a meeting request stands (会见申请状态)',
  values: {
    AWAITING_APPROVAL: { description: '待办案机关许可' },
    REQUESTED: { description: '待看守所安排' },
    REFUSED: { description: '不予许可' },
    ARRANGED: { description: '已安排' },
    HELD: { description: '已会见' },
  } as const,
});

const key = builder.selection<{ id: string }>('id');
const Lawyer = builder.externalRef('Lawyer', key).implement({ fields: (t) => ({ id: t.exposeID('id') }) });

const isOverdue = (m: MeetingRow, now = Date.now()) =>
  (m.status === 'REQUESTED' && !!m.deadline_at && m.deadline_at.getTime() < now) ||
  (['ARRANGED', 'HELD'].includes(m.status) &&
    !!m.deadline_at &&
    !!m.scheduled_at &&
    m.scheduled_at > m.deadline_at);

/** The center's and the handling organ's staff, the lawyer who asked, and legal aid staff of the region. */
const canReadMeeting = (p: Principal | null, m: MeetingRow) =>
  isStaffOf(p, m.detention_center_id, DETENTION_ROLES) ||
  isStaffOf(p, m.police_organ_id, ORGAN_ROLES) ||
  (!!p?.lawyerId && p.lawyerId === m.lawyer_id) ||
  (hasAnyRole(p, LEGAL_AID_STAFF) && canSeeRegion(p, m.region_code));

export const MeetingRequest = builder.loadableObject('MeetingRequest', {
  description: "A duty lawyer's request to meet a detainee at a detention center (会见申请)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findMeetingsByIds(ctx.db, ids), (r) => r.id, '会见申请'),
  authScopes: (m, ctx) => canReadMeeting(ctx.principal, m),
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: MeetingStatusEnum }),
    needsApproval: t.exposeBoolean('needs_approval', {
      description: 'Needs the handling organ’s approval (须经许可：危害国家安全、恐怖活动犯罪案件侦查期间)',
    }),
    requestedAt: t.expose('requested_at', { type: 'DateTime', description: 'Requested at (申请时间)' }),
    deadlineAt: t.expose('deadline_at', {
      type: 'DateTime',
      nullable: true,
      description: 'Arrange by (安排期限); set once the meeting may be arranged',
    }),
    overdue: t.boolean({
      description: 'Not arranged within the deadline (超期未安排或安排晚于期限)',
      resolve: (m) => isOverdue(m),
    }),
    decidedAt: t.expose('decided_at', {
      type: 'DateTime',
      nullable: true,
      description: 'Decided at (许可决定时间)',
    }),
    decidedBy: t.exposeString('decided_by', { nullable: true, description: 'Decided by (决定人)' }),
    decisionReason: t.exposeString('decision_reason', { nullable: true, description: 'Reason (理由)' }),
    scheduledAt: t.expose('scheduled_at', {
      type: 'DateTime',
      nullable: true,
      description: 'Meeting time (会见时间)',
    }),
    room: t.exposeString('room', { nullable: true, description: 'Meeting room (会见室)' }),
    arrangedAt: t.expose('arranged_at', {
      type: 'DateTime',
      nullable: true,
      description: 'Arranged at (安排时间)',
    }),
    heldFrom: t.expose('held_from', {
      type: 'DateTime',
      nullable: true,
      description: 'Meeting began (会见开始)',
    }),
    heldUntil: t.expose('held_until', {
      type: 'DateTime',
      nullable: true,
      description: 'Meeting ended (会见结束)',
    }),
    lawyer: t.field({
      type: Lawyer,
      description: 'The duty lawyer (值班律师)',
      resolve: (m) => ({ id: m.lawyer_id }),
    }),
    person: t.field({ type: AccusedPerson, resolve: (m) => m.person_id }),
    detentionCenter: t.field({ type: DetentionCenter, resolve: (m) => m.detention_center_id }),
    helpRequest: t.field({ type: PoliceHelpRequest, resolve: (m) => m.help_request_id }),
  }),
});

builder.objectField(AccusedPerson, 'meetings', (t) =>
  t.loadableList({
    type: MeetingRequest,
    description: 'Meeting requests (会见申请)',
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findMeetingsByPersons(ctx.db, ids), (m) => m.person_id),
    resolve: (p) => p.id,
  }),
);

builder.queryField('meetingRequests', (t) =>
  t.connection(
    {
      type: MeetingRequest,
      nullable: true,
      description:
        "Meeting requests, newest first: a detention center's, a handling organ's cases', or a duty lawyer's own (会见申请列表)",
      authScopes: { anyRole: [...DETENTION_ROLES, ...ORGAN_ROLES, 'DUTY_LAWYER'] },
      args: {
        status: t.arg({ type: [MeetingStatusEnum] }),
        overdue: t.arg.boolean({ description: 'Only overdue, or only not overdue (是否超期)' }),
      },
      resolve: (_root, args, ctx) => {
        const p = ctx.principal!;
        const mine = hasAnyRole(p, DETENTION_ROLES)
          ? { detentionCenterId: p.agencyId }
          : hasAnyRole(p, ORGAN_ROLES)
            ? { policeOrganId: p.agencyId }
            : { lawyerId: p.lawyerId ?? '-' };
        return pageByKey(
          args,
          (m: MeetingRow) => encodeRowCursor([m.requested_at.toISOString(), m.id]),
          (page) =>
            listMeetings(
              ctx.db,
              { ...mine, status: args.status as MeetingStatus[] | null, overdue: args.overdue },
              page,
            ),
          { rawCursor: true },
        );
      },
    },
    { name: 'MeetingRequestConnection', description: 'A page of meeting requests (会见申请分页列表)' },
    { name: 'MeetingRequestEdge' },
  ),
);

const MEETING_RULES = {
  meeting_request_idempotency_key_key: { code: 'CONFLICT', message: '该幂等键已用于另一会见申请' },
} as const;

/** A meeting request for a write: found, and still in one of the statuses the step needs. */
async function meetingFor(ctx: Context, id: string, step: { from: MeetingStatus; busy: string }) {
  const [m] = await findMeetingsByIds(ctx.db, [id]);
  if (!m) throw new DutyError('NOT_FOUND', `未找到会见申请（编号 ${id}）`);
  if (m.status !== step.from) {
    throw new DutyError('CONFLICT', step.busy, { reason: 'MEETING_STATUS', status: m.status });
  }
  return m;
}

/** Moves a meeting from one status on, only if nobody moved it first. */
async function moveMeeting(ctx: Context, m: MeetingRow, values: Partial<MeetingRow>, busy: string) {
  const r = await ctx.db
    .updateTable('meeting_request')
    .set(values)
    .where('id', '=', m.id)
    .where('status', '=', m.status)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new DutyError('CONFLICT', busy, { reason: 'MEETING_STATUS' });
  return m.id;
}

builder.mutationFields((t) => ({
  requestMeeting: t.field({
    type: MeetingRequest,
    description:
      'A duty lawyer asks the detention center for a meeting with a detainee they are assigned to help (申请会见)',
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      helpRequestId: t.arg.id({
        required: true,
        description: 'The help request the lawyer was assigned (法律帮助请求)',
      }),
      idempotencyKey: t.arg.string({
        description: 'Repeating the call with the same key returns the first request (幂等键)',
        validate: idempotencyKeyRule,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = ctx.principal?.lawyerId;
      if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
      const helpRequestId = String(args.helpRequestId);
      const key = args.idempotencyKey ?? null;
      const [request] = await findHelpRequestsByIds(ctx.db, [helpRequestId]);
      if (!request) throw new DutyError('NOT_FOUND', `未找到法律帮助请求（编号 ${helpRequestId}）`);
      if (!(await isAssignedToRequest(ctx, 'public-security', request.id))) {
        throw new DutyError('FORBIDDEN', '您不是该请求指派的值班律师，不能申请会见', {
          reason: 'NOT_ASSIGNED',
        });
      }
      const [person] = await findPersonsByIds(ctx.db, [request.person_id]);
      if (!person?.detention_center_id || !person.detention_region_code) {
        throw new DutyError('CONFLICT', '该犯罪嫌疑人未被羁押于看守所，无需申请会见', {
          reason: 'NOT_DETAINED',
        });
      }
      const needsApproval = NEEDS_APPROVAL.includes(person.category);
      const hours = await meetingDeadlineHours(ctx.db, person.detention_region_code, DEFAULT_MEETING_HOURS);
      const centerId = person.detention_center_id;
      return createOnce({
        key,
        find: (k) => findMeetingByKey(ctx.db, k),
        isRepeat: (e) => e.lawyer_id === lawyerId && e.help_request_id === helpRequestId,
        reusedMessage: MEETING_RULES.meeting_request_idempotency_key_key.message,
        rules: MEETING_RULES,
        create: async () => {
          if (await findOpenMeeting(ctx.db, person.id, lawyerId)) {
            throw new DutyError('CONFLICT', '您对该犯罪嫌疑人已有待安排的会见申请', {
              reason: 'MEETING_OPEN',
            });
          }
          const now = new Date();
          const id = randomUUID();
          await ctx.db
            .insertInto('meeting_request')
            .values({
              id,
              person_id: person.id,
              detention_center_id: centerId,
              help_request_id: request.id,
              lawyer_id: lawyerId,
              requested_at: now,
              needs_approval: needsApproval,
              status: needsApproval ? 'AWAITING_APPROVAL' : 'REQUESTED',
              deadline_at: needsApproval ? null : new Date(now.getTime() + hours * 3600_000),
              decided_by: null,
              decided_at: null,
              decision_reason: null,
              scheduled_at: null,
              room: null,
              arranged_by: null,
              arranged_at: null,
              held_from: null,
              held_until: null,
              idempotency_key: key,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  decideMeetingApproval: t.field({
    type: MeetingRequest,
    description:
      'The organ handling a state-security or terrorism case approves or refuses an investigation-stage meeting (会见许可决定)',
    authScopes: { anyRole: ORGAN_ROLES },
    args: {
      meetingId: t.arg.id({ required: true }),
      approve: t.arg.boolean({ required: true }),
      reason: t.arg.string({
        description: 'Required when refusing (不予许可的理由)',
        validate: reasonRule,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const busy = '该会见申请不在待许可状态，不能重复决定';
      const m = await meetingFor(ctx, String(args.meetingId), { from: 'AWAITING_APPROVAL', busy });
      if (!isStaffOf(ctx.principal, m.police_organ_id, ORGAN_ROLES))
        throw new DutyError('FORBIDDEN', '只有承办案件的机关可以决定是否许可会见', {
          reason: 'NOT_HANDLING_ORGAN',
        });
      if (!args.approve && !args.reason) throw new DutyError('BAD_USER_INPUT', '不予许可的，须写明理由');
      const now = new Date();
      const decision = {
        decided_by: ctx.principal!.userId,
        decided_at: now,
        decision_reason: args.reason ?? null,
      };
      if (!args.approve) return moveMeeting(ctx, m, { ...decision, status: 'REFUSED' }, busy);
      const hours = await meetingDeadlineHours(ctx.db, m.region_code, DEFAULT_MEETING_HOURS);
      return moveMeeting(
        ctx,
        m,
        { ...decision, status: 'REQUESTED', deadline_at: new Date(now.getTime() + hours * 3600_000) },
        busy,
      );
    },
  }),
  arrangeMeeting: t.field({
    type: MeetingRequest,
    description: 'The detention center arranges the meeting: time and room (安排会见)',
    authScopes: { anyRole: DETENTION_ROLES },
    args: {
      meetingId: t.arg.id({ required: true }),
      scheduledAt: t.arg({ type: 'DateTime', required: true, description: 'Meeting time (会见时间)' }),
      room: t.arg.string({
        required: true,
        validate: z.string().trim().min(1, '请填写会见室').max(40, '会见室最多 40 字'),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const [current] = await findMeetingsByIds(ctx.db, [String(args.meetingId)]);
      const busy =
        current?.status === 'AWAITING_APPROVAL'
          ? '该会见须先经办案机关许可'
          : current?.status === 'REFUSED'
            ? '办案机关不予许可，不能安排'
            : '该会见已安排，不能重复安排';
      const m = await meetingFor(ctx, String(args.meetingId), { from: 'REQUESTED', busy });
      if (!isStaffOf(ctx.principal, m.detention_center_id, DETENTION_ROLES))
        throw new DutyError('FORBIDDEN', '只有羁押该人员的看守所可以安排会见', {
          reason: 'NOT_HOLDING_CENTER',
        });
      if (args.scheduledAt.getTime() < Date.now() - 5 * 60_000)
        throw new DutyError('BAD_USER_INPUT', '会见时间不能早于现在');
      return moveMeeting(
        ctx,
        m,
        {
          status: 'ARRANGED',
          scheduled_at: args.scheduledAt,
          room: args.room,
          arranged_by: ctx.principal!.userId,
          arranged_at: new Date(),
        },
        busy,
      );
    },
  }),
  recordMeetingHeld: t.field({
    type: MeetingRequest,
    description: 'The detention center records that an arranged meeting took place (会见情况登记)',
    authScopes: { anyRole: DETENTION_ROLES },
    args: {
      meetingId: t.arg.id({ required: true }),
      from: t.arg({ type: 'DateTime', required: true, description: 'Began (开始时间)' }),
      until: t.arg({ type: 'DateTime', required: true, description: 'Ended (结束时间)' }),
    },
    resolve: async (_root, args, ctx) => {
      const busy = '该会见不在已安排状态，不能登记';
      const m = await meetingFor(ctx, String(args.meetingId), { from: 'ARRANGED', busy });
      if (!isStaffOf(ctx.principal, m.detention_center_id, DETENTION_ROLES))
        throw new DutyError('FORBIDDEN', '只有羁押该人员的看守所可以登记会见情况', {
          reason: 'NOT_HOLDING_CENTER',
        });
      if (args.until <= args.from) throw new DutyError('BAD_USER_INPUT', '结束时间须晚于开始时间');
      if (args.until.getTime() > Date.now() + 60_000)
        throw new DutyError('BAD_USER_INPUT', '不能登记尚未结束的会见');
      return moveMeeting(ctx, m, { status: 'HELD', held_from: args.from, held_until: args.until }, busy);
    },
  }),
}));
