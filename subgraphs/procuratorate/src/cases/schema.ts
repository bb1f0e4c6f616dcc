import {
  accusedPersonSchema,
  byKeys,
  canReadOrganRecord,
  caseStageEnum,
  DutyError,
  isStaffOf,
  lawyerCaseAccess,
  pageByKey,
} from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { Procuratorate } from '../procuratorates/schema.js';
import {
  type CaseRow,
  findCasesByIds,
  findPersonsByCases,
  findPersonsByIds,
  listCasesOf,
} from './queries.js';

export const PROCURATORATE_ROLES = ['PROCURATORATE_STAFF'] as const;
const CaseStage = caseStageEnum(builder);

const readable = (row: { procuratorate_id: string; region_code: string }, ctx: Context) =>
  canReadOrganRecord(
    ctx.principal,
    { id: row.procuratorate_id, regionCode: row.region_code },
    PROCURATORATE_ROLES,
  );
// The duty lawyer assigned to a suspect's help request reads that suspect and the case too.
export const lawyerReadsCase = lawyerCaseAccess('procuratorate', findPersonsByCases);

export const ProcuratorateCase = builder.loadableObject('ProcuratorateCase', {
  description: 'A case under review for prosecution (审查起诉案件)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findCasesByIds(ctx.db, ids), (r) => r.id, '案件'),
  authScopes: async (c, ctx) => readable(c, ctx) || (await lawyerReadsCase(ctx, c.id)),
  fields: (t) => ({
    id: t.exposeID('id'),
    caseNumber: t.exposeString('case_number', { description: 'Case number (案号)' }),
    stage: t.expose('stage', { type: CaseStage }),
    charges: t.exposeStringList('charges', { description: 'Charges (罪名)' }),
    receivedAt: t.expose('received_at', { type: 'DateTime', description: 'Received for review (受理时间)' }),
    procuratorate: t.field({ type: Procuratorate, resolve: (c) => c.procuratorate_id }),
  }),
});

export const AccusedPerson = accusedPersonSchema(builder, {
  subgraph: 'procuratorate',
  name: 'ProcuratorateAccusedPerson',
  description: 'A suspect in a case under review for prosecution (犯罪嫌疑人)',
  what: '犯罪嫌疑人',
  caseRef: ProcuratorateCase,
  findByIds: findPersonsByIds,
  findByCases: findPersonsByCases,
  readable,
  ownStaff: (p, ctx) => isStaffOf(ctx.principal, p.procuratorate_id, PROCURATORATE_ROLES),
});

builder.queryField('procuratorateCases', (t) =>
  t.connection(
    {
      type: ProcuratorateCase,
      nullable: true,
      description: "The caller's own procuratorate's cases (本院审查起诉案件)",
      authScopes: { anyRole: PROCURATORATE_ROLES },
      resolve: (_root, args, ctx) => {
        const id = ctx.principal?.agencyId;
        if (!id || ctx.principal?.agencyKind !== 'PROCURATORATE')
          throw new DutyError('FORBIDDEN', '当前账号不属于检察院');
        return pageByKey(
          args,
          (c: CaseRow) => c.id,
          (page) => listCasesOf(ctx.db, id, page),
        );
      },
    },
    { name: 'ProcuratorateCaseConnection' },
    { name: 'ProcuratorateCaseEdge' },
  ),
);
