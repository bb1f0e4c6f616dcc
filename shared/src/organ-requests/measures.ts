import { randomUUID } from 'node:crypto';
import type { ObjectRef } from '@pothos/core';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { KitBuilder } from '../builder.js';
import type { SubgraphName } from '../config.js';
import { DutyError } from '../errors.js';
import { createOnce, idempotencyKeyRule, reasonRule } from '../idempotency.js';
import { byKeys, groupByKeys } from '../scope.js';
import type { SubgraphContext } from '../subgraph.js';
import { isAssignedToPerson } from './lawyer-access.js';

/** CPL art. 97: the organ answers an application to change a coercive measure within 3 days. */
const DECISION_HOURS = 72;

export type Measure = 'DETENTION' | 'ARREST' | 'RESIDENTIAL_SURVEILLANCE' | 'BAIL' | 'RELEASE';

export interface MeasureApplicationTable {
  id: string;
  person_id: string;
  lawyer_id: string;
  current_measure: Exclude<Measure, 'RELEASE'>;
  requested_measure: 'BAIL' | 'RESIDENTIAL_SURVEILLANCE' | 'RELEASE';
  grounds: string;
  filed_at: Date;
  decision_deadline_at: Date;
  status: 'PENDING' | 'GRANTED' | 'REFUSED';
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  idempotency_key: string | null;
}
type Row = Selectable<MeasureApplicationTable>;
type Db = Kysely<{ measure_application: MeasureApplicationTable }>;
const tables = (db: Kysely<any>) => db as Db;

export interface MeasureApplicationOptions<Ctx extends SubgraphContext<any>, Person> {
  subgraph: SubgraphName;
  /** Type-name prefix, as for `organRequestSchema`: `Court` gives `CourtMeasureApplication`. */
  prefix: string;
  /** The accused type, which gets `measureApplications`. */
  person: ObjectRef<any, any, { id: string }>;
  findPerson: (db: Kysely<any>, id: string) => Promise<Person | undefined>;
  /** The handling organ's staff, who decide. */
  ownStaff: (person: Person, ctx: Ctx) => boolean;
  /** The organ side of who reads the person's applications. */
  readable: (person: Person, ctx: Ctx) => boolean;
}

const MEASURE = {
  DETENTION: { description: '拘留' },
  ARREST: { description: '逮捕' },
  RESIDENTIAL_SURVEILLANCE: { description: '监视居住' },
  BAIL: { description: '取保候审' },
  RELEASE: { description: '解除强制措施' },
} as const;

/**
 * Applications to change a coercive measure (申请变更强制措施) for an organ subgraph, the same in
 * every organ: the assigned duty lawyer files with the organ handling the case, whose staff decide
 * once within 3 days, a refusal with its reason; the application shows whether it was late.
 */
export function measureApplicationSchema<Ctx extends SubgraphContext<any>, Person extends { id: string }>(
  builder: KitBuilder<Ctx>,
  o: MeasureApplicationOptions<Ctx, Person>,
) {
  const MeasureEnum = builder.enumType('CoerciveMeasure', {
    description: 'Coercive measure (强制措施)',
    values: MEASURE,
  });
  const Status = builder.enumType('MeasureApplicationStatus', {
    description: 'Where an application stands (申请状态)',
    values: {
      PENDING: { description: '待决定' },
      GRANTED: { description: '同意变更' },
      REFUSED: { description: '不同意变更' },
    } as const,
  });
  const personOf = async (ctx: Ctx, personId: string) => {
    const p = await o.findPerson(ctx.db, personId);
    if (!p) throw new DutyError('NOT_FOUND', `未找到当事人（编号 ${personId}）`);
    return p;
  };

  const Application = builder.loadableObject(`${o.prefix}MeasureApplication`, {
    description:
      "The duty lawyer's application to change a coercive measure, and the organ's decision (变更强制措施申请)",
    load: async (ids: string[], ctx: Ctx) =>
      byKeys(
        ids,
        await tables(ctx.db).selectFrom('measure_application').selectAll().where('id', 'in', ids).execute(),
        (r) => r.id,
        '申请',
      ),
    authScopes: async (a: Row, ctx: Ctx) => {
      if (ctx.principal?.lawyerId === a.lawyer_id) return true;
      const p = await personOf(ctx, a.person_id);
      return o.readable(p, ctx) || (await isAssignedToPerson(ctx, o.subgraph, [a.person_id]));
    },
    fields: (t) => ({
      id: t.exposeID('id'),
      currentMeasure: t.expose('current_measure', { type: MeasureEnum, description: 'Now (现强制措施)' }),
      requestedMeasure: t.expose('requested_measure', {
        type: MeasureEnum,
        description: 'Asked for (申请变更为)',
      }),
      grounds: t.exposeString('grounds', { description: 'Grounds (理由)' }),
      filedAt: t.expose('filed_at', { type: 'DateTime' }),
      decisionDeadlineAt: t.expose('decision_deadline_at', {
        type: 'DateTime',
        description: 'Decide by (决定期限)',
      }),
      overdue: t.boolean({
        description: 'Decided late, or undecided past its deadline (超期)',
        resolve: (a) => (a.decided_at ?? new Date()) > a.decision_deadline_at,
      }),
      status: t.expose('status', { type: Status }),
      decidedAt: t.expose('decided_at', { type: 'DateTime', nullable: true }),
      decisionReason: t.exposeString('decision_reason', { nullable: true, description: 'Reason (理由)' }),
    }),
  });

  builder.objectField(o.person, 'measureApplications', (t) =>
    t.loadableList({
      type: Application,
      description: 'Applications to change a coercive measure (变更强制措施申请)',
      load: async (ids: string[], ctx: Ctx) =>
        groupByKeys(
          ids,
          await tables(ctx.db)
            .selectFrom('measure_application')
            .selectAll()
            .where('person_id', 'in', ids)
            .orderBy('filed_at')
            .execute(),
          (a) => a.person_id,
        ),
      resolve: (p) => p.id,
    }),
  );

  builder.mutationFields((t) => ({
    [`apply${o.prefix}MeasureChange`]: t.field({
      type: Application,
      description:
        'The assigned duty lawyer applies to the organ handling the case to change a coercive measure (申请变更强制措施)',
      authScopes: { anyRole: ['DUTY_LAWYER'] },
      args: {
        personId: t.arg.id({ required: true }),
        currentMeasure: t.arg({ type: MeasureEnum, required: true }),
        requestedMeasure: t.arg({ type: MeasureEnum, required: true }),
        grounds: t.arg.string({
          required: true,
          validate: z.string().trim().min(2, '请写明申请理由').max(2000, '理由最多 2000 字'),
        }),
        idempotencyKey: t.arg.string({ validate: idempotencyKeyRule }),
      },
      resolve: async (_root, args, ctx) => {
        const lawyerId = ctx.principal?.lawyerId;
        if (!lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
        const p = await personOf(ctx, String(args.personId));
        if (!(await isAssignedToPerson(ctx, o.subgraph, [p.id])))
          throw new DutyError('FORBIDDEN', '只有为该当事人指派的值班律师可以申请', {
            reason: 'NOT_ASSIGNED',
          });
        if (
          args.currentMeasure === 'RELEASE' ||
          args.requestedMeasure === args.currentMeasure ||
          !['BAIL', 'RESIDENTIAL_SURVEILLANCE', 'RELEASE'].includes(args.requestedMeasure)
        )
          throw new DutyError('BAD_USER_INPUT', '申请变更的强制措施无效', { reason: 'INVALID_MEASURE' });
        return createOnce({
          key: args.idempotencyKey,
          find: (k) =>
            tables(ctx.db)
              .selectFrom('measure_application')
              .selectAll()
              .where('idempotency_key', '=', k)
              .executeTakeFirst(),
          isRepeat: (e) => e.lawyer_id === lawyerId && e.person_id === p.id,
          create: async () => {
            const id = randomUUID();
            const now = new Date();
            await tables(ctx.db)
              .insertInto('measure_application')
              .values({
                id,
                person_id: p.id,
                lawyer_id: lawyerId,
                current_measure: args.currentMeasure as MeasureApplicationTable['current_measure'],
                requested_measure: args.requestedMeasure as MeasureApplicationTable['requested_measure'],
                grounds: args.grounds,
                filed_at: now,
                decision_deadline_at: new Date(now.getTime() + DECISION_HOURS * 3600_000),
                status: 'PENDING',
                decided_by: null,
                decided_at: null,
                decision_reason: null,
                idempotency_key: args.idempotencyKey ?? null,
              })
              .execute();
            return id;
          },
        });
      },
    }),
    [`decide${o.prefix}MeasureChange`]: t.field({
      type: Application,
      description:
        'The organ handling the case decides on an application to change a coercive measure (变更强制措施决定)',
      authScopes: { signedIn: true },
      args: {
        applicationId: t.arg.id({ required: true }),
        grant: t.arg.boolean({ required: true }),
        reason: t.arg.string({
          validate: reasonRule,
        }),
      },
      resolve: async (_root, args, ctx) => {
        const [a] = await tables(ctx.db)
          .selectFrom('measure_application')
          .selectAll()
          .where('id', '=', String(args.applicationId))
          .execute();
        if (!a) throw new DutyError('NOT_FOUND', `未找到变更强制措施申请（编号 ${args.applicationId}）`);
        if (!o.ownStaff(await personOf(ctx, a.person_id), ctx))
          throw new DutyError('FORBIDDEN', '只有办理该案件的机关可以决定', { reason: 'NOT_HANDLING_ORGAN' });
        if (!args.grant && !args.reason) throw new DutyError('BAD_USER_INPUT', '不同意变更的，须说明理由');
        const r = await tables(ctx.db)
          .updateTable('measure_application')
          .set({
            status: args.grant ? 'GRANTED' : 'REFUSED',
            decided_by: ctx.principal!.userId,
            decided_at: new Date(),
            decision_reason: args.reason ?? null,
          })
          .where('id', '=', a.id)
          .where('status', '=', 'PENDING')
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1)
          throw new DutyError('CONFLICT', '该申请已经决定，不能重复决定', { reason: 'DECIDED' });
        return a.id;
      },
    }),
  }));

  return Application;
}
