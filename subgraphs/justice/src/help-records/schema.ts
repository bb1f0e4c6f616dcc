import { randomUUID } from 'node:crypto';
import {
  auditRead,
  canSeeRegion,
  chargeProblem,
  chinaToday,
  createOnce,
  DutyError,
  encodeRowCursor,
  groupByKeys,
  hasAnyRole,
  idempotencyKeyRule,
  LEGAL_AID_STAFF,
  ORGAN_STAFF,
  organKindEnum,
  type Principal,
  pageByKey,
  translateDatabaseError,
  writeAudit,
} from '@duty/kit';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { Lawyer } from '../lawyers/schema.js';
import { CaseStage, Notice } from '../notices/schema.js';
import { findOrgan } from '../organs/lookup.js';
import { DutyMode } from '../workstations/schema.js';
import {
  type DisclosureRow,
  findDisclosureByKey,
  findDisclosuresByRecords,
  findLatestRecord,
  findLatestRecordsByNotices,
  findPriorRecordsByNotices,
  findRecordByKey,
  findVersionsByRecords,
  listDisclosuresToOrgan,
  type RecordRow,
} from './queries.js';
import type { Danger, HelpRecordTable, QuestionAnswer } from './table.js';

/** A record reached as the person's earlier help, from a notice now assigned to `for_lawyer_id`. */
type SeenRecord = RecordRow & { for_lawyer_id?: string | null };

/**
 * Who reads a help record's outline (when, how, eligibility, acknowledgment): legal aid staff of
 * the region, the lawyer who wrote it, the lawyer now assigned, and the lawyer now helping the same
 * person at a later stage (continuity). Organs do not.
 */
const canReadRecord = (p: Principal | null, r: SeenRecord) =>
  (hasAnyRole(p, LEGAL_AID_STAFF) && canSeeRegion(p, r.region_code)) ||
  (hasAnyRole(p, ['DUTY_LAWYER']) &&
    !!p?.lawyerId &&
    [r.lawyer_id, r.notice_lawyer_id, r.for_lawyer_id].includes(p.lawyerId));

/**
 * Who reads consultation content (lawyer–client confidential): the lawyer who wrote it and the
 * supervising legal aid agency. No court, procuratorate or police role, on any path.
 */
const canReadConsultation = (p: Principal | null, r: { lawyer_id: string; region_code: string }) =>
  (hasAnyRole(p, ['DUTY_LAWYER']) && p?.lawyerId === r.lawyer_id) ||
  (hasAnyRole(p, ['LEGAL_AID_SUPERVISOR']) && canSeeRegion(p, r.region_code));

const Acknowledgment = builder.enumType('HelpAcknowledgment', {
  description: "The person's acknowledgment of the record (当事人确认)",
  values: {
    ACKNOWLEDGED: { description: '当事人签字确认' },
    REFUSED: { description: '当事人拒绝签字' },
  } as const,
});
const DangerKind = builder.enumType('DisclosureDanger', {
  description: 'What the disclosed crime endangers (可披露的例外情形)',
  values: {
    STATE_SECURITY: { description: '危害国家安全' },
    PUBLIC_SAFETY: { description: '危害公共安全' },
    PERSONAL_SAFETY: { description: '严重危及他人人身安全' },
  } as const,
});

const QuestionAnswerRef = builder.objectRef<QuestionAnswer>('ConsultationQuestion').implement({
  description: 'A question the person asked and the answer given (咨询问答)',
  fields: (t) => ({
    question: t.exposeString('question', { description: 'Question (问题)' }),
    answer: t.exposeString('answer', { description: 'Answer (解答)' }),
  }),
});

const Consultation = builder.objectRef<RecordRow>('Consultation').implement({
  description: 'The confidential content of a reception (法律咨询内容，保密)',
  fields: (t) => ({
    questions: t.field({ type: [QuestionAnswerRef], resolve: (r) => r.questions }),
    suspectedCharges: t.exposeStringList('suspected_charges', {
      description: 'Suspected charges (涉嫌罪名)',
    }),
    facts: t.exposeString('facts', { nullable: true, description: 'Brief facts (简要案情)' }),
    advice: t.exposeString('advice', { description: 'Advice given (法律意见)' }),
  }),
});

const DisclosureRef = builder.objectRef<DisclosureRow>('Disclosure').implement({
  description:
    'A disclosure to a named organ of a crime being prepared or committed that endangers state security, public safety or a life (保密例外披露)',
  fields: (t) => ({
    id: t.exposeID('id'),
    organKind: t.expose('organ_kind', { type: organKindEnum(builder) }),
    organId: t.exposeID('organ_id'),
    danger: t.expose('danger', { type: DangerKind }),
    content: t.string({
      description: 'What was disclosed (披露内容); every read is audited',
      resolve: async (d, _a, ctx) => {
        await auditRead(ctx, 'Disclosure', d.id);
        return d.content;
      },
    }),
    lawyer: t.field({ type: Lawyer, resolve: (d) => d.disclosed_by }),
    disclosedAt: t.expose('disclosed_at', { type: 'DateTime' }),
  }),
});

export const HelpRecord = builder.objectRef<RecordRow>('HelpRecord').implement({
  description: 'A reception by the duty lawyer, as recorded (法律帮助记录); corrected only by a new version',
  authScopes: (r, ctx) => canReadRecord(ctx.principal, r),
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version', { description: 'Version (版本)；corrections add one' }),
    givenAt: t.expose('given_at', { type: 'DateTime', description: 'Reception time (接待时间)' }),
    mode: t.expose('mode', { type: DutyMode }),
    stage: t.expose('stage', { type: CaseStage, description: 'Stage of the request (诉讼阶段)' }),
    organKind: t.expose('organ_kind', {
      type: organKindEnum(builder),
      description: 'Where it was asked for (请求机关类别)',
    }),
    lawyer: t.field({ type: Lawyer, resolve: (r) => r.lawyer_id }),
    legalAidEligible: t.exposeBoolean('legal_aid_eligible', {
      description: 'Looks eligible for legal aid (初步判断符合法律援助条件)',
    }),
    toldHowToApply: t.exposeBoolean('told_how_to_apply', {
      description: 'Told how to apply (已告知申请方式)',
    }),
    acknowledgment: t.expose('acknowledgment', { type: Acknowledgment }),
    recordedAt: t.expose('recorded_at', { type: 'DateTime' }),
    correctionReason: t.exposeString('correction_reason', {
      nullable: true,
      description: 'Why corrected (更正理由)',
    }),
    consultation: t.field({
      type: Consultation,
      nullable: true,
      description:
        'The consultation (咨询内容): confidential — the lawyer who wrote it and the supervising legal aid agency only; every read is audited',
      authScopes: (r, _a, ctx) => canReadConsultation(ctx.principal, r),
      resolve: async (r, _a, ctx) => {
        await auditRead(ctx, 'Consultation', `${r.id}#${r.version}`);
        return r;
      },
    }),
    disclosures: t.loadableList({
      type: DisclosureRef,
      description: 'Disclosures made from this record (保密例外披露)',
      authScopes: (r, _a, ctx) => canReadConsultation(ctx.principal, r),
      load: async (ids: string[], ctx: Context) =>
        groupByKeys(ids, await findDisclosuresByRecords(ctx.db, ids), (d) => d.record_id),
      resolve: (r) => r.id,
    }),
  }),
});

builder.objectField(HelpRecord, 'versions', (t) =>
  t.loadableList({
    type: HelpRecord,
    description: 'Every version, oldest first (历次版本)',
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findVersionsByRecords(ctx.db, ids), (r) => r.id),
    resolve: (r) => r.id,
  }),
);

builder.objectField(Notice, 'priorHelp', (t) =>
  t.loadableList({
    type: HelpRecord,
    nullable: true,
    description:
      "The same person's help under earlier or other requests, across stages and agencies (既往法律帮助)；outlines only, the consultation stays with its author and the agency",
    authScopes: (n) =>
      n.lawyer_id
        ? { $any: { anyRole: LEGAL_AID_STAFF, lawyer: n.lawyer_id } }
        : { anyRole: LEGAL_AID_STAFF },
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findPriorRecordsByNotices(ctx.db, ids), (r) => r.for_notice_id),
    resolve: (n) => n.id,
  }),
);

builder.objectField(Notice, 'helpRecords', (t) =>
  t.loadableList({
    type: HelpRecord,
    nullable: true,
    description: 'Help records, the latest version of each (法律帮助记录)',
    authScopes: (n) =>
      n.lawyer_id
        ? { $any: { anyRole: LEGAL_AID_STAFF, lawyer: n.lawyer_id } }
        : { anyRole: LEGAL_AID_STAFF },
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findLatestRecordsByNotices(ctx.db, ids), (r) => r.notice_id),
    resolve: (n) => n.id,
  }),
);

builder.queryField('helpRecord', (t) =>
  t.field({
    type: HelpRecord,
    nullable: true,
    description: 'One help record, its latest version (按编号查询法律帮助记录)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const r = await findLatestRecord(ctx.db, String(args.id));
      if (!r) throw new DutyError('NOT_FOUND', `未找到法律帮助记录（编号 ${args.id}）`);
      return r;
    },
  }),
);

builder.queryField('disclosuresToMyOrgan', (t) =>
  t.connection(
    {
      type: DisclosureRef,
      nullable: true,
      description: "Disclosures made to the caller's own organ, newest first (向本机关的披露)",
      authScopes: { anyRole: ORGAN_STAFF },
      resolve: (_root, args, ctx) =>
        pageByKey(
          args,
          (d: DisclosureRow) => encodeRowCursor([d.disclosed_at.toISOString(), d.id]),
          (page) => listDisclosuresToOrgan(ctx.db, ctx.principal!.agencyId, page),
          { rawCursor: true },
        ),
    },
    { name: 'DisclosureConnection' },
    { name: 'DisclosureEdge' },
  ),
);

const QuestionInput = builder.inputType('ConsultationQuestionInput', {
  fields: (t) => ({
    question: t.string({
      required: true,
      validate: z.string().trim().min(1, '请填写问题').max(500, '问题最多 500 字'),
    }),
    answer: t.string({
      required: true,
      validate: z.string().trim().min(1, '请填写解答').max(2000, '解答最多 2000 字'),
    }),
  }),
});

const RecordInput = builder.inputType('HelpRecordInput', {
  description: 'One reception (一次接待)',
  fields: (t) => ({
    givenAt: t.field({ type: 'DateTime', description: '接待时间，默认现在' }),
    mode: t.field({ type: DutyMode, required: true }),
    questions: t.field({
      type: [QuestionInput],
      required: true,
      validate: z.array(z.unknown()).min(1, '至少记录一个问题').max(50, '最多 50 个问题'),
    }),
    suspectedCharges: t.stringList({ description: '涉嫌罪名（罪名表中的名称）' }),
    facts: t.string({ validate: z.string().trim().max(2000, '简要案情最多 2000 字') }),
    advice: t.string({
      required: true,
      validate: z.string().trim().min(2, '请填写法律意见').max(2000, '法律意见最多 2000 字'),
    }),
    legalAidEligible: t.boolean({ required: true }),
    toldHowToApply: t.boolean({ required: true }),
    acknowledgment: t.field({ type: Acknowledgment, required: true }),
  }),
});

type RecordInputValue = typeof RecordInput.$inferInput;

/** The columns of a version from the input, checked: a real time, known charges. */
function versionColumns(input: RecordInputValue, notBefore: Date) {
  const givenAt = input.givenAt ?? new Date();
  if (givenAt.getTime() > Date.now() + 60_000) throw new DutyError('BAD_USER_INPUT', '接待时间不能晚于现在');
  if (givenAt < notBefore) throw new DutyError('BAD_USER_INPUT', '接待时间不能早于请求时间');
  const charges = [...new Set((input.suspectedCharges ?? []).map((c) => c.trim()))];
  const day = chinaToday(givenAt.getTime());
  const problems = charges.map((c) => chargeProblem(c, day)).filter((p): p is string => !!p);
  if (problems.length)
    throw new DutyError('BAD_USER_INPUT', problems.join('；'), { reason: 'UNKNOWN_CHARGE' });
  return {
    given_at: givenAt,
    mode: input.mode,
    questions: JSON.stringify(
      input.questions.map((q) => ({ question: q.question, answer: q.answer })),
    ) as never,
    suspected_charges: charges,
    facts: input.facts ?? null,
    advice: input.advice,
    legal_aid_eligible: input.legalAidEligible,
    told_how_to_apply: input.toldHowToApply,
    acknowledgment: input.acknowledgment,
  } satisfies Partial<HelpRecordTable>;
}

const RECORD_RULES = {
  help_record_idempotency_key_key: { code: 'CONFLICT', message: '该幂等键已用于另一记录' },
  help_record_pkey: { code: 'CONFLICT', message: '该记录已被更正，请刷新后再试' },
  disclosure_idempotency_key_key: { code: 'CONFLICT', message: '该幂等键已用于另一披露' },
} as const;

const lawyerOf = (ctx: Context) => {
  const id = ctx.principal?.lawyerId;
  if (!id) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
  return id;
};

builder.mutationFields((t) => ({
  recordHelp: t.field({
    type: HelpRecord,
    description: 'The assigned duty lawyer records a reception (记录法律帮助)',
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      noticeId: t.arg.id({ required: true }),
      record: t.arg({ type: RecordInput, required: true }),
      idempotencyKey: t.arg.string({
        description: 'Repeating the call with the same key returns the first record (幂等键)',
        validate: idempotencyKeyRule,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = lawyerOf(ctx);
      const noticeId = String(args.noticeId);
      const key = args.idempotencyKey ?? null;
      const n = await ctx.db
        .selectFrom('help_request_notice')
        .selectAll()
        .where('id', '=', noticeId)
        .executeTakeFirst();
      if (!n) throw new DutyError('NOT_FOUND', `未找到法律帮助通知（编号 ${noticeId}）`);
      if (n.lawyer_id !== lawyerId)
        throw new DutyError('FORBIDDEN', '只能为指派给您的请求记录法律帮助', { reason: 'NOT_ASSIGNED' });
      if (!['ACCEPTED', 'IN_PROGRESS', 'COMPLETED'].includes(n.status))
        throw new DutyError('CONFLICT', '请先接受指派，再记录法律帮助', { reason: 'NOT_ACCEPTED' });
      const id = await createOnce({
        key,
        find: (k) => findRecordByKey(ctx.db, k),
        isRepeat: (e) => e.lawyer_id === lawyerId && e.notice_id === noticeId,
        reusedMessage: RECORD_RULES.help_record_idempotency_key_key.message,
        rules: RECORD_RULES,
        create: async () => {
          const newId = randomUUID();
          await ctx.db
            .insertInto('help_record')
            .values({
              id: newId,
              version: 1,
              notice_id: n.id,
              lawyer_id: lawyerId,
              ...versionColumns(args.record, n.requested_at),
              correction_reason: null,
              idempotency_key: key,
            })
            .execute();
          return newId;
        },
      });
      return (await findLatestRecord(ctx.db, id))!;
    },
  }),
  correctHelpRecord: t.field({
    type: HelpRecord,
    description: 'Correct a help record by a new version; earlier versions stay (更正法律帮助记录)',
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      recordId: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true, description: 'The version being corrected (当前版本号)' }),
      record: t.arg({ type: RecordInput, required: true }),
      reason: t.arg.string({
        required: true,
        validate: z.string().trim().min(2, '更正理由至少 2 个字').max(500, '更正理由最多 500 字'),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = lawyerOf(ctx);
      const latest = await findLatestRecord(ctx.db, String(args.recordId));
      if (!latest) throw new DutyError('NOT_FOUND', `未找到法律帮助记录（编号 ${args.recordId}）`);
      if (latest.lawyer_id !== lawyerId)
        throw new DutyError('FORBIDDEN', '只有记录人可以更正该记录', { reason: 'NOT_AUTHOR' });
      if (latest.version !== args.expectedVersion)
        throw new DutyError('CONFLICT', RECORD_RULES.help_record_pkey.message, {
          reason: 'STALE_VERSION',
          version: latest.version,
        });
      const n = await ctx.db
        .selectFrom('help_request_notice')
        .select('requested_at')
        .where('id', '=', latest.notice_id)
        .executeTakeFirstOrThrow();
      try {
        await ctx.db
          .insertInto('help_record')
          .values({
            id: latest.id,
            version: latest.version + 1,
            notice_id: latest.notice_id,
            lawyer_id: lawyerId,
            ...versionColumns(args.record, n.requested_at),
            correction_reason: args.reason,
            idempotency_key: null,
          })
          .execute();
      } catch (error) {
        throw translateDatabaseError(error, RECORD_RULES);
      }
      return (await findLatestRecord(ctx.db, latest.id))!;
    },
  }),
  discloseDanger: t.field({
    type: DisclosureRef,
    description:
      'The one exception to confidentiality: the lawyer discloses to a named organ a crime being prepared or committed that endangers state security, public safety or a life (保密例外披露)',
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      recordId: t.arg.id({ required: true }),
      organKind: t.arg({ type: organKindEnum(builder), required: true }),
      organId: t.arg.id({ required: true }),
      danger: t.arg({ type: DangerKind, required: true }),
      content: t.arg.string({
        required: true,
        validate: z.string().trim().min(5, '披露内容至少 5 个字').max(2000, '披露内容最多 2000 字'),
      }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = lawyerOf(ctx);
      const key = args.idempotencyKey ?? null;
      const latest = await findLatestRecord(ctx.db, String(args.recordId));
      if (!latest) throw new DutyError('NOT_FOUND', `未找到法律帮助记录（编号 ${args.recordId}）`);
      if (latest.lawyer_id !== lawyerId)
        throw new DutyError('FORBIDDEN', '只有记录人可以就该记录作出披露', { reason: 'NOT_AUTHOR' });
      const id = await createOnce({
        key,
        find: (k) => findDisclosureByKey(ctx.db, k),
        isRepeat: (e) => e.disclosed_by === lawyerId && e.record_id === latest.id,
        reusedMessage: RECORD_RULES.disclosure_idempotency_key_key.message,
        rules: RECORD_RULES,
        create: async () => {
          const organ = await findOrgan(ctx, args.organKind, String(args.organId), 'ORGAN_NOT_FOUND');
          const newId = randomUUID();
          // The disclosure and its audit entry commit together.
          await ctx.db.transaction().execute(async (trx) => {
            await trx
              .insertInto('disclosure')
              .values({
                id: newId,
                record_id: latest.id,
                record_version: latest.version,
                organ_kind: args.organKind,
                organ_id: organ.id,
                danger: args.danger as Danger,
                content: args.content,
                disclosed_by: lawyerId,
                idempotency_key: key,
              })
              .execute();
            await writeAudit(trx, ctx, [{ action: 'DISCLOSE', subjectType: 'Disclosure', subjectId: newId }]);
          });
          return newId;
        },
      });
      return (await findDisclosuresByRecords(ctx.db, [latest.id])).find((d) => d.id === id)!;
    },
  }),
}));
