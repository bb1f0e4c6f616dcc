import { randomUUID } from 'node:crypto';
import type { ObjectRef } from '@pothos/core';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { KitBuilder } from '../builder.js';
import { DutyError } from '../errors.js';
import { createOnce, idempotencyKeyRule } from '../idempotency.js';
import { isStaffOf, type Role } from '../principal.js';
import { byKeys, groupByKeys } from '../scope.js';
import type { SubgraphContext } from '../subgraph.js';

type FileReviewStatus = 'REQUESTED' | 'ARRANGED' | 'REFUSED' | 'DONE';
interface Row {
  id: string;
  case_id: string;
  lawyer_id: string;
  requested_at: Date;
  status: FileReviewStatus;
  scheduled_at: Date | null;
  place: string | null;
  decision_reason: string | null;
  reviewed_at: Date | null;
  materials: string[] | null;
  /** The organ holding the case, whose staff handle the review. */
  organ_id: string;
}

export interface FileReviewOptions<Ctx extends SubgraphContext<any>> {
  /** Type-name prefix, as for `organRequestSchema`: `Court` gives `requestCourtFileReview`. */
  prefix: string;
  /** The organ's case type, which gets `fileReviews`. */
  caseRef: ObjectRef<any, any, { id: string }>;
  caseTable: string;
  /** The case table's column naming the organ that holds the case. */
  organColumn: string;
  roles: readonly Role[];
  /** The caller is the duty lawyer helping a person in the case. */
  lawyerReadsCase: (ctx: Ctx, caseId: string) => Promise<boolean>;
}

/**
 * File review (阅卷) for an organ subgraph, from review for prosecution on: the duty lawyer helping
 * a person in the case asks, the organ's staff arrange it or refuse with a reason, then record the
 * files provided. The organ's side stays in its own subgraph.
 */
export function fileReviewSchema<Ctx extends SubgraphContext<any>>(
  builder: KitBuilder<Ctx>,
  o: FileReviewOptions<Ctx>,
) {
  const reviews = (db: Kysely<any>) =>
    db
      .selectFrom('file_review as f')
      .innerJoin(`${o.caseTable} as c`, 'c.id', 'f.case_id')
      .selectAll('f')
      .select(sql.ref(`c.${o.organColumn}`).as('organ_id'));
  const find = async (
    db: Kysely<any>,
    where: (q: ReturnType<typeof reviews>) => ReturnType<typeof reviews>,
  ) => (await where(reviews(db)).execute()) as Row[];
  const ownStaff = (ctx: Ctx, r: Row) => isStaffOf(ctx.principal, r.organ_id, o.roles);

  const Status = builder.enumType('FileReviewStatus', {
    description: 'Where a file review stands (阅卷状态)',
    values: {
      REQUESTED: { description: '已申请' },
      ARRANGED: { description: '已安排' },
      REFUSED: { description: '不予安排' },
      DONE: { description: '已阅卷' },
    } as const,
  });

  const FileReview = builder.loadableObject(`${o.prefix}FileReview`, {
    description: "A duty lawyer's file review (阅卷)",
    load: async (ids: string[], ctx: Ctx) =>
      byKeys(ids, await find(ctx.db, (q) => q.where('f.id', 'in', ids)), (r) => r.id, '阅卷申请'),
    // The organ's own staff and the lawyer who asked.
    authScopes: (r: Row, ctx: Ctx) => ownStaff(ctx, r) || ctx.principal?.lawyerId === r.lawyer_id,
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
      case: t.field({ type: o.caseRef, resolve: (r) => r.case_id }),
    }),
  });

  builder.objectField(o.caseRef, 'fileReviews', (t) =>
    t.loadableList({
      type: FileReview,
      description: "Lawyers' file reviews (阅卷)",
      load: async (ids: string[], ctx: Ctx) =>
        groupByKeys(
          ids,
          await find(ctx.db, (q) => q.where('f.case_id', 'in', ids).orderBy('f.requested_at')),
          (r) => r.case_id,
        ),
      resolve: (c) => c.id,
    }),
  );

  /** A review at the caller's own organ, in the status the step starts from. */
  const ownReview = async (ctx: Ctx, id: string, from: FileReviewStatus, busy: string) => {
    const [r] = await find(ctx.db, (q) => q.where('f.id', '=', id));
    if (!r) throw new DutyError('NOT_FOUND', `未找到阅卷申请（编号 ${id}）`);
    if (!ownStaff(ctx, r))
      throw new DutyError('FORBIDDEN', '只有承办机关的工作人员可以办理', { reason: 'NOT_HANDLING_ORGAN' });
    if (r.status !== from)
      throw new DutyError('CONFLICT', busy, { reason: 'FILE_REVIEW_STATUS', status: r.status });
    return r;
  };
  /** Moves a review on, only if nobody moved it first. */
  const move = async (ctx: Ctx, r: Row, values: Record<string, unknown>, busy: string) => {
    const res = await ctx.db
      .updateTable('file_review')
      .set({ ...values, handled_by: ctx.principal!.userId })
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new DutyError('CONFLICT', busy, { reason: 'FILE_REVIEW_STATUS' });
    return r.id;
  };

  builder.mutationFields((t) => ({
    [`request${o.prefix}FileReview`]: t.field({
      type: FileReview,
      description: 'The duty lawyer helping a person in the case asks to read the file (申请阅卷)',
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
          .selectFrom(o.caseTable)
          .select('id')
          .where('id', '=', caseId)
          .executeTakeFirst();
        if (!found) throw new DutyError('NOT_FOUND', `未找到案件（编号 ${caseId}）`);
        if (!(await o.lawyerReadsCase(ctx, caseId)))
          throw new DutyError('FORBIDDEN', '只有为本案当事人指派的值班律师可以申请阅卷', {
            reason: 'NOT_ASSIGNED',
          });
        return createOnce({
          key: args.idempotencyKey,
          find: async (k) => (await find(ctx.db, (q) => q.where('f.idempotency_key', '=', k)))[0],
          isRepeat: (e) => e.lawyer_id === lawyerId && e.case_id === caseId,
          create: async () => {
            const id = randomUUID();
            await ctx.db
              .insertInto('file_review')
              .values({
                id,
                case_id: caseId,
                lawyer_id: lawyerId,
                idempotency_key: args.idempotencyKey ?? null,
              })
              .execute();
            return id;
          },
        });
      },
    }),
    [`arrange${o.prefix}FileReview`]: t.field({
      type: FileReview,
      description: 'The organ arranges a file review: time and place (安排阅卷)',
      authScopes: { anyRole: o.roles },
      args: {
        reviewId: t.arg.id({ required: true }),
        scheduledAt: t.arg({ type: 'DateTime', required: true }),
        place: t.arg.string({
          required: true,
          validate: z.string().trim().min(1, '请填写阅卷地点').max(100),
        }),
      },
      resolve: async (_root, args, ctx) => {
        const busy = '该阅卷申请已处理，不能重复安排';
        const r = await ownReview(ctx, String(args.reviewId), 'REQUESTED', busy);
        if (args.scheduledAt.getTime() < Date.now() - 5 * 60_000)
          throw new DutyError('BAD_USER_INPUT', '阅卷时间不能早于现在');
        return move(ctx, r, { status: 'ARRANGED', scheduled_at: args.scheduledAt, place: args.place }, busy);
      },
    }),
    [`refuse${o.prefix}FileReview`]: t.field({
      type: FileReview,
      description: 'The organ refuses a file review, with its reason (不予安排阅卷)',
      authScopes: { anyRole: o.roles },
      args: {
        reviewId: t.arg.id({ required: true }),
        reason: t.arg.string({ required: true, validate: z.string().trim().min(2, '请写明理由').max(500) }),
      },
      resolve: async (_root, args, ctx) => {
        const busy = '该阅卷申请已处理，不能拒绝';
        const r = await ownReview(ctx, String(args.reviewId), 'REQUESTED', busy);
        return move(ctx, r, { status: 'REFUSED', decision_reason: args.reason }, busy);
      },
    }),
    [`record${o.prefix}FileReviewed`]: t.field({
      type: FileReview,
      description: 'The organ records the files the lawyer read (阅卷登记)',
      authScopes: { anyRole: o.roles },
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
        return move(
          ctx,
          r,
          { status: 'DONE', reviewed_at: args.reviewedAt, materials: args.materials },
          busy,
        );
      },
    }),
  }));
  return FileReview;
}
