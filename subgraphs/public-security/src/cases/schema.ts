import {
  accusedPersonSchema,
  byKeys,
  caseStageEnum,
  DutyError,
  hasAnyRole,
  lawyerCaseAccess,
  pageByKey,
} from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { DetentionCenter } from '../detention-centers/schema.js';
import { PoliceOrgan } from '../police-organs/schema.js';
import {
  type CaseRow,
  findCasesByIds,
  findPersonsByCases,
  findPersonsByIds,
  listCasesOf,
  listDetainees,
  type PersonRow,
} from './queries.js';
import { canReadCaseRecord, DETENTION_ROLES, isHandlingStaff, ORGAN_ROLES } from './roles.js';

const CaseStage = caseStageEnum(builder);
const lawyerReadsCase = lawyerCaseAccess('public-security', findPersonsByCases);

export const CaseCategory = builder.enumType('PoliceCaseCategory', {
  description: 'Case category (案件类别); decides whether a lawyer meeting needs approval',
  values: {
    ORDINARY: { description: '普通刑事案件' },
    STATE_SECURITY: { description: '危害国家安全犯罪案件（侦查期间会见须经许可）' },
    TERRORISM: { description: '恐怖活动犯罪案件（侦查期间会见须经许可）' },
  } as const,
});

export const PoliceCase = builder.loadableObject('PoliceCase', {
  description: 'A case under investigation by a police or state security organ (侦查阶段案件)',
  load: async (ids: string[], ctx: Context) =>
    byKeys(ids, await findCasesByIds(ctx.db, ids), (r) => r.id, '案件'),
  authScopes: async (c, ctx) => canReadCaseRecord(ctx.principal, c) || (await lawyerReadsCase(ctx, c.id)),
  fields: (t) => ({
    id: t.exposeID('id'),
    caseNumber: t.exposeString('case_number', { description: 'Case number (案件编号)' }),
    stage: t.expose('stage', { type: CaseStage }),
    category: t.expose('category', { type: CaseCategory }),
    charges: t.exposeStringList('charges', { description: 'Suspected charges (涉嫌罪名)' }),
    openedAt: t.expose('opened_at', { type: 'DateTime', description: 'Opened (立案时间)' }),
    policeOrgan: t.field({ type: PoliceOrgan, resolve: (c) => c.police_organ_id }),
  }),
});

export const AccusedPerson = accusedPersonSchema(builder, {
  subgraph: 'public-security',
  name: 'PoliceAccusedPerson',
  description: 'A suspect in a case under investigation (犯罪嫌疑人)',
  what: '犯罪嫌疑人',
  caseRef: PoliceCase,
  findByIds: findPersonsByIds,
  findByCases: findPersonsByCases,
  readable: (p, ctx) => canReadCaseRecord(ctx.principal, p),
  ownStaff: (p, ctx) => isHandlingStaff(ctx.principal, p),
});

builder.objectField(AccusedPerson, 'detentionCenter', (t) =>
  t.field({
    type: DetentionCenter,
    nullable: true,
    description: 'Held at (羁押场所); none when not detained',
    resolve: (p) => p.detention_center_id,
  }),
);

builder.queryFields((t) => ({
  policeCases: t.connection(
    {
      type: PoliceCase,
      nullable: true,
      description: "The caller's own organ's cases under investigation (本机关侦查案件)",
      authScopes: { anyRole: ORGAN_ROLES },
      resolve: (_root, args, ctx) => {
        const p = ctx.principal!;
        if (p.agencyKind !== 'PUBLIC_SECURITY' && p.agencyKind !== 'STATE_SECURITY')
          throw new DutyError('FORBIDDEN', '当前账号不属于公安机关或国家安全机关');
        return pageByKey(
          args,
          (c: CaseRow) => c.id,
          (page) => listCasesOf(ctx.db, p.agencyId, page),
        );
      },
    },
    { name: 'PoliceCaseConnection' },
    { name: 'PoliceCaseEdge' },
  ),
  detainees: t.connection(
    {
      type: AccusedPerson,
      nullable: true,
      description: "The people the caller's detention center holds (在押人员)",
      authScopes: { anyRole: DETENTION_ROLES },
      resolve: (_root, args, ctx) => {
        const p = ctx.principal!;
        if (!hasAnyRole(p, DETENTION_ROLES)) throw new DutyError('FORBIDDEN', '当前账号不属于看守所');
        return pageByKey(
          args,
          (r: PersonRow) => r.id,
          (page) => listDetainees(ctx.db, p.agencyId, page),
        );
      },
    },
    { name: 'DetaineeConnection' },
    { name: 'DetaineeEdge' },
  ),
}));
