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
import { Court } from '../courts/schema.js';
import {
  type CaseRow,
  findCasesByIds,
  findPersonsByCases,
  findPersonsByIds,
  listCasesOfCourt,
} from './queries.js';

export const COURT_ROLES = ['COURT_STAFF'] as const;
export const CaseStage = caseStageEnum(builder);

const readable = (row: { court_id: string; region_code: string }, ctx: Context) =>
  canReadOrganRecord(ctx.principal, { id: row.court_id, regionCode: row.region_code }, COURT_ROLES);
// The duty lawyer assigned to a person's help request reads that person and their case too.
export const lawyerReadsCase = lawyerCaseAccess('court', findPersonsByCases);

export const CourtCase = builder.loadableObject('CourtCase', {
  description: 'A trial-stage case at a court (审判阶段案件)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findCasesByIds(ctx.db, ids), (r) => r.id, '案件'),
  authScopes: async (c, ctx) => readable(c, ctx) || (await lawyerReadsCase(ctx, c.id)),
  fields: (t) => ({
    id: t.exposeID('id'),
    caseNumber: t.exposeString('case_number', { description: 'Case number (案号)' }),
    stage: t.expose('stage', { type: CaseStage }),
    charges: t.exposeStringList('charges', { description: 'Charges (罪名)' }),
    receivedAt: t.expose('received_at', {
      type: 'DateTime',
      description: 'Received by the court (收案时间)',
    }),
    court: t.field({ type: Court, resolve: (c) => c.court_id }),
  }),
});

export const AccusedPerson = accusedPersonSchema(builder, {
  subgraph: 'court',
  name: 'CourtAccusedPerson',
  description: 'The accused in a court case (被告人)',
  what: '被告人',
  caseRef: CourtCase,
  findByIds: findPersonsByIds,
  findByCases: findPersonsByCases,
  readable,
  ownStaff: (p, ctx) => isStaffOf(ctx.principal, p.court_id, COURT_ROLES),
});

builder.queryField('courtCases', (t) =>
  t.connection(
    {
      type: CourtCase,
      nullable: true,
      description: "The caller's own court's cases (本院案件)",
      authScopes: { anyRole: COURT_ROLES },
      resolve: (_root, args, ctx) => {
        const courtId = ctx.principal?.agencyId;
        if (!courtId || ctx.principal?.agencyKind !== 'COURT')
          throw new DutyError('FORBIDDEN', '当前账号不属于法院');
        return pageByKey(
          args,
          (c: CaseRow) => c.id,
          (page) => listCasesOfCourt(ctx.db, courtId, page),
        );
      },
    },
    { name: 'CourtCaseConnection' },
    { name: 'CourtCaseEdge' },
  ),
);
