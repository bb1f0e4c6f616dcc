import { randomUUID } from 'node:crypto';
import { createOnce, DutyError, idempotencyKeyRule } from '@duty/kit';
import DataLoader from 'dataloader';
import { z } from 'zod';
import { builder, type Context } from '../builder.js';
import { Lawyer } from '../lawyers/schema.js';
import type { PleaWitness } from './table.js';

const PleaWitnessRef = builder.objectRef<PleaWitness>('PleaWitness').implement({
  description: "The lawyer's own record of a plea agreement's signing (律师见证记录)",
  fields: (t) => ({
    lawyer: t.field({ type: Lawyer, resolve: (w) => w.lawyer_id }),
    present: t.exposeBoolean('present', { description: 'Was present at the signing (在场)' }),
    voluntary: t.exposeBoolean('voluntary', { description: 'The plea was voluntary (认罪认罚系自愿)' }),
    objection: t.exposeString('objection', {
      nullable: true,
      description: 'Objection to the recommendation, if any (对量刑建议的异议)',
    }),
    recordedAt: t.expose('recorded_at', { type: 'DateTime' }),
  }),
});

const SidesCheck = builder.enumType('PleaSidesCheck', {
  description: "Whether the procuratorate's record and the lawyer's agree (双方记录是否一致)",
  values: {
    AGREE: { description: '一致：律师确认在场且认罪认罚自愿' },
    PENDING: { description: '律师尚未记录' },
    DISAGREE: { description: '不一致：律师记录未在场或认罪认罚非自愿（须核查）' },
  } as const,
});

// A witness record is looked up by agreement and the lawyer the agreement names.
const SEP = '\u0000';
const agreementOf = (key: string) => key.split(SEP)[0]!;
const witnessKey = (w: PleaWitness) => `${w.agreement_id}${SEP}${w.lawyer_id}`;
const loaders = new WeakMap<object, DataLoader<string, PleaWitness | null>>();
/** The witness records of a fetch's agreements, in one query, by agreement and named lawyer. */
const witnessLoader = (ctx: Context) => {
  let l = loaders.get(ctx);
  if (!l) {
    l = new DataLoader(async (keys: readonly string[]) => {
      const rows = await ctx.db
        .selectFrom('plea_witness')
        .selectAll()
        .where('agreement_id', 'in', keys.map(agreementOf))
        .execute();
      return keys.map((k) => rows.find((w) => witnessKey(w) === k) ?? null);
    });
    loaders.set(ctx, l);
  }
  return l;
};

// The agreement lives in the procuratorate; justice adds the named lawyer's side and compares.
const key = builder.selection<{ id: string }>('id');
const lawyerNamed = builder.selection<{ lawyerId: string }>('lawyerId');
builder
  .externalRef('PleaAgreement', key, (ref) => ref)
  .implement({
    externalFields: (t) => ({ lawyerId: t.id() }),
    fields: (t) => ({
      id: t.exposeID('id'),
      witness: t.field({
        type: PleaWitnessRef,
        nullable: true,
        description: "The named lawyer's own record, once made (在场律师的见证记录)",
        requires: lawyerNamed,
        resolve: (a, _args, ctx) => witnessLoader(ctx).load(`${a.id}${SEP}${a.lawyerId}`),
      }),
      sidesCheck: t.field({
        type: SidesCheck,
        description: 'Both sides compared; DISAGREE is flagged for review (双方记录核对)',
        requires: lawyerNamed,
        resolve: async (a, _args, ctx) => {
          const w = await witnessLoader(ctx).load(`${a.id}${SEP}${a.lawyerId}`);
          if (!w) return 'PENDING';
          return w.present && w.voluntary ? 'AGREE' : 'DISAGREE';
        },
      }),
    }),
  });

builder.mutationField('recordPleaWitness', (t) =>
  t.field({
    type: PleaWitnessRef,
    description:
      'The lawyer named on a plea agreement records their side: present, the plea voluntary, any objection to the recommendation (律师见证具结)',
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      agreementId: t.arg.id({ required: true }),
      present: t.arg.boolean({ required: true }),
      voluntary: t.arg.boolean({ required: true }),
      objection: t.arg.string({
        validate: z.string().trim().min(2, '异议至少 2 个字').max(2000, '异议最多 2000 字'),
      }),
      idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyerId = ctx.principal?.lawyerId;
      if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
      const agreementId = String(args.agreementId);
      // The agreement is the procuratorate's: ask it, as the lawyer, whom it names.
      const { pleaAgreement } = await ctx.peers
        .query<{ pleaAgreement: { lawyerId: string } | null }>(
          'procuratorate',
          ctx,
          'query($id: ID!) { pleaAgreement(id: $id) { lawyerId } }',
          { id: agreementId },
        )
        .catch((error: unknown) => {
          if (
            error instanceof DutyError &&
            ['NOT_FOUND', 'FORBIDDEN'].includes(String(error.extensions.code))
          )
            return { pleaAgreement: null };
          throw error;
        });
      if (!pleaAgreement || pleaAgreement.lawyerId !== lawyerId)
        throw new DutyError('FORBIDDEN', '只有具结书记载的在场律师可以记录见证情况', { reason: 'NOT_NAMED' });
      const id = await createOnce({
        key: args.idempotencyKey,
        find: (k) =>
          ctx.db.selectFrom('plea_witness').selectAll().where('idempotency_key', '=', k).executeTakeFirst(),
        isRepeat: (e) => e.agreement_id === agreementId && e.lawyer_id === lawyerId,
        rules: { plea_witness_once: { code: 'CONFLICT', message: '您已记录该具结书的见证情况' } },
        create: async () => {
          const newId = randomUUID();
          await ctx.db
            .insertInto('plea_witness')
            .values({
              id: newId,
              agreement_id: agreementId,
              lawyer_id: lawyerId,
              present: args.present,
              voluntary: args.voluntary,
              objection: args.objection ?? null,
              idempotency_key: args.idempotencyKey ?? null,
            })
            .execute();
          return newId;
        },
      });
      return ctx.db.selectFrom('plea_witness').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    },
  }),
);
