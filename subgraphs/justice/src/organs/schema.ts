import {
  addDays,
  canSeeRegion,
  chinaInstant,
  chinaToday,
  DutyError,
  groupByKeys,
  hasAnyRole,
  LEGAL_AID_STAFF,
  ORGAN_STAFF,
} from '@duty/kit';
import { builder, type Context } from '../builder.js';
import { findShiftsAtHosts } from '../schedules/queries.js';
import { DutyShift } from '../schedules/schema.js';
import { findWorkstationsByHosts } from '../workstations/queries.js';
import { Workstation } from '../workstations/schema.js';
import type { HostKind } from '../workstations/table.js';

// Organs owned by other subgraphs, known here by key only. Justice adds fields to them
// (their workstations) and points at them (a workstation's host).
const key = builder.selection<{ id: string }>('id');
const CourtRef = builder.externalRef('Court', key, (ref) => ref);
const ProcuratorateRef = builder.externalRef('Procuratorate', key, (ref) => ref);
const DetentionCenterRef = builder.externalRef('DetentionCenter', key, (ref) => ref);

type HostRef = { id: string; kind: HostKind };
const TYPE_OF_HOST = {
  COURT: 'Court',
  PROCURATORATE: 'Procuratorate',
  DETENTION_CENTER: 'DetentionCenter',
} as const;

const WorkstationHost = builder.unionType('WorkstationHost', {
  description: 'The organ hosting a workstation (工作站派驻单位：法院、检察院或看守所)',
  types: [CourtRef, ProcuratorateRef, DetentionCenterRef],
  resolveType: (host) => TYPE_OF_HOST[(host as HostRef).kind],
});

builder.objectField(Workstation, 'host', (t) =>
  t.field({
    type: WorkstationHost,
    // Nullable: the host is resolved by another subgraph, which may be unavailable.
    nullable: true,
    description: 'The host organ (派驻单位)',
    resolve: (w): HostRef => ({ id: w.host_id, kind: w.host_kind }),
  }),
);

/**
 * Who is on duty at a host on a day (publication, art. 6): batched per field path, so one query
 * serves every host of a kind in a fetch.
 */
const dutyShiftsOf = (kind: HostKind) => ({
  type: DutyShift,
  description: 'Duty lawyers on duty here on a day (当日在此值班的律师)',
  byPath: true,
  load: async (hostIds: string[], ctx: Context, args: { date?: string | null }) => {
    const date = args.date ?? chinaToday();
    const rows = await findShiftsAtHosts(
      ctx.db,
      kind,
      hostIds,
      chinaInstant(date),
      chinaInstant(addDays(date, 1)),
    );
    // Published to the organs and legal aid staff of the host's region (art. 6), not to everyone.
    const p = ctx.principal;
    const mayRead = hasAnyRole(p, [...ORGAN_STAFF, ...LEGAL_AID_STAFF]);
    return groupByKeys(hostIds, rows, (r) => r.host_id).map((list) =>
      !mayRead || list.some((r) => !canSeeRegion(p, r.region_code))
        ? new DutyError('FORBIDDEN', '只有本辖区的机关和法律援助机构可以查看该单位的值班安排')
        : list,
    );
  },
  resolve: (host: { id: string }) => host.id,
});

/** `workstations` on a host organ, batched: one query for all hosts of a kind in a fetch. */
const workstationsOf = (kind: HostKind) => ({
  type: Workstation,
  description: 'Legal aid workstations stationed here (派驻于此的法律援助工作站)',
  load: async (hostIds: string[], ctx: Context) =>
    groupByKeys(hostIds, await findWorkstationsByHosts(ctx.db, kind, hostIds), (w) => w.host_id),
  resolve: (host: { id: string }) => host.id,
});

for (const [ref, kind] of [
  [CourtRef, 'COURT'],
  [ProcuratorateRef, 'PROCURATORATE'],
  [DetentionCenterRef, 'DETENTION_CENTER'],
] as const) {
  ref.implement({
    fields: (t) => ({
      id: t.exposeID('id'),
      workstations: t.loadableList(workstationsOf(kind)),
      dutyShifts: t.loadableList({
        ...dutyShiftsOf(kind),
        nullable: true,
        args: { date: t.arg({ type: 'LocalDate', description: 'Day (日期)；默认今天' }) },
      }),
    }),
  });
}
