import { byKeys, groupByKeys, listRegionPrefix, organFields, pageByKey } from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { PoliceOrgan } from '../police-organs/schema.js';
import { findDetentionCentersByIds, findDetentionCentersByOrgans, listDetentionCenters } from './queries.js';
import type { DetentionCenter as DetentionCenterRow } from './table.js';

export const DetentionCenter = builder.loadableObject('DetentionCenter', {
  description: 'Detention center (看守所), run by a public security organ',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findDetentionCentersByIds(ctx.db, ids), (r) => r.id, '看守所'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    ...organFields(t),
    capacity: t.exposeInt('capacity', { description: 'Capacity in persons (设计容量，人)' }),
    policeOrgan: t.field({
      type: PoliceOrgan,
      description: 'The public security organ running it (主管公安机关)',
      resolve: (c) => c.police_organ_id,
    }),
  }),
});

builder.asEntity(DetentionCenter, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => DetentionCenter.getDataloader(ctx).load(ref.id),
});

builder.objectField(PoliceOrgan, 'detentionCenters', (t) =>
  t.loadableList({
    type: DetentionCenter,
    description: 'Detention centers this organ runs (所辖看守所)',
    load: async (organIds: string[], ctx: Context) =>
      groupByKeys(organIds, await findDetentionCentersByOrgans(ctx.db, organIds), (c) => c.police_organ_id),
    resolve: (o) => o.id,
  }),
);

builder.queryFields((t) => ({
  detentionCenter: t.field({
    type: DetentionCenter,
    nullable: true,
    description: 'One detention center by id (按编号查询看守所)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }) => String(id),
  }),
  detentionCenters: t.connection(
    {
      type: DetentionCenter,
      // Nullable: if this agency's subgraph fails, the other agencies' fields still come back.
      nullable: true,
      description: "Detention centers in a region, the caller's own by default (辖区内的看守所)",
      authScopes: { signedIn: true },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (c: DetentionCenterRow) => c.id,
          (page) => listDetentionCenters(ctx.db, regionPrefix, page),
        );
      },
    },
    { name: 'DetentionCenterConnection', description: 'A page of detention centers (看守所分页列表)' },
    { name: 'DetentionCenterEdge' },
  ),
}));
