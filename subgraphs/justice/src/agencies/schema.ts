import { byKeys, groupByKeys, listRegionPrefix, organFields, pageByKey, regionLevelEnum } from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { findAgenciesByBureaus, findAgenciesByIds, findBureausByIds, listAgencies } from './queries.js';
import type { LegalAidAgency as AgencyRow } from './table.js';

export const RegionLevel = regionLevelEnum(builder);

export const JusticeBureau = builder.loadableObject('JusticeBureau', {
  description: 'Justice bureau (司法行政机关：司法厅、司法局)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findBureausByIds(ctx.db, ids), (r) => r.id, '司法行政机关'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    ...organFields(t),
    level: t.expose('level', { type: RegionLevel, description: 'Level (级别)' }),
  }),
});

export const LegalAidAgency = builder.loadableObject('LegalAidAgency', {
  description: 'Legal aid agency (法律援助机构)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findAgenciesByIds(ctx.db, ids), (r) => r.id, '法律援助机构'),
  authScopes: { signedIn: true },
  fields: (t) => ({
    ...organFields(t),
    level: t.expose('level', { type: RegionLevel, description: 'Level (级别)' }),
    justiceBureau: t.field({
      type: JusticeBureau,
      description: 'The justice bureau it belongs to (所属司法行政机关)',
      resolve: (a) => a.justice_bureau_id,
    }),
  }),
});

builder.asEntity(LegalAidAgency, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => LegalAidAgency.getDataloader(ctx).load(ref.id),
});

builder.objectField(JusticeBureau, 'legalAidAgencies', (t) =>
  t.loadableList({
    type: LegalAidAgency,
    description: 'Legal aid agencies under this bureau (所属法律援助机构)',
    load: async (bureauIds: string[], ctx: Context) =>
      groupByKeys(bureauIds, await findAgenciesByBureaus(ctx.db, bureauIds), (a) => a.justice_bureau_id),
    resolve: (b) => b.id,
  }),
);

builder.queryFields((t) => ({
  legalAidAgency: t.field({
    type: LegalAidAgency,
    nullable: true,
    description: 'One legal aid agency by id (按编号查询法律援助机构)',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }) => String(id),
  }),
  legalAidAgencies: t.connection(
    {
      type: LegalAidAgency,
      // Nullable: if this agency's subgraph fails, the other agencies' fields still come back.
      nullable: true,
      description: "Legal aid agencies in a region, the caller's own by default (辖区内的法律援助机构)",
      authScopes: { signedIn: true },
      args: {
        regionCode: t.arg({ type: 'RegionCode', description: 'Region (行政区划)；默认为本人所在辖区' }),
      },
      resolve: (_root, args, ctx) => {
        const regionPrefix = listRegionPrefix(ctx, args.regionCode);
        return pageByKey(
          args,
          (a: AgencyRow) => a.id,
          (page) => listAgencies(ctx.db, regionPrefix, page),
        );
      },
    },
    { name: 'LegalAidAgencyConnection', description: 'A page of legal aid agencies (法律援助机构分页列表)' },
    { name: 'LegalAidAgencyEdge' },
  ),
}));
