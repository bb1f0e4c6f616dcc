import { randomUUID } from 'node:crypto';
import { createOnce, DutyError, idempotencyKeyRule, LEGAL_AID_STAFF, requireRegionRole } from '@duty/kit';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';

const rating = z.number().int('评分须为 1–5 的整数').min(1, '评分须为 1–5').max(5, '评分须为 1–5');
const comment = z.string().trim().max(1000, '意见最多 1000 字');

interface Recorded {
  id: string;
  rating: number;
}
const RatingRef = builder.objectRef<Recorded>('ServiceRating').implement({
  description: 'A recorded rating (评价记录)',
  fields: (t) => ({ id: t.exposeID('id'), rating: t.exposeInt('rating', { description: '1–5 分' }) }),
});

async function insertRating(
  ctx: Context,
  row: {
    kind: 'HOST_FEEDBACK' | 'CLIENT_FOLLOW_UP';
    workstationId: string;
    noticeId: string | null;
    regionCode: string;
  },
  args: { rating: number; comment?: string | null; idempotencyKey?: string | null },
): Promise<Recorded> {
  const id = await createOnce({
    key: args.idempotencyKey,
    find: (k) =>
      ctx.db.selectFrom('service_rating').selectAll().where('idempotency_key', '=', k).executeTakeFirst(),
    isRepeat: (e) => e.recorded_by === ctx.principal!.userId && e.workstation_id === row.workstationId,
    create: async () => {
      const newId = randomUUID();
      await ctx.db
        .insertInto('service_rating')
        .values({
          id: newId,
          kind: row.kind,
          workstation_id: row.workstationId,
          notice_id: row.noticeId,
          rating: args.rating,
          comment: args.comment ?? null,
          recorded_by: ctx.principal!.userId,
          region_code: row.regionCode,
          idempotency_key: args.idempotencyKey ?? null,
        })
        .execute();
      return newId;
    },
  });
  return { id, rating: args.rating };
}

builder.mutationFields((t) => ({
  recordHostFeedback: t.field({
    type: RatingRef,
    description:
      "The host unit's feedback on the duty lawyers' service at its workstation (派驻单位征询意见)",
    authScopes: { signedIn: true },
    args: {
      workstationId: t.arg.id({ required: true }),
      rating: t.arg.int({ required: true, validate: rating }),
      comment: t.arg.string({ validate: comment }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const ws = await ctx.db
        .selectFrom('workstation')
        .select(['id', 'host_id', 'region_code'])
        .where('id', '=', String(args.workstationId))
        .executeTakeFirst();
      if (!ws) throw new DutyError('NOT_FOUND', `未找到工作站（编号 ${args.workstationId}）`);
      if (ctx.principal?.agencyId !== ws.host_id)
        throw new DutyError('FORBIDDEN', '只有派驻单位可以对该工作站提出意见', { reason: 'NOT_HOST' });
      return insertRating(
        ctx,
        { kind: 'HOST_FEEDBACK', workstationId: ws.id, noticeId: null, regionCode: ws.region_code },
        args,
      );
    },
  }),
  recordClientFollowUp: t.field({
    type: RatingRef,
    description:
      "The legal aid agency's follow-up with a client after help, and the client's rating (当事人回访)",
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      noticeId: t.arg.id({ required: true }),
      rating: t.arg.int({ required: true, validate: rating }),
      comment: t.arg.string({ validate: comment }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const n = await ctx.db
        .selectFrom('help_request_notice')
        .select(['id', 'workstation_id', 'region_code', 'status'])
        .where('id', '=', String(args.noticeId))
        .executeTakeFirst();
      if (!n) throw new DutyError('NOT_FOUND', `未找到法律帮助通知（编号 ${args.noticeId}）`);
      requireRegionRole(ctx, LEGAL_AID_STAFF, n.region_code, '回访该辖区的当事人');
      if (n.status !== 'COMPLETED')
        throw new DutyError('CONFLICT', '法律帮助完成后才能回访', { reason: 'NOT_COMPLETED' });
      if (!n.workstation_id)
        throw new DutyError('CONFLICT', '该请求没有对应的工作站', { reason: 'NO_WORKSTATION' });
      return insertRating(
        ctx,
        {
          kind: 'CLIENT_FOLLOW_UP',
          workstationId: n.workstation_id,
          noticeId: n.id,
          regionCode: n.region_code,
        },
        args,
      );
    },
  }),
}));
