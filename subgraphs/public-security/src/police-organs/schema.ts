import { byKeys, listRegionPrefix, organFields, pageByKey, regionLevelEnum } from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { findPoliceOrgansByIds, listPoliceOrgans } from './queries.js';
import type { PoliceOrgan as PoliceOrganRow } from './table.js';

export const RegionLevel = regionLevelEnum(builder);

export const PoliceOrganKind = builder.enumType('PoliceOrganKind', {
  description: 'Kind of organ (机关类别)',
  values: {
    PUBLIC_SECURITY: { description: '公安机关' },
    STATE_SECURITY: { description: '国家安全机关（依照公安机关的规定办理，意见第十条）' },
  } as const,
});

export const PoliceOrgan = builder.loadableObject('PoliceOrgan', {
  description: 'Public security or state security organ (公安机关、国家安全机关)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findPoliceOrgansByIds(ctx.db, ids), (r) => r.id, '公安（国家安全）机关'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    ...organFields(t),
    kind: t.expose('kind', { type: PoliceOrganKind, description: 'Kind (类别)' }),
    level: t.expose('level', { type: RegionLevel, description: 'Level (级别)' }),
  }),
});

builder.objectField(PoliceOrgan, 'parentOrgan', (t) =>
  t.field({
    type: PoliceOrgan,
    nullable: true,
    description: 'The organ one level up (上级机关)',
    resolve: (o) => o.parent_id,
  }),
);

builder.asEntity(PoliceOrgan, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => PoliceOrgan.getDataloader(ctx).load(ref.id),
});

builder.queryFields((t) => ({
  policeOrgan: t.field({
    type: PoliceOrgan,
    nullable: true,
    description: 'One police or state security organ by id (按编号查询公安、国家安全机关)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }) => String(id),
  }),
  policeOrgans: t.connection(
    {
      type: PoliceOrgan,
      // Nullable: if this agency's subgraph fails, the other agencies' fields still come back.
      nullable: true,
      description:
        "Police and state security organs in a region, the caller's own by default (辖区内的公安、国家安全机关)",
      authScopes: { signedIn: true },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
        kind: t.arg({ type: PoliceOrganKind }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (o: PoliceOrganRow) => o.id,
          (page) => listPoliceOrgans(ctx.db, { regionPrefix, kind: args.kind }, page),
        );
      },
    },
    { name: 'PoliceOrganConnection', description: 'A page of organs (机关分页列表)' },
    { name: 'PoliceOrganEdge' },
  ),
}));
