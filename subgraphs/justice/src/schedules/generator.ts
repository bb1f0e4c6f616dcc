import { randomUUID } from 'node:crypto';
import { addDays, chinaInstant, isRegionWithin } from '@duty/kit';
import type { Kysely } from 'kysely';
import type { JusticeDatabase } from '../db.js';
import type { DutyMode, DutySlot } from '../workstations/table.js';
import type { Assignment } from './table.js';

/**
 * The schedule generator (art. 5, 9). Demand: each workstation's slots on working days, as many
 * shifts per slot as its planned level (its recent help-request volume once requests are kept).
 * Supply: lawyers active on a roster, within their monthly limits, not on leave, never in two
 * places at once. Each slot goes, in order, to:
 *   1. the workstation's fixed lawyers (FIXED assignment), then its own agency's lawyers, on site;
 *   2. its own agency's lawyers by phone or online, where the workstation offers that;
 *   3. lawyers lent by another agency of the same city, on site;
 *   4. lawyers lent by another agency of the same province, by phone or online;
 * and stays uncovered (a shift with no lawyer, shown in the coverage view) when none is left.
 * Among candidates the least-loaded lawyer wins, so duty is spread fairly.
 */
export interface PlanWorkstation {
  id: string;
  agencyId: string;
  regionCode: string;
  dutyModes: DutyMode[];
  slots: DutySlot[];
  demand: number;
  assignment: Assignment;
  fixedLawyerIds: string[];
}

export interface PlanLawyer {
  id: string;
  agencyId: string;
  regionCode: string;
  maxOnSite: number;
  maxRemote: number;
}

export interface ExistingShift {
  lawyerId: string;
  startsAt: Date;
  endsAt: Date;
  mode: DutyMode;
}

export interface PlannedShift {
  id: string;
  workstationId: string;
  lawyerId: string | null;
  startsAt: Date;
  endsAt: Date;
  mode: DutyMode;
  assignment: Assignment;
  lentFromAgencyId: string | null;
}

export interface PlanInput {
  from: string;
  /** Inclusive last day. */
  to: string;
  workstations: PlanWorkstation[];
  lawyers: PlanLawyer[];
  existing: ExistingShift[];
  /** `lawyerId|YYYY-MM-DD` of days a lawyer cannot serve. */
  unavailable: Set<string>;
  /** Workstation slots already planned (`workstationId|startsAtISO`): generation adds, never doubles. */
  alreadyPlanned: Set<string>;
  /** Slots starting before this are not planned (they have begun). */
  notBefore: Date;
}

const monthOf = (date: string) => date.slice(0, 7);
const isWorkingDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d !== 0 && d !== 6;
};

/** A small stable hash, so ties rotate between lawyers from day to day instead of always the same. */
function tieBreak(a: string, b: string) {
  let h = 2166136261;
  for (const ch of a + b) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export function planSchedule(input: PlanInput): PlannedShift[] {
  const lawyers = new Map(input.lawyers.map((l) => [l.id, l]));
  const busy = new Map<string, { s: number; e: number }[]>();
  const monthly = new Map<string, number>();
  const load = new Map<string, number>();
  const monthKey = (lawyerId: string, date: string, mode: DutyMode) =>
    `${lawyerId}|${monthOf(date)}|${mode === 'ON_SITE' ? 'site' : 'remote'}`;
  const chinaDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const take = (lawyerId: string, s: Date, e: Date, mode: DutyMode) => {
    const list = busy.get(lawyerId) ?? [];
    list.push({ s: s.getTime(), e: e.getTime() });
    busy.set(lawyerId, list);
    const key = monthKey(lawyerId, chinaDate(s), mode);
    monthly.set(key, (monthly.get(key) ?? 0) + 1);
  };
  for (const x of input.existing) {
    take(x.lawyerId, x.startsAt, x.endsAt, x.mode);
    // What a lawyer already carries this month counts towards a fair share of the new duty.
    load.set(x.lawyerId, (load.get(x.lawyerId) ?? 0) + 1);
  }

  const byAgency = new Map<string, PlanLawyer[]>();
  for (const l of input.lawyers) {
    const list = byAgency.get(l.agencyId) ?? [];
    list.push(l);
    byAgency.set(l.agencyId, list);
  }

  const fits = (l: PlanLawyer, date: string, s: Date, e: Date, mode: DutyMode) => {
    if (input.unavailable.has(`${l.id}|${date}`)) return false;
    const max = mode === 'ON_SITE' ? l.maxOnSite : l.maxRemote;
    if ((monthly.get(monthKey(l.id, date, mode)) ?? 0) >= max) return false;
    const start = s.getTime();
    const end = e.getTime();
    return !(busy.get(l.id) ?? []).some((b) => b.s < end && start < b.e);
  };

  const pick = (candidates: PlanLawyer[], date: string, s: Date, e: Date, mode: DutyMode) => {
    let best: PlanLawyer | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    let bestTie = 0;
    for (const l of candidates) {
      if (!fits(l, date, s, e, mode)) continue;
      const score = load.get(l.id) ?? 0;
      const tie = tieBreak(l.id, date);
      if (score < bestScore || (score === bestScore && tie < bestTie)) {
        best = l;
        bestScore = score;
        bestTie = tie;
      }
    }
    return best;
  };

  type Tier = { candidates: PlanLawyer[]; mode: DutyMode | undefined; assignment: Assignment; lent: boolean };
  const tiersOf = new Map<string, Tier[]>();
  for (const ws of input.workstations) {
    const onSite = ws.dutyModes.includes('ON_SITE');
    const remote = ws.dutyModes.find((m) => m !== 'ON_SITE');
    const own = byAgency.get(ws.agencyId) ?? [];
    const fixed = ws.assignment === 'FIXED' ? ws.fixedLawyerIds.flatMap((id) => lawyers.get(id) ?? []) : [];
    const others = input.lawyers.filter((l) => l.agencyId !== ws.agencyId);
    const sameCity = others.filter((l) => isRegionWithin(l.regionCode, `${ws.regionCode.slice(0, 4)}00`));
    const sameProvince = others.filter((l) =>
      isRegionWithin(l.regionCode, `${ws.regionCode.slice(0, 2)}0000`),
    );
    tiersOf.set(ws.id, [
      { candidates: fixed, mode: onSite ? 'ON_SITE' : remote, assignment: 'FIXED', lent: false },
      { candidates: own, mode: onSite ? 'ON_SITE' : remote, assignment: 'ROTATION', lent: false },
      { candidates: own, mode: onSite ? remote : undefined, assignment: 'ROTATION', lent: false },
      { candidates: sameCity, mode: onSite ? 'ON_SITE' : undefined, assignment: 'ROTATION', lent: true },
      { candidates: sameProvince, mode: remote, assignment: 'ROTATION', lent: true },
    ]);
  }

  const planned: PlannedShift[] = [];
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
    if (!isWorkingDay(date)) continue;
    for (const ws of input.workstations) {
      const onSite = ws.dutyModes.includes('ON_SITE');
      const remote = ws.dutyModes.find((m) => m !== 'ON_SITE');
      const tiers = tiersOf.get(ws.id) ?? [];
      for (const slot of ws.slots) {
        const s = chinaInstant(date, slot.start);
        const e = chinaInstant(date, slot.end);
        const key = `${ws.id}|${s.toISOString()}`;
        if (s < input.notBefore || input.alreadyPlanned.has(key)) continue;
        for (let n = 0; n < ws.demand; n += 1) {
          let shift: PlannedShift | undefined;
          for (const tier of tiers) {
            if (!tier.mode || !tier.candidates.length) continue;
            const l = pick(tier.candidates, date, s, e, tier.mode);
            if (!l) continue;
            take(l.id, s, e, tier.mode);
            load.set(l.id, (load.get(l.id) ?? 0) + 1);
            shift = {
              id: randomUUID(),
              workstationId: ws.id,
              lawyerId: l.id,
              startsAt: s,
              endsAt: e,
              mode: tier.mode,
              assignment: tier.assignment,
              lentFromAgencyId: tier.lent ? l.agencyId : null,
            };
            break;
          }
          planned.push(
            shift ?? {
              id: randomUUID(),
              workstationId: ws.id,
              lawyerId: null,
              startsAt: s,
              endsAt: e,
              mode: onSite ? 'ON_SITE' : (remote ?? 'ON_SITE'),
              assignment: 'ROTATION',
              lentFromAgencyId: null,
            },
          );
        }
      }
    }
  }
  return planned;
}

/** The row a planned shift becomes. */
export function toShiftRow(p: PlannedShift, createdBy: string) {
  return {
    id: p.id,
    workstation_id: p.workstationId,
    lawyer_id: p.lawyerId,
    starts_at: p.startsAt,
    ends_at: p.endsAt,
    mode: p.mode,
    assignment: p.assignment,
    lent_from_agency_id: p.lentFromAgencyId,
    created_by: createdBy,
  };
}

export interface ScheduleSummary {
  slots: number;
  staffed: number;
  onSite: number;
  remote: number;
  lent: number;
  uncovered: PlannedShift[];
}

export function summarize(plan: PlannedShift[]): ScheduleSummary {
  const staffed = plan.filter((p) => p.lawyerId);
  return {
    slots: plan.length,
    staffed: staffed.length,
    onSite: staffed.filter((p) => p.mode === 'ON_SITE').length,
    remote: staffed.filter((p) => p.mode !== 'ON_SITE').length,
    lent: staffed.filter((p) => p.lentFromAgencyId).length,
    uncovered: plan.filter((p) => !p.lawyerId),
  };
}

/** Loads demand and supply for the workstations in `regionPrefix`, plans, and (unless dry) writes. */
export async function generateSchedule(
  db: Kysely<JusticeDatabase>,
  options: { regionPrefix: string; from: string; to: string; createdBy: string; dryRun?: boolean },
): Promise<{ plan: PlannedShift[]; summary: ScheduleSummary }> {
  const { regionPrefix, from, to } = options;
  const provincePrefix = regionPrefix.slice(0, 2);
  const periodStart = chinaInstant(from);
  const periodEnd = chinaInstant(addDays(to, 1));
  // Limits are per calendar month: count what the months touched already hold.
  const monthsStart = chinaInstant(`${from.slice(0, 7)}-01`);
  const lastMonth = new Date(`${to.slice(0, 7)}-01T00:00:00Z`);
  lastMonth.setUTCMonth(lastMonth.getUTCMonth() + 1);
  const monthsEnd = chinaInstant(lastMonth.toISOString().slice(0, 10));

  const run = async (trx: Kysely<JusticeDatabase>) => {
    const workstations = await trx
      .selectFrom('workstation')
      .select([
        'id',
        'agency_id',
        'region_code',
        'duty_modes',
        'slots',
        'planned_daily_demand',
        'assignment',
        'fixed_lawyer_ids',
      ])
      .where('region_code', 'like', `${regionPrefix}%`)
      .orderBy('id')
      // Two runs over the same workstations (a city's and a county's) wait for each other.
      .forUpdate()
      .execute();
    const lawyers = await trx
      .selectFrom('lawyer as l')
      .innerJoin('roster_entry as r', 'r.lawyer_id', 'l.id')
      .select(['l.id', 'l.agency_id', 'l.region_code', 'l.max_on_site_per_month', 'l.max_remote_per_month'])
      .distinct()
      .where('r.status', '=', 'ACTIVE')
      .where('l.region_code', 'like', `${provincePrefix}%`)
      .orderBy('l.id')
      .execute();
    const lawyerIds = lawyers.map((l) => l.id);
    const existing = lawyerIds.length
      ? await trx
          .selectFrom('duty_shift')
          .select(['lawyer_id', 'starts_at', 'ends_at', 'mode'])
          .where('lawyer_id', 'in', lawyerIds)
          .where('status', '=', 'SCHEDULED')
          .where('starts_at', '>=', monthsStart)
          .where('starts_at', '<', monthsEnd)
          .execute()
      : [];
    const unavailable = lawyerIds.length
      ? await trx
          .selectFrom('lawyer_unavailable_date')
          .select(['lawyer_id', 'date'])
          .where('lawyer_id', 'in', lawyerIds)
          .where('date', '>=', from)
          .where('date', '<=', to)
          .execute()
      : [];
    const planned = workstations.length
      ? await trx
          .selectFrom('duty_shift')
          .select(['workstation_id', 'starts_at'])
          .where(
            'workstation_id',
            'in',
            workstations.map((w) => w.id),
          )
          .where('status', '=', 'SCHEDULED')
          .where('starts_at', '>=', periodStart)
          .where('starts_at', '<', periodEnd)
          .execute()
      : [];
    const plan = planSchedule({
      from,
      to,
      workstations: workstations.map((w) => ({
        id: w.id,
        agencyId: w.agency_id,
        regionCode: w.region_code,
        dutyModes: w.duty_modes,
        slots: w.slots,
        demand: w.planned_daily_demand,
        assignment: w.assignment,
        fixedLawyerIds: w.fixed_lawyer_ids,
      })),
      lawyers: lawyers.map((l) => ({
        id: l.id,
        agencyId: l.agency_id,
        regionCode: l.region_code,
        maxOnSite: l.max_on_site_per_month,
        maxRemote: l.max_remote_per_month,
      })),
      existing: existing.map((x) => ({
        lawyerId: x.lawyer_id!,
        startsAt: x.starts_at,
        endsAt: x.ends_at,
        mode: x.mode,
      })),
      unavailable: new Set(unavailable.map((u) => `${u.lawyer_id}|${u.date}`)),
      alreadyPlanned: new Set(planned.map((p) => `${p.workstation_id}|${p.starts_at.toISOString()}`)),
      notBefore: new Date(),
    });
    if (!options.dryRun) {
      for (let i = 0; i < plan.length; i += 500) {
        await trx
          .insertInto('duty_shift')
          .values(plan.slice(i, i + 500).map((p) => toShiftRow(p, options.createdBy)))
          .execute();
      }
    }
    return { plan, summary: summarize(plan) };
  };
  // Inside a caller's transaction (the demo seed) run in it; otherwise in one of our own.
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
