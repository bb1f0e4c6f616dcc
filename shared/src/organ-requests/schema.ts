import { randomUUID } from 'node:crypto';
import type { ObjectRef } from '@pothos/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { caseStageEnum, type KitBuilder, organKindEnum } from '../builder.js';
import type { SubgraphName } from '../config.js';
import { DutyError } from '../errors.js';
import { createOnce, idempotencyKeyRule } from '../idempotency.js';
import { CASE_STAGE, type CaseStage, type OrganKind } from '../notices.js';
import { canReadOrganRecord, type Role } from '../principal.js';
import { byKeys, groupByKeys } from '../scope.js';
import type { SubgraphContext } from '../subgraph.js';
import { isAssignedToRequest } from './lawyer-access.js';
import {
  findHelpRequestByKey,
  findHelpRequestsByIds,
  findHelpRequestsByPersons,
  findRightsNoticesByPersons,
  helpRequestDeadline,
  insertHelpRequest,
} from './records.js';
import type { HelpRequestRow, OrganRequestTables, RightsNoticeRow } from './tables.js';

/** The accused as a write sees them: checked to be handled by the caller's organ. */
export interface AccusedForRequest {
  id: string;
  /** The stage the case is in now; notices and requests are taken for it. */
  stage: CaseStage;
  hasDefenseCounsel: boolean;
  /** The organ taking the record (the caller's), which the notice to the agency names. */
  place: { organKind: OrganKind; organId: string; regionCode: string };
  /** Other organs following the person's requests (see `HelpRequestNotice.concernedOrganIds`). */
  concernedOrganIds?: string[];
  /** Links the person's requests across stages, as a pseudonymous key only (`personKey`). */
  residentIdNumber: string;
}

export interface OrganRequestsOptions<Ctx extends SubgraphContext<any>> {
  subgraph: SubgraphName;
  /** Type-name prefix: `Court` gives `CourtHelpRequest` and `recordCourtHelpRequest`. */
  prefix: string;
  /** The organ in Chinese, for descriptions: 法院. */
  organName: string;
  /** The organ roles that record and read these records (their own organ's only). */
  roles: readonly Role[];
  /** The accused type, which gets `rightsNotices` and `helpRequests`. */
  person: ObjectRef<any, any, { id: string }>;
  /** The accused for a write by the caller: NOT_FOUND when unknown, FORBIDDEN when not the caller's organ's. */
  accusedForWrite: (ctx: Ctx, personId: string) => Promise<AccusedForRequest>;
  /** Others who may read a request besides the recording organ's staff (the organ handling the case). */
  alsoReadBy?: (row: HelpRequestRow, ctx: Ctx) => boolean | Promise<boolean>;
  /** Hours the legal aid agency has when no regional rule applies, per kind of organ. */
  defaultDeadlineHours: Partial<Record<OrganKind, number>>;
}

const REQUEST_RULES = {
  help_request_relative: {
    code: 'BAD_USER_INPUT',
    message: '近亲属提出请求的，须登记其姓名和与当事人的关系',
  },
  help_request_idempotency_key_key: { code: 'CONFLICT', message: '该幂等键已用于另一请求' },
} as const;

const db = (ctx: SubgraphContext<any>) => ctx.db as Kysely<OrganRequestTables>;

/**
 * Rights notices (告知) and help requests (法律帮助请求) for an organ subgraph, the same in every
 * organ: the types, the accused's history, and the two mutations, which write the request and its
 * notice to the legal aid agency in one transaction. Readers: the organ's own staff, legal aid staff
 * of the region, and the duty lawyer assigned to the request.
 */
export function organRequestSchema<Ctx extends SubgraphContext<any>>(
  builder: KitBuilder<Ctx>,
  o: OrganRequestsOptions<Ctx>,
) {
  const source = { subgraph: o.subgraph, requestType: `${o.prefix}HelpRequest` };
  const CaseStageRef = caseStageEnum(builder);
  const OrganKindRef = organKindEnum(builder);
  const Method = builder.enumType('RightsNoticeMethod', {
    description: 'How the accused was informed (告知方式)',
    values: {
      WRITTEN: { description: '书面告知' },
      ORAL: { description: '口头告知' },
      VIDEO: { description: '视频告知' },
    } as const,
  });
  const Answer = builder.enumType('RightsNoticeAnswer', {
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

  /** The accused for a write, at the stage the caller states (if any). */
  const accusedAt = async (ctx: Ctx, personId: string, stage?: CaseStage | null) => {
    const person = await o.accusedForWrite(ctx, personId);
    if (stage && stage !== person.stage) {
      throw new DutyError(
        'BAD_USER_INPUT',
        `该案件当前处于${CASE_STAGE[person.stage].description}，不能按${CASE_STAGE[stage].description}登记`,
        { reason: 'STAGE_MISMATCH', stage: person.stage },
      );
    }
    return person;
  };

  const readableByOrgan = (row: { organ_id: string; region_code: string }, ctx: Ctx) =>
    canReadOrganRecord(ctx.principal, { id: row.organ_id, regionCode: row.region_code }, o.roles);

  const RightsNotice = builder.objectRef<RightsNoticeRow>(`${o.prefix}RightsNotice`).implement({
    description: `A record that the accused was informed of the right to a duty lawyer (${o.organName}权利告知)`,
    fields: (t) => ({
      id: t.exposeID('id'),
      stage: t.expose('stage', { type: CaseStageRef }),
      organKind: t.expose('organ_kind', { type: OrganKindRef, description: 'Informed by (告知机关类别)' }),
      organId: t.exposeID('organ_id', { description: 'Informing organ (告知机关编号)' }),
      method: t.expose('method', { type: Method }),
      informedAt: t.expose('informed_at', { type: 'DateTime' }),
      informedBy: t.exposeString('informed_by'),
      answer: t.expose('answer', { type: Answer }),
      note: t.exposeString('note', { nullable: true }),
    }),
  });

  const HelpRequest = builder.loadableObject(`${o.prefix}HelpRequest`, {
    description: `A request for a duty lawyer's help (${o.organName}登记的法律帮助请求)`,
    load: async (ids: string[], ctx: Ctx) =>
      byKeys(ids, await findHelpRequestsByIds(db(ctx), ids), (r) => r.id, '法律帮助请求'),
    authScopes: async (r: HelpRequestRow, ctx: Ctx) =>
      readableByOrgan(r, ctx) ||
      (!!o.alsoReadBy && (await o.alsoReadBy(r, ctx))) ||
      (await isAssignedToRequest(ctx, o.subgraph, r.id)),
    fields: (t) => ({
      id: t.exposeID('id'),
      stage: t.expose('stage', { type: CaseStageRef }),
      organKind: t.expose('organ_kind', { type: OrganKindRef, description: 'Recorded by (登记机关类别)' }),
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
    }),
  });

  builder.asEntity(HelpRequest, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: (ref, ctx) => HelpRequest.getDataloader(ctx).load(ref.id),
  });

  builder.objectFields(o.person, (t) => ({
    rightsNotices: t.loadableList({
      type: RightsNotice,
      description: 'Every time the person was informed (历次告知)',
      load: async (ids: string[], ctx: Ctx) =>
        groupByKeys(ids, await findRightsNoticesByPersons(db(ctx), ids), (n) => n.person_id),
      resolve: (p) => p.id,
    }),
    helpRequests: t.loadableList({
      type: HelpRequest,
      description: 'Help requests (法律帮助请求)',
      load: async (ids: string[], ctx: Ctx) =>
        groupByKeys(ids, await findHelpRequestsByPersons(db(ctx), ids), (r) => r.person_id),
      resolve: (p) => p.id,
    }),
  }));

  builder.mutationFields((t) => ({
    [`record${o.prefix}RightsNotice`]: t.field({
      type: RightsNotice,
      description: 'Record that the accused was informed of the right to a duty lawyer (登记权利告知)',
      authScopes: { anyRole: o.roles },
      args: {
        personId: t.arg.id({ required: true }),
        stage: t.arg({
          type: CaseStageRef,
          description: "The stage, if the caller states it: checked against the case's (诉讼阶段)",
        }),
        method: t.arg({ type: Method, required: true }),
        answer: t.arg({ type: Answer, required: true }),
        informedAt: t.arg({ type: 'DateTime', description: '默认现在' }),
        note: t.arg.string({ validate: z.string().trim().max(500, '备注最多 500 字') }),
      },
      resolve: async (_root, args, ctx) => {
        const person = await accusedAt(ctx, String(args.personId), args.stage);
        const informedAt = args.informedAt ?? new Date();
        if (informedAt.getTime() > Date.now() + 60_000)
          throw new DutyError('BAD_USER_INPUT', '告知时间不能晚于现在');
        const row: RightsNoticeRow = {
          id: randomUUID(),
          person_id: person.id,
          stage: person.stage,
          method: args.method,
          informed_at: informedAt,
          informed_by: ctx.principal!.userId,
          answer: args.answer,
          note: args.note ?? null,
          organ_kind: person.place.organKind,
          organ_id: person.place.organId,
          region_code: person.place.regionCode,
        };
        await db(ctx).insertInto('rights_notice').values(row).execute();
        return row;
      },
    }),
    [`record${o.prefix}HelpRequest`]: t.field({
      type: HelpRequest,
      description:
        'Record a request for legal help and notify the legal aid agency in the same transaction (登记法律帮助请求并通知法律援助机构)',
      authScopes: { anyRole: o.roles },
      args: {
        personId: t.arg.id({ required: true }),
        stage: t.arg({
          type: CaseStageRef,
          description: "The stage, if the caller states it: checked against the case's (诉讼阶段)",
        }),
        requestedBy: t.arg({ type: RequestedBy, required: true }),
        relativeName: t.arg.string({ validate: z.string().trim().min(2, '近亲属姓名至少 2 个字').max(40) }),
        relativeRelation: t.arg.string({ validate: z.string().trim().min(1).max(20, '关系最多 20 字') }),
        idempotencyKey: t.arg.string({
          description: 'Repeating the call with the same key returns the first request (幂等键)',
          validate: idempotencyKeyRule,
        }),
      },
      resolve: async (_root, args, ctx) => {
        const person = await accusedAt(ctx, String(args.personId), args.stage);
        const key = args.idempotencyKey ?? null;
        return createOnce({
          key,
          find: (k) => findHelpRequestByKey(db(ctx), k),
          isRepeat: (e) => e.person_id === person.id,
          reusedMessage: REQUEST_RULES.help_request_idempotency_key_key.message,
          rules: REQUEST_RULES,
          create: async () => {
            if (person.hasDefenseCounsel) {
              throw new DutyError('CONFLICT', '该当事人已有辩护人，不再安排值班律师；请告知其联系辩护人', {
                reason: 'HAS_DEFENSE_COUNSEL',
              });
            }
            const requestedAt = new Date();
            const id = randomUUID();
            await ctx.db.transaction().execute(async (trx) => {
              const organKind = person.place.organKind;
              const deadlineAt = await helpRequestDeadline(
                trx,
                person.place,
                requestedAt,
                o.defaultDeadlineHours[organKind] ?? 48,
              );
              await insertHelpRequest(
                trx,
                source,
                {
                  id,
                  person_id: person.id,
                  stage: person.stage,
                  requested_by: args.requestedBy,
                  relative_name: args.relativeName ?? null,
                  relative_relation: args.relativeRelation ?? null,
                  requested_at: requestedAt,
                  deadline_at: deadlineAt,
                  recorded_by: ctx.principal!.userId,
                  idempotency_key: key,
                  organ_kind: organKind,
                  organ_id: person.place.organId,
                  region_code: person.place.regionCode,
                },
                { concernedOrganIds: person.concernedOrganIds, residentIdNumber: person.residentIdNumber },
              );
            });
            ctx.kickOutbox();
            return id;
          },
        });
      },
    }),
  }));

  const DefenseInput = builder.inputType('DefenseAssignedInput', {
    description: 'Defense counsel assigned by the legal aid agency (internal)',
    inaccessible: true,
    fields: (t) => ({
      subgraph: t.string({ required: true }),
      requestId: t.string({ required: true }),
      assignedAt: t.field({ type: 'DateTime', required: true }),
    }),
  });

  builder.mutationField('receiveDefenseAssignment', (t) =>
    t.boolean({
      description:
        'Justice tells the organ that the person of a request now has defense counsel (internal): new duty-lawyer requests for them are answered so',
      // Not part of the public API: only justice's relay calls it, on the organ's subgraph itself;
      // every organ subgraph has it (shareable), the gateway serves none of them.
      inaccessible: true,
      shareable: true,
      authScopes: { viaPeer: ['justice'] },
      args: { notice: t.arg({ type: DefenseInput, required: true }) },
      resolve: async (_root, { notice }, ctx) => {
        if (ctx.principal !== null || notice.subgraph !== o.subgraph)
          throw new DutyError('FORBIDDEN', '通知来源与内容不符', { reason: 'NOTICE_SOURCE' });
        const [request] = await findHelpRequestsByIds(db(ctx), [notice.requestId]);
        if (!request) throw new DutyError('NOT_FOUND', `未找到法律帮助请求（编号 ${notice.requestId}）`);
        // Idempotent: a repeated delivery sets what is already set.
        await ctx.db
          .updateTable('accused_person')
          .set({ has_defense_counsel: true })
          .where('id', '=', request.person_id)
          .execute();
        return true;
      },
    }),
  );

  return { HelpRequest, RightsNotice, CaseStage: CaseStageRef, readableByOrgan };
}
