import type { ObjectRef } from '@pothos/core';
import type { Kysely } from 'kysely';
import type { KitBuilder } from '../builder.js';
import type { SubgraphName } from '../config.js';
import { maskPhoneNumber, maskResidentIdNumber } from '../ids.js';
import { byKeys, groupByKeys } from '../scope.js';
import type { SubgraphContext } from '../subgraph.js';
import { isAssignedToPerson } from './lawyer-access.js';

/** The columns every organ keeps of an accused person (its own table adds more). */
export interface AccusedPersonColumns {
  id: string;
  case_id: string;
  name: string;
  resident_id_number: string;
  phone: string | null;
  has_defense_counsel: boolean;
}

export interface AccusedPersonOptions<Ctx extends SubgraphContext<any>, Row extends AccusedPersonColumns> {
  subgraph: SubgraphName;
  /** The GraphQL type: `CourtAccusedPerson`. */
  name: string;
  description: string;
  /** The person in Chinese for "not found" (被告人, 犯罪嫌疑人). */
  what: string;
  /** The organ's case type, which gets `accused`. */
  caseRef: ObjectRef<any, any, { id: string }>;
  findByIds: (db: Kysely<any>, ids: readonly string[]) => Promise<Row[]>;
  findByCases: (db: Kysely<any>, caseIds: readonly string[]) => Promise<Row[]>;
  /** The organ side of who reads the person (the lawyer assigned to them is added here). */
  readable: (row: Row, ctx: Ctx) => boolean;
  /** Who reads the ID number and phone whole: the handling organ's own staff. */
  ownStaff: (row: Row, ctx: Ctx) => boolean;
}

/**
 * The accused person of an organ's case, the same in every organ: identity fields (ID number and
 * phone whole for the handling organ's staff, masked for other readers), their case, and the case's
 * `accused` list. The duty lawyer assigned to the person's help request reads the person too (and
 * the case, through `lawyerCaseAccess` in the case type's own auth).
 */
export function accusedPersonSchema<Ctx extends SubgraphContext<any>, Row extends AccusedPersonColumns>(
  builder: KitBuilder<Ctx>,
  o: AccusedPersonOptions<Ctx, Row>,
) {
  const AccusedPerson = builder.loadableObject(o.name, {
    description: o.description,
    load: async (ids: string[], ctx: Ctx) => byKeys(ids, await o.findByIds(ctx.db, ids), (r) => r.id, o.what),
    authScopes: async (p: Row, ctx: Ctx) =>
      o.readable(p, ctx) || (await isAssignedToPerson(ctx, o.subgraph, [p.id])),
    fields: (t) => ({
      id: t.id({ resolve: (p) => p.id }),
      name: t.string({ description: 'Name (姓名)', resolve: (p) => p.name }),
      residentIdNumber: t.string({
        description:
          "Resident ID number (身份证号码); whole for the handling organ's staff, masked for others",
        resolve: (p, _a, ctx) =>
          o.ownStaff(p, ctx) ? p.resident_id_number : maskResidentIdNumber(p.resident_id_number),
      }),
      phone: t.string({
        nullable: true,
        description: "Phone (联系电话); whole for the handling organ's staff, masked for others",
        resolve: (p, _a, ctx) => (p.phone && !o.ownStaff(p, ctx) ? maskPhoneNumber(p.phone) : p.phone),
      }),
      hasDefenseCounsel: t.boolean({
        description: 'Has defense counsel (已有辩护人)',
        resolve: (p) => p.has_defense_counsel,
      }),
      case: t.field({ type: o.caseRef, resolve: (p) => p.case_id }),
    }),
  });

  builder.objectField(o.caseRef, 'accused', (t) =>
    t.loadableList({
      type: AccusedPerson,
      description: `The accused (${o.what})`,
      load: async (ids: string[], ctx: Ctx) =>
        groupByKeys(ids, await o.findByCases(ctx.db, ids), (p) => p.case_id),
      resolve: (c) => c.id,
    }),
  );

  return AccusedPerson;
}
