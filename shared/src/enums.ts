/** Enum values shared by several subgraphs; each declares them identically so composition merges them. */
export const REGION_LEVEL = {
  PROVINCE: { description: '省级（省、自治区、直辖市）' },
  CITY: { description: '市级（地级市、直辖市辖区汇总）' },
  COUNTY: { description: '县级（区、县、县级市）' },
} as const;

const LEVEL_ORDER = { PROVINCE: 0, CITY: 1, COUNTY: 2, HIGH: 0, INTERMEDIATE: 1, BASIC: 2 } as const;

/** Rows ordered province → city → county, so a parent is inserted before the rows pointing at it. */
export function parentsFirst<T extends { level: keyof typeof LEVEL_ORDER }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
}
