import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';
import { decodeEwkbHex } from './ewkb';
import type { GeoJsonAnyGeometry, GeoJsonGeometry, GeoJsonLineString, GeoJsonMultiPolygon, GeoJsonPoint, GeoJsonPolygon } from './geojson';

/**
 * PostGIS geometry columns that declare their geometry type AND SRID (STYLE rule 20), e.g.
 * `geometry(MultiPolygon,4326)`. Drizzle's built-in `geometry()` is point-only and drops the SRID.
 *
 * Write: GeoJSON objects go through `ST_SetSRID(ST_GeomFromGeoJSON(json), 4326)`.
 * Read: select `asGeoJson(column)` (`ST_AsGeoJSON(...)::json`); whole-row selects decode the EWKB hex.
 * Coordinates are `[lon, lat]` degrees (EPSG:4326), plus ellipsoidal height in metres for Z types.
 * @see https://postgis.net/docs/ST_GeomFromGeoJSON.html
 */

/** WGS84 geographic, the SRID of every stored geometry unless a column documents otherwise. */
export const WGS84_SRID = 4326;

function geometryColumn<TGeometry extends GeoJsonAnyGeometry>(geometryType: string, srid: number) {
  return customType<{ data: TGeometry; driverData: string }>({
    dataType: () => `geometry(${geometryType},${srid})`,
    toDriver: (value: TGeometry): SQL => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), ${sql.raw(String(srid))})`,
    fromDriver: (value: string): TGeometry => decodeEwkbHex(value) as TGeometry,
  });
}

/** `geometry(PointZ,4326)`: lon/lat degrees + ellipsoidal height metres (model anchors). */
export const pointZ = geometryColumn<GeoJsonPoint>('PointZ', WGS84_SRID);
/** `geometry(Point,4326)`: lon/lat degrees (label points, centres). */
export const point = geometryColumn<GeoJsonPoint>('Point', WGS84_SRID);
/** `geometry(LineString,4326)`. */
export const lineString = geometryColumn<GeoJsonLineString>('LineString', WGS84_SRID);
/**
 * `geometry(LineStringZ,4326)`: lon/lat degrees + height metres above the WGS84 ellipsoid (pipe axes, which the twin
 * draws at their real depth: negative = below the ellipsoid).
 */
export const lineStringZ = geometryColumn<GeoJsonLineString>('LineStringZ', WGS84_SRID);
/** `geometry(Polygon,4326)` (model footprints). */
export const polygon = geometryColumn<GeoJsonPolygon>('Polygon', WGS84_SRID);
/** `geometry(MultiPolygon,4326)` (administrative boundaries). */
export const multiPolygon = geometryColumn<GeoJsonMultiPolygon>('MultiPolygon', WGS84_SRID);

/**
 * `geometry(Geometry,4326)`: any of the GeoJSON geometry types, lon/lat degrees — only for uploads that may mix
 * types (`catalogue_features`); the importer checks the type.
 */
export const anyGeometry = geometryColumn<GeoJsonAnyGeometry>('Geometry', WGS84_SRID);

/**
 * `ST_AsGeoJSON(column)::json` for a select list; `null` when the column is null.
 * @param column a geometry column or expression
 * @param maxDecimalDigits coordinate decimals (7 ≈ 1 cm in degrees)
 */
export function asGeoJson<TGeometry extends GeoJsonGeometry>(column: SQLWrapper, maxDecimalDigits = 7): SQL<TGeometry | null> {
  return sql<TGeometry | null>`ST_AsGeoJSON(${column}, ${sql.raw(String(maxDecimalDigits))})::json`;
}

/**
 * A GeoJSON literal as a SRID-4326 geometry expression (for comparisons in SQL).
 * @param geometry GeoJSON in lon/lat degrees
 */
export function fromGeoJson(geometry: GeoJsonGeometry): SQL {
  return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), ${sql.raw(String(WGS84_SRID))})`;
}
