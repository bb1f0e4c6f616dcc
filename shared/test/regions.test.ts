import { describe, expect, it } from 'vitest';
import {
  childRegions,
  getRegion,
  isKnownRegionCode,
  isRegionWithin,
  RETIRED_REGIONS,
  regionFullName,
  regionLevel,
  regionScopePrefix,
} from '../src/regions.js';

describe('getRegion', () => {
  it('finds provinces, cities and counties from the package data', () => {
    expect(getRegion('440000')).toEqual({
      code: '440000',
      name: '广东省',
      level: 'PROVINCE',
      parentCode: null,
      retired: false,
    });
    expect(getRegion('440300')).toEqual({
      code: '440300',
      name: '深圳市',
      level: 'CITY',
      parentCode: '440000',
      retired: false,
    });
    expect(getRegion('440304')).toEqual({
      code: '440304',
      name: '福田区',
      level: 'COUNTY',
      parentCode: '440300',
      retired: false,
    });
    expect(getRegion('110105')).toMatchObject({ name: '朝阳区', level: 'COUNTY', parentCode: '110100' });
  });

  it('synthesizes city-level entries for municipalities', () => {
    expect(getRegion('110100')).toEqual({
      code: '110100',
      name: '北京市市辖区',
      level: 'CITY',
      parentCode: '110000',
      retired: false,
    });
    expect(getRegion('120100')?.name).toBe('天津市市辖区');
    expect(getRegion('310100')?.name).toBe('上海市市辖区');
    expect(getRegion('500100')?.name).toBe('重庆市市辖区');
    expect(getRegion('500200')?.name).toBe('重庆市县');
  });

  it('uses the GB/T 2260 name for directly administered county-level units', () => {
    expect(getRegion('429000')?.name).toBe('省直辖县级行政区划');
    expect(getRegion('659000')?.name).toBe('自治区直辖县级行政区划');
  });

  it('keeps retired codes, marked retired', () => {
    expect(getRegion('110103')).toEqual({
      code: '110103',
      name: '崇文区',
      level: 'COUNTY',
      parentCode: '110100',
      retired: true,
    });
    expect(isKnownRegionCode('110104')).toBe(true);
    for (const r of RETIRED_REGIONS) {
      expect(getRegion(r.code)?.retired).toBe(true);
      expect(getRegion(r.mergedInto)?.retired).toBe(false);
    }
  });

  it('returns undefined for unknown codes', () => {
    expect(getRegion('999999')).toBeUndefined();
    expect(getRegion('11010')).toBeUndefined();
  });
});

it('every region has an existing parent', () => {
  const codes = ['110000', '500000', '650000'];
  const seen: string[] = [];
  while (codes.length) {
    const code = codes.pop() as string;
    seen.push(code);
    for (const child of childRegions(code, { includeRetired: true })) {
      expect(child.parentCode).toBe(code);
      codes.push(child.code);
    }
  }
  expect(seen.length).toBeGreaterThan(50);
  // Every county of Chongqing, in both city-level groups, hangs under a real parent.
  expect(childRegions('500200').map((r) => r.code)).toContain('500229');
});

describe('isKnownRegionCode', () => {
  it('accepts current and retired codes and rejects the rest', () => {
    expect(isKnownRegionCode('110105')).toBe(true);
    expect(isKnownRegionCode('110000')).toBe(true);
    expect(isKnownRegionCode('310108')).toBe(true); // 闸北区, retired 2015
    expect(isKnownRegionCode('999999')).toBe(false);
    expect(isKnownRegionCode('110199')).toBe(false);
    expect(isKnownRegionCode('1101050')).toBe(false);
    expect(isKnownRegionCode('')).toBe(false);
  });
});

describe('regionLevel and regionScopePrefix', () => {
  it('read the level from the code shape', () => {
    expect(regionLevel('110000')).toBe('PROVINCE');
    expect(regionLevel('110100')).toBe('CITY');
    expect(regionLevel('110105')).toBe('COUNTY');
    expect(regionLevel('440300')).toBe('CITY');
  });

  it('give the prefix shared by everything inside', () => {
    expect(regionScopePrefix('110000')).toBe('11');
    expect(regionScopePrefix('110100')).toBe('1101');
    expect(regionScopePrefix('110105')).toBe('110105');
  });
});

describe('regionFullName', () => {
  it('joins the names, skipping synthesized city levels', () => {
    expect(regionFullName('110105')).toBe('北京市朝阳区');
    expect(regionFullName('440304')).toBe('广东省深圳市福田区');
    expect(regionFullName('500229')).toBe('重庆市城口县');
    expect(regionFullName('110100')).toBe('北京市');
    expect(regionFullName('429004')).toBe('湖北省仙桃市');
    expect(regionFullName('110103')).toBe('北京市崇文区');
    expect(regionFullName('440000')).toBe('广东省');
  });

  it('is undefined for unknown codes', () => {
    expect(regionFullName('999999')).toBeUndefined();
  });
});

describe('isRegionWithin', () => {
  it('a province covers its cities and counties', () => {
    expect(isRegionWithin('110105', '110000')).toBe(true);
    expect(isRegionWithin('110100', '110000')).toBe(true);
    expect(isRegionWithin('440304', '440000')).toBe(true);
    expect(isRegionWithin('440304', '110000')).toBe(false);
  });

  it('a city covers its counties only', () => {
    expect(isRegionWithin('440304', '440300')).toBe(true);
    expect(isRegionWithin('440106', '440300')).toBe(false); // 广州市天河区
    expect(isRegionWithin('440000', '440300')).toBe(false);
  });

  it('a county covers only itself', () => {
    expect(isRegionWithin('110105', '110105')).toBe(true);
    expect(isRegionWithin('110106', '110105')).toBe(false);
    expect(isRegionWithin('110100', '110105')).toBe(false);
  });

  it('rejects malformed codes', () => {
    expect(isRegionWithin('1101', '110000')).toBe(false);
    expect(isRegionWithin('110105', '11')).toBe(false);
  });
});

describe('childRegions', () => {
  it('lists direct children in code order', () => {
    const cities = childRegions('440000');
    expect(cities.map((r) => r.name)).toContain('深圳市');
    expect(cities.every((r) => r.level === 'CITY' && r.parentCode === '440000')).toBe(true);
    const codes = cities.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(childRegions('110000').map((r) => r.code)).toEqual(['110100']);
    expect(childRegions('500000').map((r) => r.code)).toEqual(['500100', '500200']);
  });

  it('leaves retired children out unless asked', () => {
    expect(childRegions('110100').map((r) => r.code)).not.toContain('110103');
    expect(childRegions('110100', { includeRetired: true }).map((r) => r.code)).toContain('110103');
    expect(childRegions('110100').map((r) => r.name)).toContain('朝阳区');
  });

  it('is empty for counties and unknown codes', () => {
    expect(childRegions('110105')).toEqual([]);
    expect(childRegions('999999')).toEqual([]);
  });
});
