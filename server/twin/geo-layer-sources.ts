import { sql, type SQL } from 'drizzle-orm';
import type { GeoLayerSource } from '@server/host/server-plate';

/**
 * The twin plate's GeoJSON layer sources (served by the host at `GET /api/geo/<layerId>`): region boundaries and
 * the Nanchang road network, built inside PostGIS with `ST_AsGeoJSON` (WGS84 lon/lat). Properties are kept small.
 *
 * Notes: region boundaries are simplified with `ST_SimplifyPreserveTopology` (kept Multi with `ST_Multi`: PostGIS
 * 3.3 returns a Polygon for one-part input) at 50–100 m, about the sources' 1/1024° (≈ 100 m) quantisation —
 * overview layers only; coordinates are written with 5 decimals (≈ 1 m). All are public base geography.
 * @see docs/api.md "GET /api/geo/<layerId>"
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

/** The cities' label points (`regions.center`) with their name and code, for the points kind. */
const CITY_NAMES_COLLECTION = sql<string>`
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', code,
           'geometry', ST_AsGeoJSON(center, ${sql.raw(String(GEOJSON_DECIMALS))})::json,
           'properties', json_build_object('code', code, 'name', name, 'level', level))
           ORDER BY code), '[]'::json))::text AS body
    FROM regions WHERE level = 'city'`;

const ROADS_COLLECTION = sql<string>`
  SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
           'type', 'Feature', 'id', id,
           'geometry', ST_AsGeoJSON(geom, ${sql.raw(String(GEOJSON_DECIMALS))})::json,
           'properties', json_build_object('lanes', lanes_forward + lanes_reverse,
                                           'speedLimitMps', round(speed_limit_mps::numeric, 1), 'lengthM', length_m))
           ORDER BY id), '[]'::json))::text AS body
    FROM road_segments`;

/** A public source that answers the same SQL to everyone. */
const publicSource = (query: SQL<string>): GeoLayerSource => ({ cache: 'public', query: () => query });

/** The twin plate's GeoJSON sources by catalogue layer id (data/twin/layers.ts). */
export const TWIN_GEO_LAYERS: Readonly<Record<string, GeoLayerSource>> = {
  'regions-province': publicSource(regionsCollection('province')),
  'regions-city': publicSource(regionsCollection('city')),
  'regions-city-names': publicSource(CITY_NAMES_COLLECTION),
  'regions-county': publicSource(regionsCollection('county')),
  'nanchang-roads': publicSource(ROADS_COLLECTION),
};
