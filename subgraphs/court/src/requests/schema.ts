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
import { AccusedPerson, COURT_ROLES, CourtCase, lawyerReadsCase } from '../cases/schema.js';
import { Court } from '../courts/schema.js';

/** Rights notices and help requests at a court (the kit's, the same in every organ). */
export const { HelpRequest: CourtHelpRequest } = organRequestSchema(builder, {
  subgraph: 'court',
  prefix: 'Court',
  organName: '法院',
  roles: COURT_ROLES,
  person: AccusedPerson,
  defaultDeadlineHours: { COURT: 48 },
  accusedForWrite: async (ctx, personId) => {
    const [p] = await findPersonsByIds(ctx.db, [personId]);
    if (!p) throw new DutyError('NOT_FOUND', `未找到被告人（编号 ${personId}）`);
    if (!isStaffOf(ctx.principal, p.court_id, COURT_ROLES)) {
      throw new DutyError('FORBIDDEN', '只有承办法院的工作人员可以登记', { reason: 'NOT_HANDLING_COURT' });
    }
    return {
      id: p.id,
      stage: p.stage,
      hasDefenseCounsel: p.has_defense_counsel,
      residentIdNumber: p.resident_id_number,
      place: { organKind: 'COURT', organId: p.court_id, regionCode: p.region_code },
    };
  },
});

builder.objectFields(CourtHelpRequest, (t) => ({
  court: t.field({ type: Court, resolve: (r) => r.organ_id }),
  case: t.field({
    type: CourtCase,
    resolve: async (r, _a, ctx) => (await AccusedPerson.getDataloader(ctx).load(r.person_id)).case_id,
  }),
  person: t.field({ type: AccusedPerson, resolve: (r) => r.person_id }),
}));

/** Applications to change a coercive measure, decided by the court (the kit's). */
measureApplicationSchema(builder, {
  subgraph: 'court',
  prefix: 'Court',
  person: AccusedPerson,
  findPerson: async (db, id) => (await findPersonsByIds(db, [id]))[0],
  ownStaff: (p, ctx) => isStaffOf(ctx.principal, p.court_id, COURT_ROLES),
  readable: (p, ctx) =>
    canReadOrganRecord(ctx.principal, { id: p.court_id, regionCode: p.region_code }, COURT_ROLES),
});

/** File review at trial (the kit's, as at the procuratorate). */
fileReviewSchema(builder, {
  prefix: 'Court',
  caseRef: CourtCase,
  caseTable: 'court_case',
  organColumn: 'court_id',
  roles: COURT_ROLES,
  lawyerReadsCase,
});
