import { randomUUID } from 'node:crypto';
import {
  byKeys,
  canReadOrganRecord,
  createOnce,
  DutyError,
  encodeRowCursor,
  hasAnyRole,
  idempotencyKeyRule,
  isRegionWithin,
  isStaffOf,
  type PageArgs,
  pageByKey,
  rowKeysetPage,
} from '@duty/kit';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { PROCURATORATE_ROLES } from '../cases/schema.js';
import type { ProcuratorateDatabase } from '../db.js';
import { Procuratorate } from '../procuratorates/schema.js';
import type { ComplaintStatus } from './table.js';

type Db = Kysely<ProcuratorateDatabase>;
const complaints = (db: Db) =>
  db
    .selectFrom('misconduct_complaint as m')
    .innerJoin('procuratorate as pr', 'pr.id', 'm.procuratorate_id')
    .selectAll('m')
    .select('pr.region_code');
type Row = Awaited<ReturnType<ReturnType<typeof complaints>['execute']>>[number];

const listComplaints = (
  db: Db,
  f: { procuratorateId?: string; lawyerId?: string; status?: ComplaintStatus[] | null },
  page: PageArgs,
) => {
  let q = complaints(db);
  if (f.procuratorateId) q = q.where('m.procuratorate_id', '=', f.procuratorateId);
  if (f.lawyerId) q = q.where('m.lawyer_id', '=', f.lawyerId);
  if (f.status?.length) q = q.where('m.status', 'in', f.status);
  return rowKeysetPage(
    q,
    [{ ref: 'm.filed_at', cast: 'timestamptz' }, { ref: 'm.id' }],
    'desc',
    page,
  ).execute();
};

const Kind = builder.enumType('MisconductKind', {
  description: 'What is complained of (申诉、控告事项)',
  values: {
    TORTURE: { description: '刑讯逼供' },
    ILLEGAL_EVIDENCE: { description: '非法取证' },
  } as const,
});
const Status = builder.enumType('MisconductComplaintStatus', {
  description: 'Where a complaint stands (办理状态)',
  values: {
    RECEIVED: { description: '已受理' },
    UNDER_INVESTIGATION: { description: '调查核实中' },
    CONCLUDED: { description: '已办结' },
  } as const,
});

const Complaint = builder.loadableObject('MisconductComplaint', {
  description:
    'A complaint of torture or illegal evidence filed by the duty lawyer, and its handling (代理申诉、控告)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await complaints(ctx.db).where('m.id', 'in', ids).execute(), (r) => r.id, '申诉控告'),
  // The procuratorate it was filed with, legal aid staff of its region, and the filing lawyer.
  authScopes: (m: Row, ctx: Context) =>
    ctx.principal?.lawyerId === m.lawyer_id ||
    canReadOrganRecord(
      ctx.principal,
      { id: m.procuratorate_id, regionCode: m.region_code },
      PROCURATORATE_ROLES,
    ),
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: Kind }),
    against: t.exposeString('against', { description: 'Against whom (被申诉、控告的单位或人员)' }),
    facts: t.exposeString('facts', { description: 'Facts alleged (事实和理由)' }),
    filedAt: t.expose('filed_at', { type: 'DateTime' }),
    status: t.expose('status', { type: Status }),
    handlingNotes: t.exposeString('handling_notes', { nullable: true, description: 'Handling (办理情况)' }),
    outcome: t.exposeString('outcome', { nullable: true, description: 'Outcome (办理结果)' }),
    concludedAt: t.expose('concluded_at', { type: 'DateTime', nullable: true }),
    procuratorate: t.field({ type: Procuratorate, resolve: (m) => m.procuratorate_id }),
  }),
});

builder.queryField('misconductComplaints', (t) =>
  t.connection(
    {
      type: Complaint,
      nullable: true,
      description:
        "Complaints, newest first: those filed with the caller's procuratorate, or a lawyer's own (申诉控告列表)",
      authScopes: { anyRole: [...PROCURATORATE_ROLES, 'DUTY_LAWYER'] },
      args: { status: t.arg({ type: [Status] }) },
      resolve: (_root, args, ctx) => {
        const p = ctx.principal!;
        const mine = hasAnyRole(p, PROCURATORATE_ROLES)
          ? { procuratorateId: p.agencyId }
          : { lawyerId: p.lawyerId ?? '-' };
        return pageByKey(
          args,
          (m: Row) => encodeRowCursor([m.filed_at.toISOString(), m.id]),
          (page) =>
            listComplaints(ctx.db, { ...mine, status: args.status as ComplaintStatus[] | null }, page),
          { rawCursor: true },
        );
      },
    },
    { name: 'MisconductComplaintConnection' },
    { name: 'MisconductComplaintEdge' },
  ),
);

/** A complaint filed with the caller's own procuratorate, in one of the statuses a step allows. */
async function ownComplaint(ctx: Context, id: string, from: ComplaintStatus[]) {
  const m = await complaints(ctx.db).where('m.id', '=', id).executeTakeFirst();
  if (!m) throw new DutyError('NOT_FOUND', `未找到申诉控告（编号 ${id}）`);
  if (!isStaffOf(ctx.principal, m.procuratorate_id, PROCURATORATE_ROLES))
    throw new DutyError('FORBIDDEN', '只有受理该申诉控告的检察院可以办理', { reason: 'NOT_ADDRESSEE' });
  if (!from.includes(m.status)) throw new DutyError('CONFLICT', '该申诉控告已办结', { reason: 'CONCLUDED' });
  return m;
}

builder.mutationFields((t) => ({
  fileMisconductComplaint: t.field({
    type: Complaint,
    description:
      "The duty lawyer files, on the accused's behalf, a complaint of torture or illegal evidence with a procuratorate (代理申诉、控告)",
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      procuratorateId: t.arg.id({ required: true, description: 'Filed with (受理检察院)' }),
      noticeId: t.arg.id({
        required: true,
        description: "The lawyer's assigned request (承办的法律帮助请求)",
      }),
      kind: t.arg({ type: Kind, required: true }),
      against: t.arg.string({
        required: true,
        validate: z.string().trim().min(2, '请写明被申诉、控告的单位或人员').max(200),
      }),
      facts: t.arg.string({
        required: true,
        validate: z.string().trim().min(5, '请写明事实和理由').max(5000),
      }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = ctx.principal?.lawyerId;
      if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
      // The assignment is justice's to tell: ask it, as the lawyer.
      const { myAssignment } = await ctx.peers
        .query<{ myAssignment: { regionCode: string } | null }>(
          'justice',
          ctx,
          'query($id: ID!) { myAssignment(id: $id) { regionCode } }',
          { id: String(args.noticeId) },
        )
        .catch((error: unknown) => {
          if (error instanceof DutyError && error.extensions.code === 'NOT_FOUND')
            return { myAssignment: null };
          throw error;
        });
      if (!myAssignment)
        throw new DutyError('FORBIDDEN', '只能就指派给您的请求代理申诉、控告', { reason: 'NOT_ASSIGNED' });
      const procuratorate = await ctx.db
        .selectFrom('procuratorate')
        .select(['id', 'region_code'])
        .where('id', '=', String(args.procuratorateId))
        .executeTakeFirst();
      if (!procuratorate) throw new DutyError('NOT_FOUND', `未找到检察院（编号 ${args.procuratorateId}）`);
      if (!isRegionWithin(myAssignment.regionCode, procuratorate.region_code))
        throw new DutyError('BAD_USER_INPUT', '该检察院对此案无管辖权，请向案件所在地或上级检察院提出', {
          reason: 'OUT_OF_JURISDICTION',
        });
      return createOnce({
        key: args.idempotencyKey,
        find: (k) => complaints(ctx.db).where('m.idempotency_key', '=', k).executeTakeFirst(),
        isRepeat: (e) => e.lawyer_id === lawyerId && e.notice_id === String(args.noticeId),
        create: async () => {
          const id = randomUUID();
          await ctx.db
            .insertInto('misconduct_complaint')
            .values({
              id,
              procuratorate_id: procuratorate.id,
              notice_id: String(args.noticeId),
              lawyer_id: lawyerId,
              kind: args.kind,
              against: args.against,
              facts: args.facts,
              handling_notes: null,
              outcome: null,
              handled_by: null,
              concluded_at: null,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  recordComplaintHandling: t.field({
    type: Complaint,
    description: 'The procuratorate records how it is handling a complaint (办理情况)',
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      complaintId: t.arg.id({ required: true }),
      notes: t.arg.string({ required: true, validate: z.string().trim().min(2, '请填写办理情况').max(2000) }),
    },
    resolve: async (_root, args, ctx) => {
      const m = await ownComplaint(ctx, String(args.complaintId), ['RECEIVED', 'UNDER_INVESTIGATION']);
      await ctx.db
        .updateTable('misconduct_complaint')
        .set({ status: 'UNDER_INVESTIGATION', handling_notes: args.notes, handled_by: ctx.principal!.userId })
        .where('id', '=', m.id)
        .where('status', '<>', 'CONCLUDED')
        .execute();
      return m.id;
    },
  }),
  concludeMisconductComplaint: t.field({
    type: Complaint,
    description: 'The procuratorate records the outcome of a complaint (办理结果)',
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      complaintId: t.arg.id({ required: true }),
      outcome: t.arg.string({
        required: true,
        validate: z.string().trim().min(2, '请填写办理结果').max(2000),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const m = await ownComplaint(ctx, String(args.complaintId), ['RECEIVED', 'UNDER_INVESTIGATION']);
      const r = await ctx.db
        .updateTable('misconduct_complaint')
        .set({
          status: 'CONCLUDED',
          outcome: args.outcome,
          concluded_at: new Date(),
          handled_by: ctx.principal!.userId,
        })
        .where('id', '=', m.id)
        .where('status', '<>', 'CONCLUDED')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new DutyError('CONFLICT', '该申诉控告已办结', { reason: 'CONCLUDED' });
      return m.id;
    },
  }),
}));
