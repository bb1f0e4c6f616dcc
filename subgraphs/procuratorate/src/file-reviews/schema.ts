import { randomUUID } from 'node:crypto';
import {
  byKeys,
  createOnce,
  DutyError,
  groupByKeys,
  idempotencyKeyRule,
  isStaffOf,
  type Principal,
} from '@duty/kit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { lawyerReadsCase, PROCURATORATE_ROLES, ProcuratorateCase } from '../cases/schema.js';
import type { ProcuratorateDatabase } from '../db.js';
import type { FileReviewStatus } from './table.js';

type Db = Kysely<ProcuratorateDatabase>;
/** Reviews with the case's procuratorate, whose staff handle them. */
const reviews = (db: Db) =>
  db
    .selectFrom('file_review as f')
    .innerJoin('prosecution_case as c', 'c.id', 'f.case_id')
    .selectAll('f')
    .select('c.procuratorate_id');
type Row = Awaited<ReturnType<ReturnType<typeof reviews>['execute']>>[number];

const Status = builder.enumType('FileReviewStatus', {
  description: 'Where a file review stands (阅卷状态)',
  values: {
    REQUESTED: { description: '已申请' },
    ARRANGED: { description: '已安排' },
    REFUSED: { description: '不予安排' },
    DONE: { description: '已阅卷' },
  } as const,
});

const ownStaff = (p: Principal | null, r: { procuratorate_id: string }) =>
  isStaffOf(p, r.procuratorate_id, PROCURATORATE_ROLES);

const FileReview = builder.loadableObject('FileReview', {
  description: "A duty lawyer's file review at the procuratorate (阅卷)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await reviews(ctx.db).where('f.id', 'in', ids).execute(), (r) => r.id, '阅卷申请'),
  // The procuratorate's own staff and the lawyer who asked.
  authScopes: (r: Row, ctx: Context) => ownStaff(ctx.principal, r) || ctx.principal?.lawyerId === r.lawyer_id,
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: Status }),
    requestedAt: t.expose('requested_at', { type: 'DateTime' }),
    scheduledAt: t.expose('scheduled_at', {
      type: 'DateTime',
      nullable: true,
      description: 'When (阅卷时间)',
    }),
    place: t.exposeString('place', { nullable: true, description: 'Where (阅卷地点)' }),
    decisionReason: t.exposeString('decision_reason', {
      nullable: true,
      description: 'Why refused (不予安排理由)',
    }),
    reviewedAt: t.expose('reviewed_at', { type: 'DateTime', nullable: true }),
    materials: t.exposeStringList('materials', {
      nullable: true,
      description: 'Files provided (提供阅卷的材料)',
    }),
    case: t.field({ type: ProcuratorateCase, resolve: (r) => r.case_id }),
  }),
});

builder.objectField(ProcuratorateCase, 'fileReviews', (t) =>
  t.loadableList({
    type: FileReview,
    description: "Lawyers' file reviews (阅卷)",
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(
        ids,
        await reviews(ctx.db).where('f.case_id', 'in', ids).orderBy('f.requested_at').execute(),
        (r) => r.case_id,
      ),
    resolve: (c) => c.id,
  }),
);

/** A review at the caller's own procuratorate, in the status the step starts from. */
async function ownReview(ctx: Context, id: string, from: FileReviewStatus, busy: string) {
  const r = await reviews(ctx.db).where('f.id', '=', id).executeTakeFirst();
  if (!r) throw new DutyError('NOT_FOUND', `未找到阅卷申请（编号 ${id}）`);
  if (!ownStaff(ctx.principal, r))
    throw new DutyError('FORBIDDEN', '只有承办检察院的工作人员可以办理', { reason: 'NOT_HANDLING_ORGAN' });
  if (r.status !== from)
    throw new DutyError('CONFLICT', busy, { reason: 'FILE_REVIEW_STATUS', status: r.status });
  return r;
}

/** Moves a review on, only if nobody moved it first. */
async function moveReview(ctx: Context, r: Row, values: Record<string, unknown>, busy: string) {
  const res = await ctx.db
    .updateTable('file_review')
    .set({ ...values, handled_by: ctx.principal!.userId })
    .where('id', '=', r.id)
    .where('status', '=', r.status)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new DutyError('CONFLICT', busy, { reason: 'FILE_REVIEW_STATUS' });
  return r.id;
}

builder.mutationFields((t) => ({
  requestFileReview: t.field({
    type: FileReview,
    description: 'The duty lawyer helping a suspect in the case asks to read the file (申请阅卷)',
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      caseId: t.arg.id({ required: true }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = ctx.principal?.lawyerId;
      if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
      const caseId = String(args.caseId);
      const found = await ctx.db
        .selectFrom('prosecution_case')
        .select('id')
        .where('id', '=', caseId)
        .executeTakeFirst();
      if (!found) throw new DutyError('NOT_FOUND', `未找到案件（编号 ${caseId}）`);
      if (!(await lawyerReadsCase(ctx, caseId)))
        throw new DutyError('FORBIDDEN', '只有为本案犯罪嫌疑人指派的值班律师可以申请阅卷', {
          reason: 'NOT_ASSIGNED',
        });
      return createOnce({
        key: args.idempotencyKey,
        find: (k) => reviews(ctx.db).where('f.idempotency_key', '=', k).executeTakeFirst(),
        isRepeat: (e) => e.lawyer_id === lawyerId && e.case_id === caseId,
        create: async () => {
          const id = randomUUID();
          await ctx.db
            .insertInto('file_review')
            .values({
              id,
              case_id: caseId,
              lawyer_id: lawyerId,
              scheduled_at: null,
              place: null,
              decision_reason: null,
              reviewed_at: null,
              materials: null,
              handled_by: null,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  arrangeFileReview: t.field({
    type: FileReview,
    description: 'The procuratorate arranges a file review: time and place (安排阅卷)',
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      reviewId: t.arg.id({ required: true }),
      scheduledAt: t.arg({ type: 'DateTime', required: true }),
      place: t.arg.string({ required: true, validate: z.string().trim().min(1, '请填写阅卷地点').max(100) }),
    },
    resolve: async (_root, args, ctx) => {
      const busy = '该阅卷申请已处理，不能重复安排';
      const r = await ownReview(ctx, String(args.reviewId), 'REQUESTED', busy);
      if (args.scheduledAt.getTime() < Date.now() - 5 * 60_000)
        throw new DutyError('BAD_USER_INPUT', '阅卷时间不能早于现在');
      return moveReview(
        ctx,
        r,
        { status: 'ARRANGED', scheduled_at: args.scheduledAt, place: args.place },
        busy,
      );
    },
  }),
  refuseFileReview: t.field({
    type: FileReview,
    description: 'The procuratorate refuses a file review, with its reason (不予安排阅卷)',
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      reviewId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: z.string().trim().min(2, '请写明理由').max(500) }),
    },
    resolve: async (_root, args, ctx) => {
      const busy = '该阅卷申请已处理，不能拒绝';
      const r = await ownReview(ctx, String(args.reviewId), 'REQUESTED', busy);
      return moveReview(ctx, r, { status: 'REFUSED', decision_reason: args.reason }, busy);
    },
  }),
  recordFileReviewed: t.field({
    type: FileReview,
    description: 'The procuratorate records the files the lawyer read (阅卷登记)',
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      reviewId: t.arg.id({ required: true }),
      reviewedAt: t.arg({ type: 'DateTime', required: true }),
      materials: t.arg.stringList({
        required: true,
        validate: z.array(z.string().trim().min(1).max(100)).min(1, '请登记提供的材料').max(100),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const busy = '该阅卷未安排或已登记';
      const r = await ownReview(ctx, String(args.reviewId), 'ARRANGED', busy);
      if (args.reviewedAt.getTime() > Date.now() + 60_000)
        throw new DutyError('BAD_USER_INPUT', '阅卷时间不能晚于现在');
      return moveReview(
        ctx,
        r,
        { status: 'DONE', reviewed_at: args.reviewedAt, materials: args.materials },
        busy,
      );
    },
  }),
}));
