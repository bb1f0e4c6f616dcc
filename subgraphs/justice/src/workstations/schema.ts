import { byKeys, groupByKeys, listRegionPrefix, organFields, pageByKey } from '@duty/kit';
import { z } from 'zod';
import { LegalAidAgency } from '../agencies/schema.js';
import { builder, type Context } from '../builder.js';
import { findWorkstationsByAgencies, findWorkstationsByIds, listWorkstations } from './queries.js';
import type { Workstation as WorkstationRow } from './table.js';

export const HostKind = builder.enumType('WorkstationHostKind', {
  description: 'Kind of host organ (工作站派驻单位类别)',
  values: {
    COURT: { description: '人民法院' },
    PROCURATORATE: { description: '人民检察院' },
    DETENTION_CENTER: { description: '看守所' },
  } as const,
});

export const DutyMode = builder.enumType('DutyMode', {
  description: 'Duty mode (值班方式)',
  values: {
    ON_SITE: { description: '现场值班' },
    PHONE: { description: '电话值班' },
    ONLINE: { description: '网络值班' },
  } as const,
});

export const Workstation = builder.loadableObject('Workstation', {
  description: 'Legal aid workstation (法律援助工作站)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findWorkstationsByIds(ctx.db, ids), (r) => r.id, '法律援助工作站'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    ...organFields(t),
    agency: t.field({
      type: LegalAidAgency,
      description: 'The legal aid agency running it (设立的法律援助机构)',
      resolve: (w) => w.agency_id,
    }),
    hostKind: t.expose('host_kind', { type: HostKind, description: 'Kind of host (派驻单位类别)' }),
    hostId: t.exposeID('host_id', { description: "The host organ's id in its own subgraph (派驻单位编号)" }),
    dutyModes: t.expose('duty_modes', { type: [DutyMode], description: 'Duty modes offered (值班方式)' }),
    openingHours: t.exposeString('opening_hours', { description: 'Opening hours (值班时间)' }),
    legalAidScope: t.exposeString('legal_aid_scope', {
      description: 'Scope of legal aid, as published (法律援助范围)',
    }),
    legalAidConditions: t.exposeString('legal_aid_conditions', {
      description: 'Conditions of legal aid (法律援助条件)',
    }),
    dutyLawyerDuties: t.exposeString('duty_lawyer_duties', {
      description: "The duty lawyer's duties (值班律师工作职责)",
    }),
    slots: t.stringList({
      description: 'Daily duty slots, China time (每日值班时段), e.g. "09:00-12:00"',
      resolve: (w) => w.slots.map((s) => `${s.start}-${s.end}`),
    }),
    plannedDailyDemand: t.exposeInt('planned_daily_demand', {
      description: 'Lawyers planned per slot while there is no request history (每时段计划值班人数)',
    }),
  }),
});

builder.asEntity(Workstation, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => Workstation.getDataloader(ctx).load(ref.id),
});

builder.objectField(LegalAidAgency, 'workstations', (t) =>
  t.loadableList({
    type: Workstation,
    description: 'Workstations this agency runs (设立的工作站)',
    load: async (agencyIds: string[], ctx: Context) =>
      groupByKeys(agencyIds, await findWorkstationsByAgencies(ctx.db, agencyIds), (w) => w.agency_id),
    resolve: (a) => a.id,
  }),
);

builder.queryFields((t) => ({
  workstationsAtHosts: t.field({
    type: [Workstation],
    description:
      'The workstations at these organs (派驻在这些单位的工作站), e.g. to split organ figures by workstation',
    authScopes: { signedIn: true },
    args: {
      hostIds: t.arg.idList({
        required: true,
        validate: z.array(z.unknown()).max(1000, '一次最多查询 1000 个单位'),
      }),
    },
    resolve: (_root, args, ctx) =>
      ctx.db
        .selectFrom('workstation')
        .selectAll()
        .where('host_id', 'in', [...args.hostIds.map(String), ''])
        .orderBy('id')
        .execute(),
  }),
  workstation: t.field({
    type: Workstation,
    nullable: true,
    description: 'One workstation by id (按编号查询工作站)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }) => String(id),
  }),
  workstations: t.connection(
    {
      type: Workstation,
      // Nullable: if this agency's subgraph fails, the other agencies' fields still come back.
      nullable: true,
      description: "Workstations in a region, the caller's own by default (辖区内的法律援助工作站)",
      authScopes: { signedIn: true },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
        hostKind: t.arg({ type: HostKind }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (w: WorkstationRow) => w.id,
          (page) => listWorkstations(ctx.db, { regionPrefix, hostKind: args.hostKind }, page),
        );
      },
    },
    { name: 'WorkstationConnection', description: 'A page of workstations (工作站分页列表)' },
    { name: 'WorkstationEdge' },
  ),
}));
