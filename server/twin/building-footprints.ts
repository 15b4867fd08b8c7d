import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { models } from '@server/db/schema/twin';
import { visibleModelsSql } from './model-access';

/**
 * The twin's buildings as other plates may read them (a public file of the `twin` plate, .dependency-cruiser.cjs
 * `PLATE_PUBLIC_FILES`): the plan footprints of the converted models (`models.footprint`, one building per model,
 * lon/lat degrees WGS84) the actor may see. The twin has no other building-footprint table (no CIM3 massing yet).
 */

/** One building near a geometry. */
export interface NearbyBuilding {
  /** The model id (what the twin's model list and `twin.models.byId` take). */
  id: string;
  name: string;
  nameEn: string | null;
  regionCode: string | null;
  /** Footprint outline, GeoJSON Polygon, lon/lat degrees. */
  footprint: { type: 'Polygon'; coordinates: number[][][] };
  /** Shortest horizontal distance from the footprint to the geometry, metres (0 = touching or overlapping). */
  distanceM: number;
}

/** Most buildings one call returns (nearest first). */
export const MAX_NEARBY_BUILDINGS = 500;

/**
 * The ready buildings the actor may see whose footprint lies within `distanceM` metres (geodesic, on the WGS84
 * spheroid) of `geometry`, nearest first, at most {@link MAX_NEARBY_BUILDINGS}.
 * @param geometry SQL of a geometry in EPSG:4326 (e.g. the union of some pipe segments)
 * @param distanceM 0–1 000 m
 */
export async function buildingsNear(db: Db, actor: Actor | null, geometry: SQL, distanceM: number): Promise<NearbyBuilding[]> {
  if (!(distanceM >= 0 && distanceM <= 1000)) throw new RangeError(`buildingsNear: distanceM must be 0–1000, got ${distanceM}`);
  const distance = sql<number>`ST_Distance(${models.footprint}::geography, g.geom::geography)`;
  const rows = await db
    .select({
      id: models.id,
      name: models.name,
      nameEn: models.nameEn,
      regionCode: models.regionCode,
      footprint: sql<NearbyBuilding['footprint']>`ST_AsGeoJSON(${models.footprint}, 7)::json`,
      distanceM: distance,
    })
    .from(models)
    .innerJoin(sql`(SELECT ${geometry} AS geom) g`, sql`ST_DWithin(${models.footprint}::geography, g.geom::geography, ${distanceM})`)
    .where(and(eq(models.status, 'ready'), isNotNull(models.footprint), visibleModelsSql(actor)))
    .orderBy(distance, models.name)
    .limit(MAX_NEARBY_BUILDINGS);
  return rows.map((row) => ({ ...row, distanceM: Number(row.distanceM) }));
}
