import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { regions } from '@server/db/schema/regions';
import type { regionsListInput } from './inputs';
import type { HomeRegion, Region } from './types';

/**
 * Administrative regions (province, cities, counties) without boundaries; boundaries are served as GeoJSON by
 * `/api/geo/regions-<level>`.
 * @see docs/api.md `twin.regions.list`
 */

/**
 * Regions filtered by level and/or parent code, ordered by admin code.
 * @returns centres as `[lon, lat]` WGS84 degrees
 */
export async function listRegions(db: Db, actor: Actor | null, input: z.output<typeof regionsListInput>): Promise<Region[]> {
  void actor;
  const filters: SQL[] = [];
  if (input.level) filters.push(eq(regions.level, input.level));
  if (input.parentCode) filters.push(eq(regions.parentCode, input.parentCode));
  const rows = await db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      parentCode: regions.parentCode,
      lonDeg: sql<number>`ST_X(${regions.center})`,
      latDeg: sql<number>`ST_Y(${regions.center})`,
    })
    .from(regions)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(regions.code));
  return rows.map(({ lonDeg, latDeg, ...rest }) => ({ ...rest, center: [lonDeg, latDeg] }));
}

/** Admin code of the whole province: its accounts open on the Jiangxi overview like anonymous visitors. */
const PROVINCE_CODE = '360000';

/** Select columns of the bounding box of a region's boundary, degrees WGS84 (shared by the home view and search). */
export const REGION_BBOX_COLUMNS = {
  west: sql<number>`ST_XMin(${regions.boundary})`,
  south: sql<number>`ST_YMin(${regions.boundary})`,
  east: sql<number>`ST_XMax(${regions.boundary})`,
  north: sql<number>`ST_YMax(${regions.boundary})`,
};

/**
 * The region the twin opens on for this account: its city or county with the bounding box of its boundary.
 *
 * @param actor null = anonymous
 * @returns `null` for anonymous visitors, province accounts and a region code missing from `regions` (then the
 *   twin keeps the Jiangxi overview)
 * @see docs/api.md `twin.regions.home`
 */
export async function homeRegion(db: Db, actor: Actor | null): Promise<HomeRegion | null> {
  if (!actor || actor.regionCode === PROVINCE_CODE) return null;
  const [row] = await db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      lonDeg: sql<number>`ST_X(${regions.center})`,
      latDeg: sql<number>`ST_Y(${regions.center})`,
      ...REGION_BBOX_COLUMNS,
    })
    .from(regions)
    .where(eq(regions.code, actor.regionCode));
  if (!row || row.level === 'province') return null;
  const { lonDeg, latDeg, west, south, east, north, ...rest } = row;
  return { ...rest, center: [lonDeg, latDeg], bbox: [west, south, east, north] };
}
