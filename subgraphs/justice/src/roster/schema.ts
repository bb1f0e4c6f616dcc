import { randomUUID } from 'node:crypto';
import {
  byKeys,
  chinaToday,
  DutyError,
  groupByKeys,
  LEGAL_AID_STAFF,
  listRegionPrefix,
  ORGAN_STAFF,
  pageByKey,
  reasonRule,
  requireRegionRole,
  withDatabaseRules,
} from '@duty/kit';
import { sql } from 'kysely';
import { z } from 'zod';
import { findAgenciesByIds } from '../agencies/queries.js';
import { LegalAidAgency } from '../agencies/schema.js';
import { builder, type Context } from '../builder.js';
import { Lawyer } from '../lawyers/schema.js';
import { dutyLawyerIds } from './on-duty.js';
import {
  findEntriesByIds,
  findEntriesByLawyers,
  findEventsByEntries,
  findLawyerByLicense,
  listEntries,
  recordDecision,
} from './queries.js';
import type {
  RosterEntry as EntryRow,
  RosterEvent as EventRow,
  RosterAction,
  RosterAssessment,
  RosterStatus,
} from './table.js';

const RosterList = builder.enumType('RosterList', {
  description: 'Roster or pool (名册或值班律师库)',
  values: { ROSTER: { description: '值班律师名册' }, POOL: { description: '值班律师库（备选）' } } as const,
});
const RosterStatusEnum = builder.enumType('RosterStatus', {
  description: 'Standing on the roster (在册状态)',
  values: {
    ACTIVE: { description: '在册（可排班、可指派）' },
    SUSPENDED: { description: '暂停' },
    REMOVED: { description: '除名' },
  } as const,
});
const RosterActionEnum = builder.enumType('RosterAction', {
  description: 'Roster decision (名册管理决定)',
  values: {
    ADMIT: { description: '入册' },
    SUSPEND: { description: '暂停' },
    REMOVE: { description: '除名' },
    REINSTATE: { description: '恢复' },
  } as const,
});
const AssessmentResult = builder.enumType('AssessmentResult', {
  description: 'Assessment result (考核结果)',
  values: { PASS: { description: '合格' }, FAIL: { description: '不合格' } } as const,
});

const Assessment = builder.objectRef<RosterAssessment>('RosterAssessment').implement({
  description: 'The assessment an admission rests on (入册考核：政治素质、职业道德、业务能力、执业年限)',
  fields: (t) => ({
    politicalQuality: t.expose('politicalQuality', {
      type: AssessmentResult,
      description: 'Political quality (政治素质)',
    }),
    ethics: t.expose('ethics', { type: AssessmentResult, description: 'Professional ethics (职业道德)' }),
    ability: t.expose('ability', { type: AssessmentResult, description: 'Professional ability (业务能力)' }),
    practiceYears: t.exposeInt('practiceYears', { description: 'Years in practice at admission (执业年限)' }),
    note: t.exposeString('note', { nullable: true, description: 'Note (说明)' }),
  }),
});

const RosterEvent = builder.objectRef<EventRow>('RosterEvent').implement({
  description: 'One roster decision, kept for ever (名册管理记录)',
  fields: (t) => ({
    id: t.exposeID('id'),
    action: t.expose('action', { type: RosterActionEnum, description: 'Decision (决定)' }),
    statusAfter: t.expose('status_after', {
      type: RosterStatusEnum,
      description: 'Standing after it (决定后状态)',
    }),
    list: t.expose('list', { type: RosterList }),
    reason: t.exposeString('reason', { description: 'Reason (理由)' }),
    effectiveDate: t.expose('effective_date', {
      type: 'LocalDate',
      description: 'Effective date (生效日期)',
    }),
    decidedBy: t.exposeString('decided_by', { description: 'Who decided (决定人账号)' }),
    decidedAt: t.expose('decided_at', { type: 'DateTime', description: 'Recorded at (记录时间)' }),
    assessment: t.field({ type: Assessment, nullable: true, resolve: (e) => e.assessment }),
  }),
});

export const RosterEntry = builder.loadableObject('RosterEntry', {
  description: "A lawyer's standing on an agency's roster or pool (名册登记)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findEntriesByIds(ctx.db, ids), (r) => r.id, '名册登记'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    lawyer: t.field({ type: Lawyer, resolve: (e) => e.lawyer_id }),
    agency: t.field({
      type: LegalAidAgency,
      description: 'Agency (法律援助机构)',
      resolve: (e) => e.agency_id,
    }),
    list: t.expose('list', { type: RosterList }),
    status: t.expose('status', { type: RosterStatusEnum }),
    since: t.expose('since', { type: 'LocalDate', description: 'In this standing since (状态起始日期)' }),
    history: t.loadableList({
      type: RosterEvent,
      // Nullable: organs may read the entry but not its history.
      nullable: true,
      description: 'Every decision, oldest first (历次决定)；legal aid staff and the lawyer only',
      authScopes: (e) => ({ $any: { lawyer: e.lawyer_id, anyRole: LEGAL_AID_STAFF } }),
      load: async (entryIds: string[], ctx: Context) =>
        groupByKeys(entryIds, await findEventsByEntries(ctx.db, entryIds), (ev) => ev.roster_entry_id),
      resolve: (e) => e.id,
    }),
  }),
});

builder.objectField(Lawyer, 'rosterEntries', (t) =>
  t.loadableList({
    type: RosterEntry,
    description: "The lawyer's roster standings (在册情况)",
    load: async (lawyerIds: string[], ctx: Context) =>
      groupByKeys(lawyerIds, await findEntriesByLawyers(ctx.db, lawyerIds), (e) => e.lawyer_id),
    resolve: (l) => l.id,
  }),
);

builder.queryField('roster', (t) =>
  t.connection(
    {
      type: RosterEntry,
      nullable: true,
      description: "The roster of a region's legal aid agencies (辖区值班律师名册)",
      authScopes: { anyRole: [...LEGAL_AID_STAFF, ...ORGAN_STAFF, 'JOINT_MEETING_MEMBER'] },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
        status: t.arg({ type: RosterStatusEnum }),
        list: t.arg({ type: RosterList }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (e: EntryRow) => e.id,
          (page) => listEntries(ctx.db, { regionPrefix, status: args.status, list: args.list }, page),
        );
      },
    },
    { name: 'RosterEntryConnection', description: 'A page of roster entries (名册分页列表)' },
    { name: 'RosterEntryEdge' },
  ),
);

const reason = reasonRule;

const AssessmentInput = builder.inputType('RosterAssessmentInput', {
  description: 'Admission assessment (入册考核)',
  fields: (t) => ({
    politicalQuality: t.field({ type: AssessmentResult, required: true }),
    ethics: t.field({ type: AssessmentResult, required: true }),
    ability: t.field({ type: AssessmentResult, required: true }),
    note: t.string({ validate: z.string().max(500, '说明最多 500 字') }),
  }),
});

const ROSTER_RULES = {
  roster_entry_once: { code: 'CONFLICT', message: '该律师已在本机构名册中，请使用“恢复”而非重复入册' },
} as const;

/** The transitions the roster allows; anything else is refused with the reason why. */
const TRANSITIONS: Record<
  Exclude<RosterAction, 'ADMIT'>,
  { from: RosterStatus[]; to: RosterStatus; verb: string }
> = {
  SUSPEND: { from: ['ACTIVE'], to: 'SUSPENDED', verb: '暂停' },
  REMOVE: { from: ['ACTIVE', 'SUSPENDED'], to: 'REMOVED', verb: '除名' },
  REINSTATE: { from: ['SUSPENDED', 'REMOVED'], to: 'ACTIVE', verb: '恢复' },
};
/** A decision takes effect when it is recorded: it may be back-dated, never dated ahead. */
function effectiveDate(given: string | null | undefined): string {
  const today = chinaToday();
  if (given && given > today) {
    throw new DutyError('BAD_USER_INPUT', '生效日期不能晚于今天：名册决定登记即生效', {
      reason: 'FUTURE_EFFECTIVE_DATE',
    });
  }
  return given ?? today;
}

const STATUS_NAME: Record<RosterStatus, string> = { ACTIVE: '在册', SUSPENDED: '暂停', REMOVED: '除名' };

builder.mutationFields((t) => ({
  admitToRoster: t.field({
    type: RosterEntry,
    description: "Admit a registered lawyer to an agency's roster or pool after assessment (考核入册)",
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      licenseNo: t.arg({
        type: 'LawyerLicenseNo',
        required: true,
        description: 'Practice license number (执业证号)',
      }),
      agencyId: t.arg.id({ description: 'Agency (法律援助机构)；默认为本人所在机构' }),
      list: t.arg({ type: RosterList, required: true }),
      assessment: t.arg({ type: AssessmentInput, required: true }),
      reason: t.arg.string({ required: true, validate: reason }),
      effectiveDate: t.arg({
        type: 'LocalDate',
        description: '生效日期；默认今天，不能晚于今天（决定登记即生效）',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const agencyId = String(args.agencyId ?? ctx.principal?.agencyId ?? '');
      const [agency] = await findAgenciesByIds(ctx.db, [agencyId]);
      if (!agency) throw new DutyError('NOT_FOUND', `未找到法律援助机构（编号 ${agencyId}）`);
      const p = requireRegionRole(ctx, LEGAL_AID_STAFF, agency.region_code, '管理该机构的名册');
      const lawyer = await findLawyerByLicense(ctx.db, args.licenseNo);
      if (!lawyer)
        throw new DutyError('NOT_FOUND', `未找到执业证号为 ${args.licenseNo} 的律师，请先登记律师信息`);
      const { politicalQuality, ethics, ability, note } = args.assessment;
      const failed = [
        politicalQuality === 'FAIL' && '政治素质',
        ethics === 'FAIL' && '职业道德',
        ability === 'FAIL' && '业务能力',
      ].filter(Boolean);
      if (failed.length) {
        throw new DutyError('BAD_USER_INPUT', `考核不合格（${failed.join('、')}），不能入册`, {
          reason: 'ASSESSMENT_FAILED',
        });
      }
      const practiceYears = Number(chinaToday().slice(0, 4)) - lawyer.first_licensed_year;
      if (practiceYears < agency.min_practice_years) {
        throw new DutyError(
          'BAD_USER_INPUT',
          `执业年限不足：${practiceYears} 年，本机构要求至少 ${agency.min_practice_years} 年`,
          { reason: 'PRACTICE_YEARS' },
        );
      }
      const entry: EntryRow = {
        id: randomUUID(),
        lawyer_id: lawyer.id,
        agency_id: agency.id,
        list: args.list,
        status: 'ACTIVE',
        since: effectiveDate(args.effectiveDate),
      };
      await withDatabaseRules(ROSTER_RULES, () =>
        ctx.db.transaction().execute((trx) =>
          recordDecision(
            trx,
            entry,
            {
              action: 'ADMIT',
              reason: args.reason,
              effectiveDate: entry.since,
              decidedBy: p.userId,
              assessment: { politicalQuality, ethics, ability, practiceYears, note: note ?? null },
            },
            randomUUID(),
          ),
        ),
      );
      return entry.id;
    },
  }),
  changeRosterStatus: t.field({
    type: RosterEntry,
    description:
      'Suspend, remove or reinstate a roster entry, with reason and date (动态管理：暂停、除名、恢复)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      entryId: t.arg.id({ required: true }),
      action: t.arg({ type: RosterActionEnum, required: true }),
      reason: t.arg.string({ required: true, validate: reason }),
      effectiveDate: t.arg({
        type: 'LocalDate',
        description: '生效日期；默认今天，不能晚于今天（决定登记即生效）',
      }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.action === 'ADMIT') {
        throw new DutyError('BAD_USER_INPUT', '入册请使用 admitToRoster（需考核）', { reason: 'USE_ADMIT' });
      }
      const rule = TRANSITIONS[args.action];
      return ctx.db.transaction().execute(async (trx) => {
        // Lock the entry: two decisions at once must not both read the old status.
        const current = await trx
          .selectFrom('roster_entry')
          .selectAll()
          .where('id', '=', String(args.entryId))
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw new DutyError('NOT_FOUND', `未找到名册登记（编号 ${args.entryId}）`);
        const [agency] = await findAgenciesByIds(trx, [current.agency_id]);
        const p = requireRegionRole(ctx, LEGAL_AID_STAFF, agency!.region_code, '管理该机构的名册');
        if (!rule.from.includes(current.status)) {
          throw new DutyError('CONFLICT', `当前状态为“${STATUS_NAME[current.status]}”，不能${rule.verb}`, {
            reason: 'INVALID_TRANSITION',
          });
        }
        const entry: EntryRow = { ...current, status: rule.to, since: effectiveDate(args.effectiveDate) };
        if (rule.to !== 'ACTIVE') {
          // Off the roster means off duty: future shifts become open slots again (coverage view),
          // each change kept with the roster decision's reason. Serialized with shift writes.
          await sql`select pg_advisory_xact_lock(hashtext(${`duty_shift:${current.lawyer_id}`}))`.execute(
            trx,
          );
          const future = await trx
            .updateTable('duty_shift')
            .set({ lawyer_id: null, lent_from_agency_id: null })
            .where('lawyer_id', '=', current.lawyer_id)
            .where('status', '=', 'SCHEDULED')
            .where('starts_at', '>', new Date())
            .returning('id')
            .execute();
          if (future.length) {
            await trx
              .insertInto('duty_shift_change')
              .values(
                future.map((f) => ({
                  id: randomUUID(),
                  shift_id: f.id,
                  kind: 'SWAP' as const,
                  from_lawyer_id: current.lawyer_id,
                  to_lawyer_id: null,
                  reason: `名册${rule.verb}：${args.reason}`,
                  changed_by: p.userId,
                })),
              )
              .execute();
          }
        }
        await recordDecision(
          trx,
          entry,
          { action: args.action, reason: args.reason, effectiveDate: entry.since, decidedBy: p.userId },
          randomUUID(),
        );
        return entry.id;
      });
    },
  }),
}));

builder.queryField('rosterLawyer', (t) =>
  t.field({
    type: Lawyer,
    nullable: true,
    description:
      'The lawyer with this license if on an active roster now, else null (在册值班律师核验): organs check the lawyer named on a record',
    authScopes: { signedIn: true },
    args: { licenseNo: t.arg({ type: 'LawyerLicenseNo', required: true }) },
    resolve: async (_root, args, ctx) => {
      const row = await ctx.db
        .selectFrom('lawyer as l')
        .select('l.id')
        .where('l.license_no', '=', args.licenseNo)
        .where('l.id', 'in', dutyLawyerIds(ctx.db))
        .executeTakeFirst();
      return row?.id ?? null;
    },
  }),
);
