import { DutyError, isStaffOf, measureApplicationSchema, organRequestSchema } from '@duty/kit';
import { builder } from '../builder.js';
import { findPersonsByIds } from '../cases/queries.js';
import {
  canReadCaseRecord,
  DETENTION_ROLES,
  isHandlingStaff,
  ORGAN_ROLES,
  PUBLIC_SECURITY_ROLES,
} from '../cases/roles.js';
import { AccusedPerson, PoliceCase } from '../cases/schema.js';
import { DetentionCenter } from '../detention-centers/schema.js';
import { PoliceOrgan } from '../police-organs/schema.js';

/**
 * Rights notices and help requests taken by a police or state security organ, or by the detention
 * center holding the suspect (which notifies within 24 hours, police procedure rules art. 49).
 */
export const { HelpRequest: PoliceHelpRequest } = organRequestSchema(builder, {
  subgraph: 'public-security',
  prefix: 'Police',
  organName: '公安机关、国家安全机关或看守所',
  roles: PUBLIC_SECURITY_ROLES,
  person: AccusedPerson,
  defaultDeadlineHours: { PUBLIC_SECURITY: 24, DETENTION_CENTER: 24 },
  alsoReadBy: async (r, ctx) =>
    isHandlingStaff(ctx.principal, await AccusedPerson.getDataloader(ctx).load(r.person_id)),
  accusedForWrite: async (ctx, personId) => {
    const [p] = await findPersonsByIds(ctx.db, [personId]);
    if (!p) throw new DutyError('NOT_FOUND', `未找到犯罪嫌疑人（编号 ${personId}）`);
    const common = {
      id: p.id,
      stage: p.stage,
      hasDefenseCounsel: p.has_defense_counsel,
      residentIdNumber: p.resident_id_number,
      concernedOrganIds: [p.police_organ_id, ...(p.detention_center_id ? [p.detention_center_id] : [])],
    };
    if (isStaffOf(ctx.principal, p.police_organ_id, ORGAN_ROLES)) {
      return {
        ...common,
        place: { organKind: 'PUBLIC_SECURITY', organId: p.police_organ_id, regionCode: p.region_code },
      };
    }
    if (
      p.detention_center_id &&
      p.detention_region_code &&
      isStaffOf(ctx.principal, p.detention_center_id, DETENTION_ROLES)
    ) {
      return {
        ...common,
        place: {
          organKind: 'DETENTION_CENTER',
          organId: p.detention_center_id,
          regionCode: p.detention_region_code,
        },
      };
    }
    throw new DutyError('FORBIDDEN', '只有承办案件的机关或羁押该人员的看守所工作人员可以登记', {
      reason: 'NOT_HANDLING_ORGAN',
    });
  },
});

builder.objectFields(PoliceHelpRequest, (t) => ({
  policeOrgan: t.field({
    type: PoliceOrgan,
    nullable: true,
    description: 'The organ that recorded it, when not a detention center (登记机关)',
    resolve: (r) => (r.organ_kind === 'PUBLIC_SECURITY' ? r.organ_id : null),
  }),
  detentionCenter: t.field({
    type: DetentionCenter,
    nullable: true,
    description: 'The detention center that recorded it (登记看守所)',
    resolve: (r) => (r.organ_kind === 'DETENTION_CENTER' ? r.organ_id : null),
  }),
  case: t.field({
    type: PoliceCase,
    resolve: async (r, _a, ctx) => (await AccusedPerson.getDataloader(ctx).load(r.person_id)).case_id,
  }),
  person: t.field({ type: AccusedPerson, resolve: (r) => r.person_id }),
}));

/** Applications to change a coercive measure, decided by the organ handling the case (the kit's). */
measureApplicationSchema(builder, {
  subgraph: 'public-security',
  prefix: 'Police',
  person: AccusedPerson,
  findPerson: async (db, id) => (await findPersonsByIds(db, [id]))[0],
  ownStaff: (p, ctx) => isStaffOf(ctx.principal, p.police_organ_id, ORGAN_ROLES),
  readable: (p, ctx) => canReadCaseRecord(ctx.principal, p),
});
