import { randomUUID } from 'node:crypto';
import { DutyError, LEGAL_AID_STAFF, requireRegionRole, withDatabaseRules } from '@duty/kit';
import { z } from 'zod';
import { findAgenciesByIds } from '../agencies/queries.js';
import { builder } from '../builder.js';
import { findOrgan } from '../organs/lookup.js';
import { forgetBoards } from '../schedules/schema.js';
import { DEFAULT_NOTICE } from './notice.js';
import { findWorkstationsByIds } from './queries.js';
import { DutyMode, HostKind, Workstation } from './schema.js';
import type { DutySlot } from './table.js';

const SLOT = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const slotsSchema = z
  .array(z.string().regex(SLOT, '值班时段格式应为 HH:MM-HH:MM'))
  .min(1, '至少一个值班时段')
  .max(6, '最多 6 个值班时段');
function parseSlots(slots: readonly string[]): DutySlot[] {
  const parsed = slots.map((s) => {
    const [start = '', end = ''] = s.split('-');
    if (end <= start) throw new DutyError('BAD_USER_INPUT', `值班时段 ${s} 的结束时间须晚于开始时间`);
    return { start, end };
  });
  return parsed.sort((a, b) => a.start.localeCompare(b.start));
}

const text = (max: number, label: string) =>
  z.string().trim().min(2, `${label}至少 2 个字`).max(max, `${label}最多 ${max} 字`);

const WORKSTATION_RULES = {
  workstation_host_once: { code: 'CONFLICT', message: '该派驻单位已有同名工作站' },
} as const;

const NoticeFields = {
  legalAidScope: z.string().trim().max(2000, '法律援助范围最多 2000 字'),
  legalAidConditions: z.string().trim().max(2000, '法律援助条件最多 2000 字'),
  dutyLawyerDuties: z.string().trim().max(2000, '值班律师职责最多 2000 字'),
};

builder.mutationFields((t) => ({
  createWorkstation: t.field({
    type: Workstation,
    description: 'Set up a workstation at a court, procuratorate or detention center (设立法律援助工作站)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      hostKind: t.arg({ type: HostKind, required: true }),
      hostId: t.arg.id({ required: true, description: 'The host in its own subgraph (派驻单位编号)' }),
      agencyId: t.arg.id({ description: 'Agency (法律援助机构)；默认为本人所在机构' }),
      name: t.arg.string({
        validate: text(100, '名称'),
        description: '默认为“派驻单位名称 + 法律援助工作站”',
      }),
      dutyModes: t.arg({
        type: [DutyMode],
        required: true,
        validate: z.array(z.string()).min(1, '至少一种值班方式'),
      }),
      openingHours: t.arg.string({ required: true, validate: text(200, '值班时间') }),
      slots: t.arg.stringList({ required: true, validate: slotsSchema }),
      phone: t.arg({ type: 'PhoneNumber', required: true }),
      plannedDailyDemand: t.arg.int({
        defaultValue: 1,
        validate: z.number().int().min(0).max(20, '每时段最多 20 人'),
      }),
    },
    resolve: async (_root, args, ctx) => {
      const agencyId = String(args.agencyId ?? ctx.principal?.agencyId ?? '');
      const [agency] = await findAgenciesByIds(ctx.db, [agencyId]);
      if (!agency) throw new DutyError('NOT_FOUND', `未找到法律援助机构（编号 ${agencyId}）`);
      requireRegionRole(ctx, LEGAL_AID_STAFF, agency.region_code, '为该机构设立工作站');
      const host = await findOrgan(ctx, args.hostKind, String(args.hostId), 'HOST_NOT_FOUND');
      requireRegionRole(ctx, LEGAL_AID_STAFF, host.regionCode, '在该派驻单位设立工作站');
      const id = randomUUID();
      await withDatabaseRules(WORKSTATION_RULES, () =>
        ctx.db
          .insertInto('workstation')
          .values({
            id,
            name: args.name ?? `${host.name}法律援助工作站`,
            agency_id: agency.id,
            host_kind: args.hostKind,
            host_id: host.id,
            region_code: host.regionCode,
            address: `${host.address}（${host.name}内）`,
            phone: args.phone,
            duty_modes: [...new Set(args.dutyModes)],
            opening_hours: args.openingHours,
            slots: JSON.stringify(parseSlots(args.slots)) as never,
            planned_daily_demand: args.plannedDailyDemand ?? 1,
            legal_aid_scope: DEFAULT_NOTICE.legalAidScope,
            legal_aid_conditions: DEFAULT_NOTICE.legalAidConditions,
            duty_lawyer_duties: DEFAULT_NOTICE.dutyLawyerDuties,
          })
          .execute(),
      );
      return id;
    },
  }),
  updateWorkstationNotice: t.field({
    type: Workstation,
    description: "Change what a workstation's public board says (修改工作站公示内容)",
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      workstationId: t.arg.id({ required: true }),
      legalAidScope: t.arg.string({ validate: NoticeFields.legalAidScope }),
      legalAidConditions: t.arg.string({ validate: NoticeFields.legalAidConditions }),
      dutyLawyerDuties: t.arg.string({ validate: NoticeFields.dutyLawyerDuties }),
      openingHours: t.arg.string({ validate: text(200, '值班时间') }),
      phone: t.arg({ type: 'PhoneNumber' }),
    },
    resolve: async (_root, args, ctx) => {
      const [ws] = await findWorkstationsByIds(ctx.db, [String(args.workstationId)]);
      if (!ws) throw new DutyError('NOT_FOUND', `未找到法律援助工作站（编号 ${args.workstationId}）`);
      requireRegionRole(ctx, LEGAL_AID_STAFF, ws.region_code, '修改该工作站的公示');
      const set = {
        ...(args.legalAidScope != null && { legal_aid_scope: args.legalAidScope }),
        ...(args.legalAidConditions != null && { legal_aid_conditions: args.legalAidConditions }),
        ...(args.dutyLawyerDuties != null && { duty_lawyer_duties: args.dutyLawyerDuties }),
        ...(args.openingHours != null && { opening_hours: args.openingHours }),
        ...(args.phone != null && { phone: args.phone }),
      };
      if (!Object.keys(set).length) throw new DutyError('BAD_USER_INPUT', '没有要修改的内容');
      await ctx.db.updateTable('workstation').set(set).where('id', '=', ws.id).execute();
      forgetBoards();
      return ws.id;
    },
  }),
}));
