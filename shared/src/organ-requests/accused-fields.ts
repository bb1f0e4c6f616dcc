import type { SchemaTypes } from '@pothos/core';
import type { KitTypes } from '../builder.js';
import { maskPhoneNumber, maskResidentIdNumber } from '../ids.js';
import type { SubgraphContext } from '../subgraph.js';

/** The columns every organ keeps of an accused person. */
export interface AccusedRow {
  id: string;
  name: string;
  resident_id_number: string;
  phone: string | null;
  has_defense_counsel: boolean;
}

type Ctx = SubgraphContext<any>;
type Types = PothosSchemaTypes.ExtendDefaultTypes<KitTypes<Ctx>> & SchemaTypes;
type FieldRef<Row extends AccusedRow> =
  | ReturnType<PothosSchemaTypes.ObjectFieldBuilder<Types, Row>['string']>
  | ReturnType<PothosSchemaTypes.ObjectFieldBuilder<Types, Row>['id']>
  | ReturnType<PothosSchemaTypes.ObjectFieldBuilder<Types, Row>['boolean']>;

/**
 * The accused's identity, the same in every organ: ID number and phone whole for the handling
 * organ's own staff, masked for everyone else who may read the person at all.
 */
export function accusedFields<Row extends AccusedRow>(
  t: PothosSchemaTypes.ObjectFieldBuilder<any, Row>,
  ownStaff: (row: Row, ctx: Ctx) => boolean,
): Record<'id' | 'name' | 'residentIdNumber' | 'phone' | 'hasDefenseCounsel', FieldRef<Row>> {
  return {
    id: t.id({ resolve: (p: Row) => p.id }),
    name: t.string({ description: 'Name (姓名)', resolve: (p: Row) => p.name }),
    residentIdNumber: t.string({
      description: "Resident ID number (身份证号码); whole for the handling organ's staff, masked for others",
      resolve: (p: Row, _a: unknown, ctx: Ctx) =>
        ownStaff(p, ctx) ? p.resident_id_number : maskResidentIdNumber(p.resident_id_number),
    }),
    phone: t.string({
      nullable: true,
      description: "Phone (联系电话); whole for the handling organ's staff, masked for others",
      resolve: (p: Row, _a: unknown, ctx: Ctx) =>
        p.phone && !ownStaff(p, ctx) ? maskPhoneNumber(p.phone) : p.phone,
    }),
    hasDefenseCounsel: t.boolean({
      description: 'Has defense counsel (已有辩护人)',
      resolve: (p: Row) => p.has_defense_counsel,
    }),
  };
}
