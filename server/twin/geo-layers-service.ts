import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { layers } from '@server/db/schema/twin';
import { NotFoundError } from '@kernel/errors';
import { InputError } from '@kernel/errors';
import { describeInput } from '@kernel/zod-fields';
import { layerIdSchema } from './inputs';

/**
 * GeoJSON FeatureCollections (WGS84 lon/lat) for catalogue layers of kind `geojson`, built inside PostGIS
 * with `ST_AsGeoJSON` and returned as ready-to-send JSON text. Properties are kept small.
 *
 * Notes: region boundaries are simplified with `ST_SimplifyPreserveTopology` (kept Multi with `ST_Multi`: PostGIS 3.3 returns a Polygon
 * for one-part input) at 50–100 m, about the sources' 1/1024° (≈ 100 m) quantisation — overview layers only; coordinates are written with 5 decimals (≈ 1 m).
 * @see /work/notes/API.md "GET /api/geo/<layerId>"
 */

/** Simplification tolerance of served boundaries per level, degrees (0.001° ≈ 100 m: county layer 3.7 → 1.3 MB). */
export const BOUNDARY_SIMPLIFY_DEG = { province: 0.0005, city: 0.0005, county: 0.001 } as const;
/** Decimal places of served coordinates (1e-5° ≈ 1.1 m). */
export const GEOJSON_DECIMALS = 5;

function regionsCollection(level: 'province' | 'city' | 'county'): SQL<string> {
  return sql<string>`
    SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
             'type', 'Feature', 'id', code,
             'geometry', ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(boundary, ${BOUNDARY_SIMPLIFY_DEG[level]})), ${sql.raw(String(GEOJSON_DECIMALS))})::json,
             'properties', json_build_object('code', code, 'name', name, 'level', level, 'parentCode', parent_code,
                                             'center', json_build_array(ST_X(center), ST_Y(center))))
             ORDER BY code), '[]'::json))::text AS body
      FROM regions WHERE level = ${level}`;
}

const ROADS_COLLECTION = sql<string>`
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', id,
           'geometry', ST_AsGeoJSON(geom, ${sql.raw(String(GEOJSON_DECIMALS))})::json,
           'properties', json_build_object('lanes', lanes_forward + lanes_reverse,
                                           'speedLimitMps', round(speed_limit_mps::numeric, 1), 'lengthM', length_m))
           ORDER BY id), '[]'::json))::text AS body
    FROM road_segments`;

/** The SQL that builds each GeoJSON layer, by catalogue id. */
const GEO_LAYER_SQL: Readonly<Record<string, SQL<string>>> = {
  'regions-province': regionsCollection('province'),
  'regions-city': regionsCollection('city'),
  'regions-county': regionsCollection('county'),
  'nanchang-roads': ROADS_COLLECTION,
};

/**
 * The FeatureCollection of one catalogue layer as JSON text.
 * @param input.layerId a catalogue id of kind `geojson`
 * @throws {InputError} when the id is malformed
 * @throws {NotFoundError} when the catalogue has no such GeoJSON layer or no source for it
 */
export async function geoLayerGeoJson(db: Db, actor: Actor | null, input: { layerId: string }): Promise<string> {
  void actor;
  const parsed = layerIdSchema.safeParse(input.layerId);
  if (!parsed.success) throw new InputError(`geo: layer id must look like "regions-city", got ${describeInput(input.layerId)}`, { context: { layerId: input.layerId } });
  const layerId = parsed.data;
  const [layer] = await db
    .select({ id: layers.id })
    .from(layers)
    .where(and(eq(layers.id, layerId), eq(layers.kind, 'geojson')));
  const query = Object.hasOwn(GEO_LAYER_SQL, layerId) ? GEO_LAYER_SQL[layerId] : undefined;
  if (!layer || !query) throw new NotFoundError(`geo: no GeoJSON layer ${layerId}`, { context: { layerId } });
  const result = await db.execute<{ body: string }>(query);
  return result.rows[0].body;
}
