import type { KitContext } from './context.js';
import { DutyError, unauthenticated } from './errors.js';
import { hasAnyRole, type Principal, type Role } from './principal.js';
import { isRegionWithin, regionScopePrefix } from './regions.js';

/**
 * The region a list is filtered to: the one asked for when the caller may see it, else the
 * caller's own. Returns the code prefix to match (`11` for 110000, `1101` for 110100).
 */
export function listRegionPrefix(ctx: KitContext, requested?: string | null): string {
  const p = ctx.principal;
  if (!p) throw unauthenticated();
  if (requested && !isRegionWithin(requested, p.regionCode)) {
    throw new DutyError('FORBIDDEN', `无权查看行政区划 ${requested} 的数据（您的范围为 ${p.regionCode}）`, {
      reason: 'REGION_OUT_OF_SCOPE',
    });
  }
  return regionScopePrefix(requested ?? p.regionCode);
}

/** Orders rows loaded by key the way DataLoader asked for them; a missing one is a NOT_FOUND error. */
export function byKeys<T, K>(
  keys: readonly K[],
  rows: readonly T[],
  keyOf: (row: T) => K,
  what: string,
): (T | DutyError)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? new DutyError('NOT_FOUND', `未找到${what}（编号 ${String(k)}）`));
}

/** Groups rows under the keys asked for (an empty list where none match). */
export function groupByKeys<T, K>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) map.get(keyOf(r))?.push(r);
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * A write in a region: the caller must hold one of the roles and the region must be within the
 * caller's. Throws UNAUTHENTICATED / FORBIDDEN with a message that says which.
 */
export function requireRegionRole(
  ctx: KitContext,
  roles: readonly Role[],
  regionCode: string,
  what: string,
): Principal {
  const p = ctx.principal;
  if (!p) throw unauthenticated();
  if (!hasAnyRole(p, roles)) throw new DutyError('FORBIDDEN', `无权${what}`, { reason: 'ROLE' });
  if (!isRegionWithin(regionCode, p.regionCode)) {
    throw new DutyError('FORBIDDEN', `无权${what}：不在您的辖区（${p.regionCode}）内`, {
      reason: 'REGION_OUT_OF_SCOPE',
    });
  }
  return p;
}
