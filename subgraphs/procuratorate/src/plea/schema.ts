import { randomUUID } from 'node:crypto';
import {
  byKeys,
  canReadOrganRecord,
  chargeProblem,
  chinaToday,
  createOnce,
  DutyError,
  findHelpRequestsByPersons,
  groupByKeys,
  idempotencyKeyRule,
  isAssignedToPerson,
  isStaffOf,
  type Principal,
  personKey,
} from '@duty/kit';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { findPersonsByIds } from '../cases/queries.js';
import { AccusedPerson, PROCURATORATE_ROLES } from '../cases/schema.js';
import {
  type AgreementRow,
  findAgreementByKey,
  findAgreementsByIds,
  findAgreementsByPersons,
  findOpinionByKey,
  findOpinionsByIds,
  findOpinionsByRecommendations,
  findRecommendationByKey,
  findRecommendationsByIds,
  findRecommendationsByPersons,
  type OpinionRow,
  type RecommendationRow,
} from './queries.js';

/** The procuratorate's own staff and legal aid staff of its region. */
const organSide = (p: Principal | null, r: { procuratorate_id: string; region_code: string }) =>
  canReadOrganRecord(p, { id: r.procuratorate_id, regionCode: r.region_code }, PROCURATORATE_ROLES);
const ownStaff = (p: Principal | null, r: { procuratorate_id: string }) =>
  isStaffOf(p, r.procuratorate_id, PROCURATORATE_ROLES);
/** …and the duty lawyer assigned to the suspect's help request. */
const canRead = async (
  ctx: Context,
  r: { procuratorate_id: string; region_code: string; person_id: string },
) => organSide(ctx.principal, r) || (await isAssignedToPerson(ctx, 'procuratorate', [r.person_id]));

const key = builder.selection<{ id: string }>('id');
const Lawyer = builder.externalRef('Lawyer', key).implement({ fields: (t) => ({ id: t.exposeID('id') }) });

const Procedure = builder.enumType('PleaProcedure', {
  description: 'Procedure (程序)',
  values: {
    FAST_TRACK: { description: '速裁程序' },
    SUMMARY: { description: '简易程序' },
    ORDINARY: { description: '普通程序' },
  } as const,
});
const Capacity = builder.enumType('PleaLawyerCapacity', {
  description: 'In what capacity the lawyer was present (在场律师身份)',
  values: { DUTY_LAWYER: { description: '值班律师' }, DEFENSE_COUNSEL: { description: '辩护人' } } as const,
});

export const Recommendation = builder.loadableObject('SentencingRecommendation', {
  description: "The procuratorate's charge and sentencing recommendation in a plea case (量刑建议)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findRecommendationsByIds(ctx.db, ids), (r) => r.id, '量刑建议'),
  authScopes: (r, ctx) => canRead(ctx, r),
  fields: (t) => ({
    id: t.exposeID('id'),
    charges: t.exposeStringList('charges', { description: 'Charges (罪名)' }),
    sentence: t.exposeString('sentence', { description: 'Recommended sentence (建议刑罚)' }),
    procedure: t.expose('procedure', { type: Procedure }),
    recordedAt: t.expose('recorded_at', { type: 'DateTime' }),
    person: t.field({ type: AccusedPerson, resolve: (r) => r.person_id }),
  }),
});

const Opinion = builder.loadableObject('LawyerOpinion', {
  description: "The duty lawyer's opinion on the recommendation, and whether it was adopted (值班律师意见)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findOpinionsByIds(ctx.db, ids), (r) => r.id, '律师意见'),
  authScopes: async (o: OpinionRow, ctx: Context) =>
    ctx.principal?.lawyerId === o.lawyer_id || (await canRead(ctx, o)),
  fields: (t) => ({
    id: t.exposeID('id'),
    lawyer: t.field({ type: Lawyer, resolve: (o) => ({ id: o.lawyer_id }) }),
    onFacts: t.exposeString('on_facts', { nullable: true, description: 'On the facts (对事实的意见)' }),
    onCharge: t.exposeString('on_charge', { nullable: true, description: 'On the charge (对罪名的意见)' }),
    onLaw: t.exposeString('on_law', { nullable: true, description: 'On the law (对法律适用的意见)' }),
    onRecommendation: t.exposeString('on_recommendation', {
      nullable: true,
      description: 'On the recommendation (对量刑建议的意见)',
    }),
    onProcedure: t.exposeString('on_procedure', {
      nullable: true,
      description: 'On the procedure (对程序适用的意见)',
    }),
    submittedAt: t.expose('submitted_at', { type: 'DateTime' }),
    adopted: t.exposeBoolean('adopted', {
      nullable: true,
      description: 'Adopted (是否采纳)；null until decided',
    }),
    adoptionReason: t.exposeString('adoption_reason', {
      nullable: true,
      description: 'Why not adopted (未采纳理由)',
    }),
    decidedAt: t.expose('decided_at', { type: 'DateTime', nullable: true }),
  }),
});

export const Agreement = builder.loadableObject('PleaAgreement', {
  description: 'A signed plea agreement (认罪认罚具结书), with the lawyer who was present',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findAgreementsByIds(ctx.db, ids), (r) => r.id, '具结书'),
  authScopes: async (a: AgreementRow, ctx: Context) =>
    ctx.principal?.lawyerId === a.lawyer_id || (await canRead(ctx, a)),
  fields: (t) => ({
    id: t.exposeID('id'),
    signedAt: t.expose('signed_at', { type: 'DateTime', description: 'Signed at (签署时间)' }),
    lawyerId: t.exposeID('lawyer_id', { description: 'The lawyer present (在场律师编号)' }),
    lawyer: t.field({ type: Lawyer, resolve: (a) => ({ id: a.lawyer_id }) }),
    lawyerName: t.exposeString('lawyer_name', { description: 'As recorded (记录的律师姓名)' }),
    lawyerCapacity: t.expose('lawyer_capacity', { type: Capacity }),
    recommendation: t.field({ type: Recommendation, resolve: (a) => a.recommendation_id }),
    person: t.field({ type: AccusedPerson, resolve: (a) => a.person_id }),
    withdrawnAt: t.expose('withdrawn_at', {
      type: 'DateTime',
      nullable: true,
      description: 'Withdrawn at (撤回时间)；null while in force',
    }),
    withdrawalReason: t.exposeString('withdrawal_reason', {
      nullable: true,
      description: 'Why it was withdrawn (撤回理由)',
    }),
  }),
});

builder.asEntity(Agreement, {
  key,
  resolveReference: (ref, ctx) => Agreement.getDataloader(ctx).load(ref.id),
});

builder.objectField(Recommendation, 'opinions', (t) =>
  t.loadableList({
    type: Opinion,
    description: "Lawyers' opinions on it (律师意见)",
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findOpinionsByRecommendations(ctx.db, ids), (o) => o.recommendation_id),
    resolve: (r) => r.id,
  }),
);

builder.objectFields(AccusedPerson, (t) => ({
  sentencingRecommendations: t.loadableList({
    type: Recommendation,
    description: 'Sentencing recommendations (量刑建议)',
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(
        ids,
        await findRecommendationsByPersons(ctx.db, ids),
        (r: RecommendationRow) => r.person_id,
      ),
    resolve: (p) => p.id,
  }),
  pleaAgreements: t.loadableList({
    type: Agreement,
    description: 'Signed plea agreements, withdrawn ones included (具结书，含已撤回的)',
    load: async (ids: string[], ctx: Context) =>
      groupByKeys(ids, await findAgreementsByPersons(ctx.db, ids), (a: AgreementRow) => a.person_id),
    resolve: (p) => p.id,
  }),
}));

builder.queryField('pleaAgreement', (t) =>
  t.field({
    type: Agreement,
    nullable: true,
    description: 'One plea agreement (按编号查询具结书)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args) => String(args.id),
  }),
);

/** A recommendation the caller's procuratorate made, for its staff to act on. */
async function ownRecommendation(ctx: Context, id: string) {
  const [r] = await findRecommendationsByIds(ctx.db, [id]);
  if (!r) throw new DutyError('NOT_FOUND', `量刑建议不存在（编号 ${id}）`);
  if (!ownStaff(ctx.principal, r))
    throw new DutyError('FORBIDDEN', '只有承办检察院的工作人员可以办理', { reason: 'NOT_HANDLING_ORGAN' });
  return r;
}

const keyArg = idempotencyKeyRule;

const ALREADY_SIGNED = '该量刑建议已有签署的具结书；如需重新签署，请先撤回原具结书并说明理由';

/**
 * The lawyer named on an agreement, as the justice subgraph (roster, dispatch, legal aid) checks it:
 * the person's assigned duty lawyer or defense counsel, or a lawyer on duty by the roster of this
 * procuratorate's region. Its refusal (BAD_USER_INPUT with the reason) reaches the user as it is.
 */
async function presentLawyer(ctx: Context, r: RecommendationRow, licenseNo: string) {
  const [person] = await findPersonsByIds(ctx.db, [r.person_id]);
  const requests = await findHelpRequestsByPersons(ctx.db, [r.person_id]);
  const { pleaPresentLawyer } = await ctx.peers.query<{ pleaPresentLawyer: { id: string; name: string } }>(
    'justice',
    ctx,
    `query($l: LawyerLicenseNo!, $r: RegionCode!, $ids: [ID!]!, $k: String) {
      pleaPresentLawyer(licenseNo: $l, regionCode: $r, requestIds: $ids, personKey: $k) { id name } }`,
    {
      l: licenseNo,
      r: r.region_code,
      ids: requests.map((q) => q.id),
      k: person ? personKey(person.resident_id_number) : null,
    },
  );
  return pleaPresentLawyer;
}
const opinionText = z.string().trim().min(2, '意见至少 2 个字').max(2000, '意见最多 2000 字');

builder.mutationFields((t) => ({
  recordSentencingRecommendation: t.field({
    type: Recommendation,
    description: "Record the procuratorate's charge and sentencing recommendation (提出量刑建议)",
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      personId: t.arg.id({ required: true }),
      charges: t.arg.stringList({
        required: true,
        validate: z.array(z.string().trim()).min(1, '至少一个罪名').max(10),
      }),
      sentence: t.arg.string({
        required: true,
        validate: z.string().trim().min(2, '请填写建议刑罚').max(200),
      }),
      procedure: t.arg({ type: Procedure, required: true }),
      idempotencyKey: t.arg.string({ validate: keyArg }),
    },
    resolve: async (_root, args, ctx) => {
      const [p] = await findPersonsByIds(ctx.db, [String(args.personId)]);
      if (!p) throw new DutyError('NOT_FOUND', `未找到犯罪嫌疑人（编号 ${args.personId}）`);
      if (!ownStaff(ctx.principal, p))
        throw new DutyError('FORBIDDEN', '只有承办检察院的工作人员可以办理', {
          reason: 'NOT_HANDLING_ORGAN',
        });
      const problems = args.charges.map((c) => chargeProblem(c, chinaToday())).filter(Boolean);
      if (problems.length)
        throw new DutyError('BAD_USER_INPUT', problems.join('；'), { reason: 'UNKNOWN_CHARGE' });
      return createOnce({
        key: args.idempotencyKey,
        find: (k) => findRecommendationByKey(ctx.db, k),
        isRepeat: (e) => e.person_id === p.id && e.recorded_by === ctx.principal!.userId,
        create: async () => {
          const id = randomUUID();
          await ctx.db
            .insertInto('sentencing_recommendation')
            .values({
              id,
              person_id: p.id,
              charges: args.charges,
              sentence: args.sentence,
              procedure: args.procedure,
              recorded_by: ctx.principal!.userId,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  submitLawyerOpinion: t.field({
    type: Opinion,
    description:
      "The assigned duty lawyer's opinion on the recommendation: facts, charge, law, the recommendation, the procedure (提出律师意见)",
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      recommendationId: t.arg.id({ required: true }),
      onFacts: t.arg.string({ validate: opinionText }),
      onCharge: t.arg.string({ validate: opinionText }),
      onLaw: t.arg.string({ validate: opinionText }),
      onRecommendation: t.arg.string({ validate: opinionText }),
      onProcedure: t.arg.string({ validate: opinionText }),
      idempotencyKey: t.arg.string({ validate: keyArg }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = ctx.principal?.lawyerId;
      if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
      const [r] = await findRecommendationsByIds(ctx.db, [String(args.recommendationId)]);
      if (!r) throw new DutyError('NOT_FOUND', `量刑建议不存在（编号 ${args.recommendationId}）`);
      if (!(await isAssignedToPerson(ctx, 'procuratorate', [r.person_id])))
        throw new DutyError('FORBIDDEN', '只有为该犯罪嫌疑人指派的值班律师可以提出意见', {
          reason: 'NOT_ASSIGNED',
        });
      const views = [args.onFacts, args.onCharge, args.onLaw, args.onRecommendation, args.onProcedure];
      if (views.every((v) => !v)) throw new DutyError('BAD_USER_INPUT', '请至少就一个方面提出意见');
      return createOnce({
        key: args.idempotencyKey,
        find: (k) => findOpinionByKey(ctx.db, k),
        isRepeat: (e) => e.lawyer_id === lawyerId && e.recommendation_id === r.id,
        create: async () => {
          const id = randomUUID();
          await ctx.db
            .insertInto('lawyer_opinion')
            .values({
              id,
              recommendation_id: r.id,
              lawyer_id: lawyerId,
              on_facts: args.onFacts ?? null,
              on_charge: args.onCharge ?? null,
              on_law: args.onLaw ?? null,
              on_recommendation: args.onRecommendation ?? null,
              on_procedure: args.onProcedure ?? null,
              adopted: null,
              adoption_reason: null,
              decided_by: null,
              decided_at: null,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  decideOpinionAdoption: t.field({
    type: Opinion,
    description:
      "Record whether the procuratorate adopted the lawyer's opinion, with a reason when not (意见采纳情况)",
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      opinionId: t.arg.id({ required: true }),
      adopted: t.arg.boolean({ required: true }),
      reason: t.arg.string({ validate: z.string().trim().min(2, '理由至少 2 个字').max(500) }),
    },
    resolve: async (_root, args, ctx) => {
      const [o] = await findOpinionsByIds(ctx.db, [String(args.opinionId)]);
      if (!o) throw new DutyError('NOT_FOUND', `未找到律师意见（编号 ${args.opinionId}）`);
      if (!ownStaff(ctx.principal, o))
        throw new DutyError('FORBIDDEN', '只有承办检察院的工作人员可以办理', {
          reason: 'NOT_HANDLING_ORGAN',
        });
      if (!args.adopted && !args.reason) throw new DutyError('BAD_USER_INPUT', '不予采纳的，须说明理由');
      const r = await ctx.db
        .updateTable('lawyer_opinion')
        .set({
          adopted: args.adopted,
          adoption_reason: args.reason ?? null,
          decided_by: ctx.principal!.userId,
          decided_at: new Date(),
        })
        .where('id', '=', o.id)
        .where('adopted', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1)
        throw new DutyError('CONFLICT', '该意见的采纳情况已经记录，不能重复记录', { reason: 'DECIDED' });
      return o.id;
    },
  }),
  recordPleaAgreement: t.field({
    type: Agreement,
    description:
      'Record a signed plea agreement (记录认罪认罚具结书): only with a lawyer present and named — the duty lawyer assigned to the person, their legal aid defense counsel, or a lawyer on duty by the roster of this region — and one in force per recommendation',
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      recommendationId: t.arg.id({ required: true }),
      signedAt: t.arg({ type: 'DateTime', required: true }),
      lawyerLicenseNo: t.arg({
        type: 'LawyerLicenseNo',
        description: 'The lawyer present (在场律师执业证号)',
      }),
      lawyerCapacity: t.arg({ type: Capacity }),
      idempotencyKey: t.arg.string({ validate: keyArg }),
    },
    resolve: async (_root, args, ctx) => {
      const r = await ownRecommendation(ctx, String(args.recommendationId));
      if (!args.lawyerLicenseNo || !args.lawyerCapacity) {
        throw new DutyError(
          'BAD_USER_INPUT',
          '具结书须在值班律师或辩护人在场时签署：请填写在场律师的执业证号和身份',
          {
            reason: 'NO_LAWYER',
          },
        );
      }
      if (args.signedAt.getTime() > Date.now() + 60_000)
        throw new DutyError('BAD_USER_INPUT', '签署时间不能晚于现在');
      return createOnce({
        key: args.idempotencyKey,
        find: (k) => findAgreementByKey(ctx.db, k),
        isRepeat: (e) => e.recommendation_id === r.id && e.recorded_by === ctx.principal!.userId,
        // One agreement in force per recommendation; the unique index holds it under races too.
        rules: { plea_agreement_in_force_idx: { code: 'CONFLICT', message: ALREADY_SIGNED } },
        create: async () => {
          const inForce = await ctx.db
            .selectFrom('plea_agreement')
            .select('id')
            .where('recommendation_id', '=', r.id)
            .where('withdrawn_at', 'is', null)
            .executeTakeFirst();
          if (inForce) throw new DutyError('CONFLICT', ALREADY_SIGNED, { reason: 'ALREADY_SIGNED' });
          const lawyer = await presentLawyer(ctx, r, args.lawyerLicenseNo!);
          const id = randomUUID();
          await ctx.db
            .insertInto('plea_agreement')
            .values({
              id,
              recommendation_id: r.id,
              person_id: r.person_id,
              signed_at: args.signedAt,
              lawyer_id: lawyer.id,
              lawyer_license_no: args.lawyerLicenseNo!,
              lawyer_name: lawyer.name,
              lawyer_capacity: args.lawyerCapacity!,
              recorded_by: ctx.principal!.userId,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          return id;
        },
      });
    },
  }),
  withdrawPleaAgreement: t.field({
    type: Agreement,
    description:
      'Withdraw a signed plea agreement, with the reason, so that it may be signed again (撤回具结书): kept in the history',
    authScopes: { anyRole: PROCURATORATE_ROLES },
    args: {
      agreementId: t.arg.id({ required: true }),
      reason: t.arg.string({
        required: true,
        validate: z.string().trim().min(2, '请说明撤回理由').max(500, '撤回理由最多 500 字'),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const [a] = await findAgreementsByIds(ctx.db, [String(args.agreementId)]);
      if (!a) throw new DutyError('NOT_FOUND', `未找到具结书（编号 ${args.agreementId}）`);
      if (!ownStaff(ctx.principal, a))
        throw new DutyError('FORBIDDEN', '只有承办检察院的工作人员可以办理', {
          reason: 'NOT_HANDLING_ORGAN',
        });
      const done = await ctx.db
        .updateTable('plea_agreement')
        .set({
          withdrawn_at: new Date(),
          withdrawn_by: ctx.principal!.userId,
          withdrawal_reason: args.reason,
        })
        .where('id', '=', a.id)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1)
        throw new DutyError('CONFLICT', '该具结书已经撤回', { reason: 'WITHDRAWN' });
      return a.id;
    },
  }),
}));
