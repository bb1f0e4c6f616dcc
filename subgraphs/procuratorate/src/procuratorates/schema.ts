import { byKeys, listRegionPrefix, organFields, pageByKey, regionLevelEnum } from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { findProcuratoratesByIds, listProcuratorates } from './queries.js';
import type { Procuratorate as ProcuratorateRow } from './table.js';

const RegionLevel = regionLevelEnum(builder);

export const Procuratorate = builder.loadableObject('Procuratorate', {
  description: "People's procuratorate (人民检察院)",
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findProcuratoratesByIds(ctx.db, ids), (r) => r.id, '检察院'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    ...organFields(t),
    level: t.expose('level', { type: RegionLevel, description: 'Level (级别)' }),
  }),
});

builder.objectField(Procuratorate, 'parentProcuratorate', (t) =>
  t.field({
    type: Procuratorate,
    nullable: true,
    description: 'The procuratorate one level up (上级检察院)',
    resolve: (p) => p.parent_id,
  }),
);

builder.asEntity(Procuratorate, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => Procuratorate.getDataloader(ctx).load(ref.id),
});

builder.queryFields((t) => ({
  procuratorate: t.field({
    type: Procuratorate,
    nullable: true,
    description: 'One procuratorate by id (按编号查询检察院)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }) => String(id),
  }),
  procuratorates: t.connection(
    {
      type: Procuratorate,
      // Nullable: if this agency's subgraph fails, the other agencies' fields still come back.
      nullable: true,
      description: "Procuratorates in a region, the caller's own by default (辖区内的检察院)",
      authScopes: { signedIn: true },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (p: ProcuratorateRow) => p.id,
          (page) => listProcuratorates(ctx.db, regionPrefix, page),
        );
      },
    },
    { name: 'ProcuratorateConnection', description: 'A page of procuratorates (检察院分页列表)' },
    { name: 'ProcuratorateEdge' },
  ),
}));
