/**
 * The region picker's options: the regions an admin may give (its own region and everything under it),
 * ordered as a tree (province, then each city followed by its counties) with the depth for indenting.
 * The scope rule mirrors `scopePrefix` of server/accounts/region-scope.ts (GB/T 2260 codes); the server
 * checks it again.
 */

/** A region as `twin.regions.list` returns it (only the fields the picker needs). */
export interface RegionLike {
  /** 6-digit GB/T 2260 code. */
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

/** One option of the region picker. */
export interface RegionOption {
  code: string;
  name: string;
  /** 0 province, 1 city, 2 county. */
  depth: 0 | 1 | 2;
}

/** The code prefix a region covers: `36` (province), `3601` (city), the whole code (county). */
export function regionScopePrefix(regionCode: string): string {
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}

const DEPTH = { province: 0, city: 1, county: 2 } as const;

/**
 * Regions inside `scopeRegionCode`, in tree order: a city is followed by its counties (by code).
 * @param scopeRegionCode the admin's own region (360000 = every region)
 */
export function regionOptions(regions: readonly RegionLike[], scopeRegionCode: string): RegionOption[] {
  const prefix = regionScopePrefix(scopeRegionCode);
  const inScope = regions.filter((region) => region.code.startsWith(prefix));
  // Sorting by (city part, county part) puts each county right after its city: 360100 < 360102 < 360200.
  const sorted = [...inScope].sort((a, b) => a.code.localeCompare(b.code));
  return sorted.map((region) => ({ code: region.code, name: region.name, depth: DEPTH[region.level] }));
}

/** The name of `code` among `regions`, or the code itself when unknown. */
export function regionName(regions: readonly RegionLike[], code: string): string {
  return regions.find((region) => region.code === code)?.name ?? code;
}
