import { byKeys, listRegionPrefix, organFields, pageByKey } from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { findCourtsByIds, listCourts } from './queries.js';
import type { Court as CourtRow } from './table.js';

export const CourtLevel = builder.enumType('CourtLevel', {
  description: 'Court level (法院级别)',
  values: {
    HIGH: { description: '高级人民法院' },
    INTERMEDIATE: { description: '中级人民法院' },
    BASIC: { description: '基层人民法院' },
  } as const,
});

export const Court = builder.loadableObject('Court', {
  description: "People's court (人民法院)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findCourtsByIds(ctx.db, ids), (r) => r.id, '法院'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    ...organFields(t),
    level: t.expose('level', { type: CourtLevel, description: 'Level (级别)' }),
  }),
});

builder.objectField(Court, 'parentCourt', (t) =>
  t.field({
    type: Court,
    nullable: true,
    description: 'The court one level up (上级法院)',
    resolve: (c) => c.parent_id,
  }),
);

builder.asEntity(Court, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => Court.getDataloader(ctx).load(ref.id),
});

builder.queryFields((t) => ({
  court: t.field({
    type: Court,
    nullable: true,
    description: 'One court by id (按编号查询法院)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }) => String(id),
  }),
  courts: t.connection(
    {
      type: Court,
      // Nullable: if this agency's subgraph fails, the other agencies' fields still come back.
      nullable: true,
      description: "Courts in a region, the caller's own by default (辖区内的法院)",
      authScopes: { signedIn: true },
      args: {
        regionCode: t.arg({
          type: 'RegionCode',
          description: 'Region (行政区划)；默认为本人所在辖区',
        }),
        level: t.arg({ type: CourtLevel }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (c: CourtRow) => c.id,
          (page) => listCourts(ctx.db, { regionPrefix, level: args.level }, page),
        );
      },
    },
    { name: 'CourtConnection', description: 'A page of courts (法院分页列表)' },
    { name: 'CourtEdge' },
  ),
}));
