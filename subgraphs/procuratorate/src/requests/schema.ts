import {
  canReadOrganRecord,
  DutyError,
  fileReviewSchema,
  isStaffOf,
  measureApplicationSchema,
  organRequestSchema,
} from '@duty/kit';
import { builder } from '../builder.js';
import { findPersonsByIds } from '../cases/queries.js';
import { AccusedPerson, lawyerReadsCase, PROCURATORATE_ROLES, ProcuratorateCase } from '../cases/schema.js';
import { Procuratorate } from '../procuratorates/schema.js';

/** Rights notices and help requests at a procuratorate (the kit's, the same in every organ). */
export const { HelpRequest: ProcuratorateHelpRequest } = organRequestSchema(builder, {
  subgraph: 'procuratorate',
  prefix: 'Procuratorate',
  organName: '检察院',
  roles: PROCURATORATE_ROLES,
  person: AccusedPerson,
  defaultDeadlineHours: { PROCURATORATE: 48 },
  accusedForWrite: async (ctx, personId) => {
    const [p] = await findPersonsByIds(ctx.db, [personId]);
    if (!p) throw new DutyError('NOT_FOUND', `未找到犯罪嫌疑人（编号 ${personId}）`);
    if (!isStaffOf(ctx.principal, p.procuratorate_id, PROCURATORATE_ROLES)) {
      throw new DutyError('FORBIDDEN', '只有承办检察院的工作人员可以登记', { reason: 'NOT_HANDLING_ORGAN' });
    }
    return {
      id: p.id,
      stage: p.stage,
      hasDefenseCounsel: p.has_defense_counsel,
      residentIdNumber: p.resident_id_number,
      place: { organKind: 'PROCURATORATE', organId: p.procuratorate_id, regionCode: p.region_code },
    };
  },
});

builder.objectFields(ProcuratorateHelpRequest, (t) => ({
  procuratorate: t.field({ type: Procuratorate, resolve: (r) => r.organ_id }),
  case: t.field({
    type: ProcuratorateCase,
    resolve: async (r, _a, ctx) => (await AccusedPerson.getDataloader(ctx).load(r.person_id)).case_id,
  }),
  person: t.field({ type: AccusedPerson, resolve: (r) => r.person_id }),
}));

/** Applications to change a coercive measure, decided by the procuratorate (the kit's). */
measureApplicationSchema(builder, {
  subgraph: 'procuratorate',
  prefix: 'Procuratorate',
  person: AccusedPerson,
  findPerson: async (db, id) => (await findPersonsByIds(db, [id]))[0],
  ownStaff: (p, ctx) => isStaffOf(ctx.principal, p.procuratorate_id, PROCURATORATE_ROLES),
  readable: (p, ctx) =>
    canReadOrganRecord(
      ctx.principal,
      { id: p.procuratorate_id, regionCode: p.region_code },
      PROCURATORATE_ROLES,
    ),
});

/** File review from review for prosecution on (the kit's, as at the court). */
fileReviewSchema(builder, {
  prefix: 'Procuratorate',
  caseRef: ProcuratorateCase,
  caseTable: 'prosecution_case',
  organColumn: 'procuratorate_id',
  roles: PROCURATORATE_ROLES,
  lawyerReadsCase,
});
