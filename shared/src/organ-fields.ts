import type { SchemaTypes } from '@pothos/core';
import type { KitTypes } from './builder.js';
import type { KitContext } from './context.js';
import { regionFullName } from './regions.js';

/** The columns every agency or organ row has: who it is, where, and how to reach it. */
export interface OrganRow {
  id: string;
  name: string;
  region_code: string;
  address: string;
  phone: string;
}

type Types<Ctx extends KitContext> = PothosSchemaTypes.ExtendDefaultTypes<KitTypes<Ctx>> & SchemaTypes;

// Spelled out so the declaration output can name it (Pothos's field ref class is not exported).
type OrganFieldRef<Ctx extends KitContext, Row extends OrganRow> =
  | ReturnType<PothosSchemaTypes.ObjectFieldBuilder<Types<Ctx>, Row>['string']>
  | ReturnType<PothosSchemaTypes.ObjectFieldBuilder<Types<Ctx>, Row>['id']>;

/** The fields every agency or organ type shares, with the same names and descriptions everywhere. */
export function organFields<Ctx extends KitContext, Row extends OrganRow>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types<Ctx>, Row>,
): Record<'id' | 'name' | 'regionCode' | 'regionName' | 'address' | 'phone', OrganFieldRef<Ctx, Row>> {
  return {
    id: t.id({ resolve: (o) => o.id }),
    name: t.string({ description: 'Name (名称)', resolve: (o) => o.name }),
    regionCode: t.field({
      type: 'RegionCode',
      description: 'Region code (行政区划代码)',
      resolve: (o) => o.region_code,
    }),
    regionName: t.string({
      description: 'Region name (行政区划名称)',
      resolve: (o) => regionFullName(o.region_code) ?? o.region_code,
    }),
    address: t.string({ description: 'Address (地址)', resolve: (o) => o.address }),
    phone: t.field({
      type: 'PhoneNumber',
      description: 'Public telephone (对外联系电话)',
      resolve: (o) => o.phone,
    }),
  };
}
