import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { regions } from '@server/db/schema/regions';
import type { regionsListInput } from './inputs';
import type { Region } from './types';

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
