/** Enum values shared by several subgraphs; each declares them identically so composition merges them. */
export const REGION_LEVEL = {
  PROVINCE: { description: '省级（省、自治区、直辖市）' },
  CITY: { description: '市级（地级市、直辖市辖区汇总）' },
  COUNTY: { description: '县级（区、县、县级市）' },
} as const;
