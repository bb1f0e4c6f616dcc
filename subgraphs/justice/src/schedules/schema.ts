import { randomUUID } from 'node:crypto';
import {
  addDays,
  byKeys,
  chinaInstant,
  chinaToday,
  DutyError,
  ExpiringCache,
  groupByKeys,
  LEGAL_AID_STAFF,
  listRegionPrefix,
  ORGAN_STAFF,
  pageByKey,
  reasonRule,
  requireRegionRole,
  withDatabaseRules,
} from '@duty/kit';
import type { Kysely } from 'kysely';
import { LegalAidAgency } from '../agencies/schema.js';
import { builder, type Context } from '../builder.js';
import type { JusticeDatabase } from '../db.js';
import { Lawyer } from '../lawyers/schema.js';
import { findLawyerByLicense } from '../roster/queries.js';
import { findWorkstationsByIds } from '../workstations/queries.js';
import { DutyMode, Workstation } from '../workstations/schema.js';
import type { DutyMode as DutyModeValue } from '../workstations/table.js';
import { generateSchedule, toShiftRow } from './generator.js';
import {
  findBoard,
  findChangesByShifts,
  findScheduled,
  findShiftsByIds,
  listUnstaffed,
  recordShiftChange,
} from './queries.js';
import type { DutyShiftChange as ChangeRow, DutyShift as ShiftRow } from './table.js';

export const SHIFT_RULES = {
  duty_shift_no_double_booking: {
    code: 'CONFLICT',
    message: '该律师在这一时段已有值班安排，不能同时在两处值班',
  },
  duty_shift_lawyer_on_roster: {
    code: 'BAD_USER_INPUT',
    message: '该律师不在名册中（或已暂停、除名），不能排班',
  },
  duty_shift_not_in_past: { code: 'BAD_USER_INPUT', message: '不能安排或调整已经过去的班次' },
  duty_shift_lawyer_monthly_limit: { code: 'CONFLICT', message: '该律师本月此类值班次数已达上限' },
  duty_shift_span: { code: 'BAD_USER_INPUT', message: '班次结束时间须晚于开始时间，且不超过 24 小时' },
} as const;

/** The public board is the hottest read: kept per workstation and day, briefly, and dropped on writes. */
const boardCache = new ExpiringCache<string, Board>(5000);
/** How long a board stays cached (`DUTY_BOARD_CACHE_TTL_MS`, default 30 s; 0 turns the cache off). */
const boardTtlMs = () => Number(process.env.DUTY_BOARD_CACHE_TTL_MS ?? 30_000);

const MAX_PERIOD_DAYS = 62;
function period(from: string, to: string) {
  if (to < from) throw new DutyError('BAD_USER_INPUT', '结束日期不能早于开始日期', { reason: 'PERIOD' });
  if (addDays(from, MAX_PERIOD_DAYS - 1) < to) {
    throw new DutyError('BAD_USER_INPUT', `时间段最长 ${MAX_PERIOD_DAYS} 天`, { reason: 'PERIOD' });
  }
  return { start: chinaInstant(from), end: chinaInstant(addDays(to, 1)) };
}

export const Assignment = builder.enumType('DutyAssignment', {
  description: 'How the lawyer was assigned (值班安排方式)',
  values: { FIXED: { description: '相对固定专人' }, ROTATION: { description: '轮流值班' } } as const,
});

const ShiftChange = builder.objectRef<ChangeRow>('DutyShiftChange').implement({
  description: 'A swap or cancellation, with its reason (调班、取消记录)',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'SWAP（调班）or CANCEL（取消）' }),
    fromLawyer: t.field({ type: Lawyer, nullable: true, resolve: (c) => c.from_lawyer_id }),
    toLawyer: t.field({ type: Lawyer, nullable: true, resolve: (c) => c.to_lawyer_id }),
    reason: t.exposeString('reason', { description: 'Reason (理由)' }),
    changedBy: t.exposeString('changed_by'),
    changedAt: t.expose('changed_at', { type: 'DateTime' }),
  }),
});

export const DutyShift = builder.loadableObject('DutyShift', {
  description: 'A duty shift at a workstation (值班班次); no lawyer means nobody covers it yet',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findShiftsByIds(ctx.db, ids), (r) => r.id, '班次'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    workstation: t.field({ type: Workstation, resolve: (s) => s.workstation_id }),
    lawyer: t.field({
      type: Lawyer,
      nullable: true,
      description: 'Duty lawyer (值班律师)',
      resolve: (s) => s.lawyer_id,
    }),
    startsAt: t.expose('starts_at', { type: 'DateTime', description: 'Starts (开始时间)' }),
    endsAt: t.expose('ends_at', { type: 'DateTime', description: 'Ends (结束时间)' }),
    mode: t.expose('mode', { type: DutyMode, description: 'Duty mode (值班方式)' }),
    assignment: t.expose('assignment', { type: Assignment }),
    cancelled: t.boolean({ resolve: (s) => s.status === 'CANCELLED' }),
    cancelReason: t.exposeString('cancel_reason', { nullable: true }),
    lentFrom: t.field({
      type: LegalAidAgency,
      nullable: true,
      description: 'Lending agency, for a lawyer lent from another region (统筹调配：借出机构)',
      resolve: (s) => s.lent_from_agency_id,
    }),
    changes: t.loadableList({
      type: ShiftChange,
      nullable: true,
      description: 'Swaps and cancellations (调班、取消记录)；legal aid staff only',
      authScopes: { anyRole: LEGAL_AID_STAFF },
      load: async (ids: string[], ctx: Context) =>
        groupByKeys(ids, await findChangesByShifts(ctx.db, ids), (c) => c.shift_id),
      resolve: (s) => s.id,
    }),
  }),
});

builder.objectField(Workstation, 'shifts', (t) =>
  t.loadableList({
    type: DutyShift,
    // Nullable: only legal aid staff and the organs of the workstation's region read its schedule.
    nullable: true,
    description:
      "Scheduled shifts in a period (时段内的排班)；legal aid staff and organs of the workstation's region",
    authScopes: (w) => ({ $all: { anyRole: [...LEGAL_AID_STAFF, ...ORGAN_STAFF], inRegion: w.region_code } }),
    byPath: true,
    args: {
      from: t.arg({ type: 'LocalDate', required: true, description: 'First day (起始日期)' }),
      to: t.arg({ type: 'LocalDate', required: true, description: 'Last day, inclusive (截止日期，含当日)' }),
    },
    load: async (ids: string[], ctx: Context, args: { from: string; to: string }) => {
      const { start, end } = period(args.from, args.to);
      return groupByKeys(
        ids,
        await findScheduled(ctx.db, 'workstation_id', ids, start, end),
        (s) => s.workstation_id,
      );
    },
    resolve: (w) => w.id,
  }),
);

builder.objectField(Lawyer, 'shifts', (t) =>
  t.loadableList({
    type: DutyShift,
    nullable: true,
    description:
      "The lawyer's shifts in a period (律师排班)；the lawyer, legal aid staff and organs of the region",
    byPath: true,
    authScopes: (l) => ({
      $any: {
        lawyer: l.id,
        $all: { anyRole: [...LEGAL_AID_STAFF, ...ORGAN_STAFF], inRegion: l.region_code },
      },
    }),
    args: {
      from: t.arg({ type: 'LocalDate', required: true, description: 'First day (起始日期)' }),
      to: t.arg({ type: 'LocalDate', required: true, description: 'Last day, inclusive (截止日期，含当日)' }),
    },
    load: async (ids: string[], ctx: Context, args: { from: string; to: string }) => {
      const { start, end } = period(args.from, args.to);
      return groupByKeys(ids, await findScheduled(ctx.db, 'lawyer_id', ids, start, end), (s) => s.lawyer_id);
    },
    resolve: (l) => l.id,
  }),
);

builder.queryFields((t) => ({
  myShifts: t.field({
    type: [DutyShift],
    nullable: true,
    description: "A duty lawyer's own schedule (我的排班)",
    authScopes: { anyRole: ['DUTY_LAWYER'] },
    args: {
      from: t.arg({ type: 'LocalDate', required: true, description: 'First day (起始日期)' }),
      to: t.arg({ type: 'LocalDate', required: true, description: 'Last day, inclusive (截止日期，含当日)' }),
    },
    resolve: async (_root, args, ctx) => {
      const { start, end } = period(args.from, args.to);
      if (!ctx.principal?.lawyerId) throw new DutyError('FORBIDDEN', '当前账号未关联律师');
      return findScheduled(ctx.db, 'lawyer_id', [ctx.principal.lawyerId], start, end);
    },
  }),
  coverage: t.connection(
    {
      type: DutyShift,
      nullable: true,
      description: 'Slots nobody covers in a region and period (排班缺口)',
      authScopes: { anyRole: LEGAL_AID_STAFF },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
        from: t.arg({ type: 'LocalDate', required: true, description: 'First day (起始日期)' }),
        to: t.arg({
          type: 'LocalDate',
          required: true,
          description: 'Last day, inclusive (截止日期，含当日)',
        }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        const { start, end } = period(args.from, args.to);
        return pageByKey(
          args,
          (s: ShiftRow) => s.id,
          (page) => listUnstaffed(ctx.db, { regionPrefix, from: start, to: end }, page),
        );
      },
    },
    { name: 'CoverageConnection', description: 'A page of uncovered slots (排班缺口分页列表)' },
    { name: 'CoverageEdge' },
  ),
}));

// ---- writes -------------------------------------------------------------------------------

const reason = reasonRule;

async function workstationForWrite(ctx: Context, db: Kysely<JusticeDatabase>, id: string, what: string) {
  const [ws] = await findWorkstationsByIds(db, [id]);
  if (!ws) throw new DutyError('NOT_FOUND', `未找到法律援助工作站（编号 ${id}）`);
  return { ws, principal: requireRegionRole(ctx, LEGAL_AID_STAFF, ws.region_code, what) };
}

async function lawyerByLicense(db: Kysely<JusticeDatabase>, licenseNo: string) {
  const lawyer = await findLawyerByLicense(db, licenseNo);
  if (!lawyer) throw new DutyError('NOT_FOUND', `未找到执业证号为 ${licenseNo} 的律师`);
  return lawyer;
}

/**
 * Changes one shift in a transaction: locks it, checks the caller may manage its workstation,
 * applies the change and records it with its reason. Database rules (the new lawyer's roster
 * standing, overlaps, limits) hold inside the same transaction.
 */
async function changeShift(
  ctx: Context,
  shiftId: string,
  change: (
    trx: Kysely<JusticeDatabase>,
    shift: ShiftRow,
    agencyId: string,
  ) => Promise<{ set: Partial<ShiftRow>; kind: 'SWAP' | 'CANCEL'; toLawyerId: string | null }>,
  reasonText: string,
) {
  const id = await withDatabaseRules(SHIFT_RULES, () =>
    ctx.db.transaction().execute(async (trx) => {
      const shift = await trx
        .selectFrom('duty_shift')
        .selectAll()
        .where('id', '=', shiftId)
        .forUpdate()
        .executeTakeFirst();
      if (!shift) throw new DutyError('NOT_FOUND', `未找到班次（编号 ${shiftId}）`);
      if (shift.status === 'CANCELLED')
        throw new DutyError('CONFLICT', '该班次已取消', { reason: 'CANCELLED' });
      const { ws, principal } = await workstationForWrite(
        ctx,
        trx,
        shift.workstation_id,
        '调整该工作站的排班',
      );
      const { set, kind, toLawyerId } = await change(trx, shift, ws.agency_id);
      await trx.updateTable('duty_shift').set(set).where('id', '=', shift.id).execute();
      await recordShiftChange(trx, {
        shift_id: shift.id,
        kind,
        from_lawyer_id: shift.lawyer_id,
        to_lawyer_id: toLawyerId,
        reason: reasonText,
        changed_by: principal.userId,
      });
      return shift.id;
    }),
  );
  boardCache.clear();
  return id;
}

const ScheduleSummary = builder
  .objectRef<{
    slots: number;
    staffed: number;
    onSite: number;
    remote: number;
    lent: number;
    uncovered: ShiftRow[];
  }>('ScheduleSummary')
  .implement({
    description: 'What a schedule generation did (排班生成结果)',
    fields: (t) => ({
      slots: t.exposeInt('slots', { description: 'Slots planned (计划班次数)' }),
      staffed: t.exposeInt('staffed', { description: 'Slots with a lawyer (已安排)' }),
      onSite: t.exposeInt('onSite', { description: 'On site (现场值班)' }),
      remote: t.exposeInt('remote', { description: 'By phone or online (电话、网络值班)' }),
      lent: t.exposeInt('lent', { description: 'By lawyers lent from other agencies (跨区域调配)' }),
      uncovered: t.field({
        type: [DutyShift],
        description: 'Slots left uncovered (未能安排的班次)',
        resolve: (s) => s.uncovered,
      }),
    }),
  });

builder.mutationFields((t) => ({
  createShift: t.field({
    type: DutyShift,
    description: 'Add a shift by hand (手工排班)；no lawyer leaves the slot open',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      workstationId: t.arg.id({ required: true }),
      lawyerLicenseNo: t.arg({ type: 'LawyerLicenseNo', description: 'Duty lawyer (值班律师执业证号)' }),
      startsAt: t.arg({ type: 'DateTime', required: true }),
      endsAt: t.arg({ type: 'DateTime', required: true }),
      mode: t.arg({ type: DutyMode, required: true }),
      assignment: t.arg({ type: Assignment, defaultValue: 'ROTATION' }),
    },
    resolve: async (_root, args, ctx) => {
      const { ws, principal } = await workstationForWrite(
        ctx,
        ctx.db,
        String(args.workstationId),
        '为该工作站排班',
      );
      if (!ws.duty_modes.includes(args.mode as DutyModeValue)) {
        throw new DutyError('BAD_USER_INPUT', '该工作站不提供这种值班方式', { reason: 'MODE' });
      }
      if (args.startsAt.getTime() < Date.now())
        throw new DutyError('BAD_USER_INPUT', SHIFT_RULES.duty_shift_not_in_past.message);
      const lawyer = args.lawyerLicenseNo ? await lawyerByLicense(ctx.db, args.lawyerLicenseNo) : undefined;
      // Other agencies' lawyers are lent by staff whose region covers both.
      if (lawyer) requireRegionRole(ctx, LEGAL_AID_STAFF, lawyer.region_code, '安排其他辖区的律师');
      const id = randomUUID();
      await withDatabaseRules(SHIFT_RULES, () =>
        ctx.db
          .insertInto('duty_shift')
          .values({
            id,
            workstation_id: ws.id,
            lawyer_id: lawyer?.id ?? null,
            starts_at: args.startsAt,
            ends_at: args.endsAt,
            mode: args.mode,
            assignment: args.assignment ?? 'ROTATION',
            lent_from_agency_id: lawyer && lawyer.agency_id !== ws.agency_id ? lawyer.agency_id : null,
            created_by: principal.userId,
          })
          .execute(),
      );
      boardCache.clear();
      return id;
    },
  }),
  swapShift: t.field({
    type: DutyShift,
    description: 'Give a shift to another lawyer, with the reason (调班)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      shiftId: t.arg.id({ required: true }),
      toLawyerLicenseNo: t.arg({ type: 'LawyerLicenseNo', required: true }),
      reason: t.arg.string({ required: true, validate: reason }),
    },
    resolve: (_root, args, ctx) =>
      changeShift(
        ctx,
        String(args.shiftId),
        async (trx, shift, agencyId) => {
          const to = await lawyerByLicense(trx, args.toLawyerLicenseNo);
          requireRegionRole(ctx, LEGAL_AID_STAFF, to.region_code, '安排其他辖区的律师');
          if (to.id === shift.lawyer_id) throw new DutyError('BAD_USER_INPUT', '调班对象与原值班律师相同');
          return {
            set: { lawyer_id: to.id, lent_from_agency_id: to.agency_id !== agencyId ? to.agency_id : null },
            kind: 'SWAP',
            toLawyerId: to.id,
          };
        },
        args.reason,
      ),
  }),
  cancelShift: t.field({
    type: DutyShift,
    description: 'Cancel a shift, with the reason (取消班次)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      shiftId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, validate: reason }),
    },
    resolve: (_root, args, ctx) =>
      changeShift(
        ctx,
        String(args.shiftId),
        async () => ({
          set: { status: 'CANCELLED', cancel_reason: args.reason },
          kind: 'CANCEL',
          toLawyerId: null,
        }),
        args.reason,
      ),
  }),
  generateSchedule: t.field({
    type: ScheduleSummary,
    description:
      'Generate the schedule of a region for a period from demand and supply (按需求与律师资源生成排班)；adds to what is planned, never doubles it',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
      from: t.arg({ type: 'LocalDate', required: true, description: 'First day (起始日期)' }),
      to: t.arg({ type: 'LocalDate', required: true, description: 'Last day, inclusive (截止日期，含当日)' }),
      dryRun: t.arg.boolean({
        defaultValue: false,
        description: 'Only report what would be planned (仅预览)',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const region = args.regionCode ?? ctx.principal?.regionCode ?? '';
      const principal = requireRegionRole(ctx, LEGAL_AID_STAFF, region, '为该辖区排班');
      period(args.from, args.to);
      if (args.from < chinaToday())
        throw new DutyError('BAD_USER_INPUT', SHIFT_RULES.duty_shift_not_in_past.message);
      const { plan, summary } = await withDatabaseRules(SHIFT_RULES, () =>
        generateSchedule(ctx.db, {
          regionPrefix: listRegionPrefix(ctx, region),
          from: args.from,
          to: args.to,
          createdBy: principal.userId,
          dryRun: args.dryRun ?? false,
        }),
      );
      if (!args.dryRun) boardCache.clear();
      const asRow = (p: (typeof plan)[number]): ShiftRow => ({
        ...toShiftRow(p, principal.userId),
        status: 'SCHEDULED',
        cancel_reason: null,
        created_at: new Date(),
      });
      return { ...summary, uncovered: summary.uncovered.map(asRow) };
    },
  }),
}));

// ---- the public notice board (art. 3) -----------------------------------------------------

interface Board {
  id: string;
  name: string;
  agencyName: string;
  address: string;
  phone: string;
  agencyPhone: string;
  openingHours: string;
  dutyModes: DutyModeValue[];
  legalAidScope: string;
  legalAidConditions: string;
  dutyLawyerDuties: string;
  date: string;
  dutyLawyers: { name: string; licenseNo: string; mode: DutyModeValue; startsAt: Date; endsAt: Date }[];
}

const BoardDutyLawyer = builder.objectRef<Board['dutyLawyers'][number]>('BoardDutyLawyer').implement({
  description: "Today's duty lawyer as the board shows them (当日值班律师：姓名、执业证号、方式、时间)",
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Name (姓名)' }),
    licenseNo: t.expose('licenseNo', {
      type: 'LawyerLicenseNo',
      description: 'Practice license number (执业证号)',
    }),
    mode: t.expose('mode', { type: DutyMode, description: 'Duty mode (值班方式)' }),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    hours: t.string({
      description: 'Hours, China time (值班时间), e.g. "09:00-12:00"',
      resolve: (d) => `${hhmm(d.startsAt)}-${hhmm(d.endsAt)}`,
    }),
  }),
});
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(11, 16);

const BoardRef = builder.objectRef<Board>('WorkstationBoard').implement({
  description:
    'A workstation notice board, public (法律援助工作站公示栏：标牌、援助范围和条件、值班律师职责、当日值班律师)',
  fields: (t) => ({
    workstationId: t.exposeID('id'),
    sign: t.exposeString('name', { description: 'The sign (标牌名称)' }),
    agencyName: t.exposeString('agencyName', { description: 'Legal aid agency (法律援助机构)' }),
    address: t.exposeString('address', { description: 'Address (地址)' }),
    phone: t.expose('phone', { type: 'PhoneNumber', description: 'Contact telephone (联系电话)' }),
    agencyPhone: t.expose('agencyPhone', {
      type: 'PhoneNumber',
      description: 'Agency telephone (法律援助机构电话)',
    }),
    openingHours: t.exposeString('openingHours', { description: 'Opening hours (值班时间)' }),
    dutyModes: t.expose('dutyModes', { type: [DutyMode], description: 'Duty modes (值班方式)' }),
    legalAidScope: t.exposeString('legalAidScope', { description: 'Scope of legal aid (法律援助范围)' }),
    legalAidConditions: t.exposeString('legalAidConditions', {
      description: 'Conditions of legal aid (法律援助条件)',
    }),
    dutyLawyerDuties: t.exposeString('dutyLawyerDuties', {
      description: "The duty lawyer's duties (值班律师工作职责)",
    }),
    date: t.expose('date', { type: 'LocalDate', description: 'The day shown (公示日期)' }),
    dutyLawyers: t.expose('dutyLawyers', {
      type: [BoardDutyLawyer],
      description: "Today's duty lawyers (当日值班律师)",
    }),
  }),
});

builder.queryField('workstationBoard', (t) =>
  t.field({
    type: BoardRef,
    nullable: true,
    description: "A workstation's public notice board, readable without signing in (工作站公示栏，无需登录)",
    args: {
      workstationId: t.arg.id({ required: true }),
      date: t.arg({ type: 'LocalDate', description: '默认今天' }),
    },
    resolve: async (_root, args, ctx) => {
      const today = chinaToday();
      const date = args.date ?? today;
      // The board shows the day's duty (art. 3) and the week ahead, not the whole future roster.
      if (date < today || date > addDays(today, 7)) {
        throw new DutyError('BAD_USER_INPUT', '公示栏只显示今天起 7 天内的值班安排', {
          reason: 'BOARD_DATE',
        });
      }
      const key = `${args.workstationId}|${date}`;
      const hit = boardTtlMs() > 0 ? boardCache.get(key) : undefined;
      if (hit) return hit;
      const rows = await findBoard(
        ctx.db,
        String(args.workstationId),
        chinaInstant(date),
        chinaInstant(addDays(date, 1)),
      );
      const [first] = rows;
      if (!first) throw new DutyError('NOT_FOUND', `未找到法律援助工作站（编号 ${args.workstationId}）`);
      const board: Board = {
        id: first.id,
        name: first.name,
        agencyName: first.agency_name,
        address: first.address,
        phone: first.phone,
        agencyPhone: first.agency_phone,
        openingHours: first.opening_hours,
        dutyModes: first.duty_modes,
        legalAidScope: first.legal_aid_scope,
        legalAidConditions: first.legal_aid_conditions,
        dutyLawyerDuties: first.duty_lawyer_duties,
        date,
        dutyLawyers: rows.flatMap((r) =>
          r.lawyer_name && r.license_no && r.mode && r.starts_at && r.ends_at
            ? [
                {
                  name: r.lawyer_name,
                  licenseNo: r.license_no,
                  mode: r.mode,
                  startsAt: r.starts_at,
                  endsAt: r.ends_at,
                },
              ]
            : [],
        ),
      };
      if (boardTtlMs() > 0) boardCache.set(key, board, Date.now() + boardTtlMs());
      return board;
    },
  }),
);

/** Cleared by workstation writes too (their notice is on the board). */
export const forgetBoards = () => boardCache.clear();
