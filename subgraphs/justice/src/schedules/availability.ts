import { chinaToday, DutyError, LEGAL_AID_STAFF, requireRegionRole } from '@duty/kit';
import { z } from 'zod';
import { builder } from '../builder.js';
import { Lawyer } from '../lawyers/schema.js';
import { findLawyerByLicense } from '../roster/queries.js';
import { findWorkstationsByIds } from '../workstations/queries.js';
import { Workstation } from '../workstations/schema.js';
import { Assignment, forgetBoards } from './schema.js';

builder.objectFields(Workstation, (t) => ({
  assignment: t.expose('assignment', {
    type: Assignment,
    description: 'Fixed lawyers or rotation (值班安排方式)',
  }),
  fixedLawyers: t.field({
    type: [Lawyer],
    description: 'Fixed duty lawyers, in order of preference (固定值班律师)',
    resolve: (w) => w.fixed_lawyer_ids,
  }),
}));

builder.objectFields(Lawyer, (t) => ({
  maxOnSitePerMonth: t.exposeInt('max_on_site_per_month', {
    description: 'On-site shifts a month at most (每月现场值班上限)',
  }),
  maxRemotePerMonth: t.exposeInt('max_remote_per_month', {
    description: 'Phone/online shifts a month at most (每月电话、网络值班上限)',
  }),
}));

/** The supply side of scheduling: each lawyer's monthly limits and days away, and fixed posts. */
builder.mutationFields((t) => ({
  setLawyerAvailability: t.field({
    type: Lawyer,
    description: "Set a lawyer's monthly duty limits and days they cannot serve (律师值班上限与不可值班日期)",
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      licenseNo: t.arg({ type: 'LawyerLicenseNo', required: true }),
      maxOnSitePerMonth: t.arg.int({ validate: z.number().int().min(0).max(62, '每月最多 62 个班次') }),
      maxRemotePerMonth: t.arg.int({ validate: z.number().int().min(0).max(62, '每月最多 62 个班次') }),
      unavailableDates: t.arg({
        type: ['LocalDate'],
        description: 'Replaces the future days away (不可值班日期，替换今后的全部日期)',
        validate: z.array(z.string()).max(366, '最多 366 天'),
      }),
      reason: t.arg.string({ validate: z.string().trim().max(200, '说明最多 200 字') }),
    },
    resolve: async (_root, args, ctx) => {
      const lawyer = await findLawyerByLicense(ctx.db, args.licenseNo);
      if (!lawyer) throw new DutyError('NOT_FOUND', `未找到执业证号为 ${args.licenseNo} 的律师`);
      requireRegionRole(ctx, LEGAL_AID_STAFF, lawyer.region_code, '管理该律师的值班安排');
      const today = chinaToday();
      if (args.unavailableDates?.some((d) => d < today)) {
        throw new DutyError('BAD_USER_INPUT', '不可值班日期不能早于今天', { reason: 'PAST_DATE' });
      }
      await ctx.db.transaction().execute(async (trx) => {
        const limits = {
          ...(args.maxOnSitePerMonth != null && { max_on_site_per_month: args.maxOnSitePerMonth }),
          ...(args.maxRemotePerMonth != null && { max_remote_per_month: args.maxRemotePerMonth }),
        };
        if (Object.keys(limits).length)
          await trx.updateTable('lawyer').set(limits).where('id', '=', lawyer.id).execute();
        if (args.unavailableDates) {
          await trx
            .deleteFrom('lawyer_unavailable_date')
            .where('lawyer_id', '=', lawyer.id)
            .where('date', '>=', today)
            .execute();
          const dates = [...new Set(args.unavailableDates)];
          if (dates.length) {
            await trx
              .insertInto('lawyer_unavailable_date')
              .values(dates.map((date) => ({ lawyer_id: lawyer.id, date, reason: args.reason ?? '' })))
              .execute();
          }
        }
      });
      return lawyer.id;
    },
  }),
  setWorkstationAssignment: t.field({
    type: Workstation,
    description: 'Fixed lawyers or rotation at a workstation (相对固定专人或轮流值班)',
    authScopes: { anyRole: LEGAL_AID_STAFF },
    args: {
      workstationId: t.arg.id({ required: true }),
      assignment: t.arg({ type: Assignment, required: true }),
      fixedLawyerLicenseNos: t.arg({
        type: ['LawyerLicenseNo'],
        description: 'For FIXED, in order of preference (固定值班律师)',
      }),
      plannedDailyDemand: t.arg.int({ validate: z.number().int().min(0).max(20, '每时段最多 20 人') }),
    },
    resolve: async (_root, args, ctx) => {
      const [ws] = await findWorkstationsByIds(ctx.db, [String(args.workstationId)]);
      if (!ws) throw new DutyError('NOT_FOUND', `未找到法律援助工作站（编号 ${args.workstationId}）`);
      requireRegionRole(ctx, LEGAL_AID_STAFF, ws.region_code, '调整该工作站的值班安排');
      const licenses = args.fixedLawyerLicenseNos ?? [];
      if (args.assignment === 'FIXED' && !licenses.length) {
        throw new DutyError('BAD_USER_INPUT', '相对固定专人值班须指定至少一名律师', {
          reason: 'FIXED_WITHOUT_LAWYERS',
        });
      }
      const ids: string[] = [];
      for (const licenseNo of licenses) {
        const lawyer = await findLawyerByLicense(ctx.db, licenseNo);
        if (!lawyer) throw new DutyError('NOT_FOUND', `未找到执业证号为 ${licenseNo} 的律师`);
        ids.push(lawyer.id);
      }
      await ctx.db
        .updateTable('workstation')
        .set({
          assignment: args.assignment,
          fixed_lawyer_ids: ids,
          ...(args.plannedDailyDemand != null && { planned_daily_demand: args.plannedDailyDemand }),
        })
        .where('id', '=', ws.id)
        .execute();
      forgetBoards();
      return ws.id;
    },
  }),
}));
