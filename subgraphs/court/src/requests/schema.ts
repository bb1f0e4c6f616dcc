import { randomUUID } from 'node:crypto';
import {
  byKeys,
  canReadOrganRecord,
  DutyError,
  enqueue,
  groupByKeys,
  HELP_REQUEST_NOTICE,
  helpRequestDeadline,
  isStaffOf,
  translateDatabaseError,
} from '@duty/kit';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { findPersonsByIds } from '../cases/queries.js';
import { AccusedPerson, CaseStage, COURT_ROLES, CourtCase } from '../cases/schema.js';
import { Court } from '../courts/schema.js';
import { courtNotice, DEFAULT_DEADLINE_HOURS } from './notice.js';
import {
  findNoticesByPersons,
  findRequestByKey,
  findRequestsByIds,
  findRequestsByPersons,
  type RequestRow,
} from './queries.js';
import type { RightsNotice as NoticeRow } from './table.js';

const NoticeMethod = builder.enumType('RightsNoticeMethod', {
  description: 'How the accused was informed (告知方式)',
  values: {
    WRITTEN: { description: '书面告知' },
    ORAL: { description: '口头告知' },
    VIDEO: { description: '视频告知' },
  } as const,
});
const NoticeAnswer = builder.enumType('RightsNoticeAnswer', {
  description: "The accused's answer (当事人意见)",
  values: {
    REQUESTS_HELP: { description: '要求值班律师提供法律帮助' },
    DECLINES: { description: '拒绝（记录在案，下一阶段再次告知）' },
  } as const,
});
const RequestedBy = builder.enumType('HelpRequestedBy', {
  description: 'Who asked for help (请求人)',
  values: { ACCUSED: { description: '本人' }, RELATIVE: { description: '近亲属' } } as const,
});

const RightsNotice = builder.objectRef<NoticeRow>('CourtRightsNotice').implement({
  description: 'A record that the accused was informed of the right to a duty lawyer (权利告知)',
  fields: (t) => ({
    id: t.exposeID('id'),
    stage: t.expose('stage', { type: CaseStage }),
    method: t.expose('method', { type: NoticeMethod }),
    informedAt: t.expose('informed_at', { type: 'DateTime' }),
    informedBy: t.exposeString('informed_by'),
    answer: t.expose('answer', { type: NoticeAnswer }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

export const CourtHelpRequest = builder.loadableObject('CourtHelpRequest', {
  description: "A request for a duty lawyer's help recorded by a court (法律帮助请求)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findRequestsByIds(ctx.db, ids), (r) => r.id, '法律帮助请求'),
  authScopes: (r, ctx) =>
    canReadOrganRecord(ctx.principal, { id: r.court_id, regionCode: r.region_code }, COURT_ROLES),
  fields: (t) => ({
    id: t.exposeID('id'),
    stage: t.expose('stage', { type: CaseStage }),
    requestedBy: t.expose('requested_by', { type: RequestedBy }),
    relativeName: t.exposeString('relative_name', { nullable: true, description: 'Relative (近亲属姓名)' }),
    relativeRelation: t.exposeString('relative_relation', {
      nullable: true,
      description: 'Relation (与当事人关系)',
    }),
    requestedAt: t.expose('requested_at', { type: 'DateTime' }),
    deadlineAt: t.expose('deadline_at', {
      type: 'DateTime',
      description: 'Deadline for the agency (办理期限)',
    }),
    court: t.field({ type: Court, resolve: (r) => r.court_id }),
    case: t.field({ type: CourtCase, resolve: (r) => r.case_id }),
    person: t.field({ type: AccusedPerson, resolve: (r) => r.person_id }),
  }),
});

builder.asEntity(CourtHelpRequest, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => CourtHelpRequest.getDataloader(ctx).load(ref.id),
});

builder.objectFields(AccusedPerson, (t) => ({
  rightsNotices: t.loadableList({
    type: RightsNotice,
    description: 'Every time the person was informed (历次告知)',
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findNoticesByPersons(ctx.db, ids), (n) => n.person_id),
    resolve: (p) => p.id,
  }),
  helpRequests: t.loadableList({
    type: CourtHelpRequest,
    description: 'Help requests (法律帮助请求)',
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findRequestsByPersons(ctx.db, ids), (r: RequestRow) => r.person_id),
    resolve: (p) => p.id,
  }),
}));

/** The person, when the caller is staff of the court handling the case. */
async function personForWrite(ctx: Context, personId: string) {
  const [person] = await findPersonsByIds(ctx.db, [personId]);
  if (!person) throw new DutyError('NOT_FOUND', `未找到被告人（编号 ${personId}）`);
  if (!isStaffOf(ctx.principal, person.court_id, COURT_ROLES)) {
    throw new DutyError('FORBIDDEN', '只有承办法院的工作人员可以登记', { reason: 'NOT_HANDLING_COURT' });
  }
  return person;
}

const REQUEST_RULES = {
  help_request_relative: {
    code: 'BAD_USER_INPUT',
    message: '近亲属提出请求的，须登记其姓名和与当事人的关系',
  },
  help_request_idempotency_key_key: { code: 'CONFLICT', message: '该幂等键已用于另一请求' },
} as const;

builder.mutationFields((t) => ({
  recordCourtRightsNotice: t.field({
    type: RightsNotice,
    description: 'Record that the accused was informed of the right to a duty lawyer (登记权利告知)',
    authScopes: { anyRole: COURT_ROLES },
    args: {
      personId: t.arg.id({ required: true }),
      method: t.arg({ type: NoticeMethod, required: true }),
      answer: t.arg({ type: NoticeAnswer, required: true }),
      informedAt: t.arg({ type: 'DateTime', description: '默认现在' }),
      note: t.arg.string({ validate: z.string().trim().max(500, '备注最多 500 字') }),
    },
    resolve: async (_root, args, ctx) => {
      const person = await personForWrite(ctx, String(args.personId));
      const informedAt = args.informedAt ?? new Date();
      if (informedAt.getTime() > Date.now() + 60_000)
        throw new DutyError('BAD_USER_INPUT', '告知时间不能晚于现在');
      const row: NoticeRow = {
        id: randomUUID(),
        person_id: person.id,
        stage: 'TRIAL',
        method: args.method,
        informed_at: informedAt,
        informed_by: ctx.principal!.userId,
        answer: args.answer,
        note: args.note ?? null,
      };
      await ctx.db.insertInto('rights_notice').values(row).execute();
      return row;
    },
  }),
  recordCourtHelpRequest: t.field({
    type: CourtHelpRequest,
    description:
      'Record a request for legal help and notify the legal aid agency in the same transaction (登记法律帮助请求并通知法律援助机构)',
    authScopes: { anyRole: COURT_ROLES },
    args: {
      personId: t.arg.id({ required: true }),
      requestedBy: t.arg({ type: RequestedBy, required: true }),
      relativeName: t.arg.string({ validate: z.string().trim().min(2, '近亲属姓名至少 2 个字').max(40) }),
      relativeRelation: t.arg.string({ validate: z.string().trim().min(1).max(20, '关系最多 20 字') }),
      idempotencyKey: t.arg.string({
        description: 'Repeating the call with the same key returns the first request (幂等键)',
        validate: z.string().min(8, '幂等键至少 8 个字符').max(100),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const person = await personForWrite(ctx, String(args.personId));
      if (args.idempotencyKey) {
        const earlier = await findRequestByKey(ctx.db, args.idempotencyKey);
        if (earlier) {
          if (earlier.person_id !== person.id)
            throw new DutyError('CONFLICT', REQUEST_RULES.help_request_idempotency_key_key.message);
          return earlier.id;
        }
      }
      if (person.has_defense_counsel) {
        throw new DutyError('CONFLICT', '该被告人已有辩护人，不再安排值班律师；请告知其联系辩护人', {
          reason: 'HAS_DEFENSE_COUNSEL',
        });
      }
      const requestedAt = new Date();
      const id = randomUUID();
      try {
        await ctx.db.transaction().execute(async (trx) => {
          const deadlineAt = await helpRequestDeadline(
            trx,
            person.region_code,
            requestedAt,
            DEFAULT_DEADLINE_HOURS,
          );
          await trx
            .insertInto('help_request')
            .values({
              id,
              person_id: person.id,
              stage: 'TRIAL',
              requested_by: args.requestedBy,
              relative_name: args.relativeName ?? null,
              relative_relation: args.relativeRelation ?? null,
              requested_at: requestedAt,
              deadline_at: deadlineAt,
              recorded_by: ctx.principal!.userId,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          // The notice to the legal aid agency commits with the request, or neither does.
          const notice = courtNotice({
            id,
            courtId: person.court_id,
            regionCode: person.region_code,
            requestedAt,
            deadlineAt,
          });
          await enqueue(trx, HELP_REQUEST_NOTICE, notice, id);
        });
      } catch (error) {
        // The same key sent twice at once: the other call won; answer with its request.
        const raced = args.idempotencyKey ? await findRequestByKey(ctx.db, args.idempotencyKey) : undefined;
        if (raced && raced.person_id === person.id) return raced.id;
        throw translateDatabaseError(error, REQUEST_RULES);
      }
      ctx.kickOutbox();
      return id;
    },
  }),
}));
