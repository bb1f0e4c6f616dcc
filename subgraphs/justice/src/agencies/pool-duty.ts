import { DutyError, requireRegionRole } from '@duty/kit';
import { builder } from '../builder.js';
import { findAgenciesByIds } from './queries.js';
import { LegalAidAgency } from './schema.js';

builder.objectField(LegalAidAgency, 'poolServesDuty', (t) =>
  t.exposeBoolean('pool_serves_duty', {
    description: 'Lawyers of the pool serve on duty too, not only the roster’s (值班律师库中的律师可以值班)',
  }),
);

builder.mutationField('setPoolServesDuty', (t) =>
  t.field({
    type: LegalAidAgency,
    description:
      "Admit the agency's pool lawyers to duty, or stop it (安排值班律师库中的律师值班): the agency's supervisor or the justice admin",
    authScopes: { anyRole: ['LEGAL_AID_SUPERVISOR', 'JUSTICE_ADMIN'] },
    args: {
      agencyId: t.arg.id({ required: true }),
      serves: t.arg.boolean({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const [agency] = await findAgenciesByIds(ctx.db, [String(args.agencyId)]);
      if (!agency) throw new DutyError('NOT_FOUND', `未找到法律援助机构（编号 ${args.agencyId}）`);
      requireRegionRole(
        ctx,
        ['LEGAL_AID_SUPERVISOR', 'JUSTICE_ADMIN'],
        agency.region_code,
        '安排该机构的值班律师库',
      );
      await ctx.db
        .updateTable('legal_aid_agency')
        .set({ pool_serves_duty: args.serves })
        .where('id', '=', agency.id)
        .execute();
      return agency.id;
    },
  }),
);
