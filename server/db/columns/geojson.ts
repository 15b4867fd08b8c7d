/**
 * GeoJSON geometry types (RFC 7946) held by our PostGIS columns. Positions are `[lon, lat]` degrees, plus
 * `heightM` (ellipsoidal metres) as a third value where the column is a Z type.
 * @see https://www.rfc-editor.org/rfc/rfc7946#section-3.1
 */

/** GeoJSON Point; `[lon, lat]` or `[lon, lat, heightM]`. */
export interface GeoJsonPoint {
  type: 'Point';
  coordinates: number[];
}
/** GeoJSON LineString of `[lon, lat]` positions. */
export interface GeoJsonLineString {
  type: 'LineString';
  coordinates: number[][];
}
/** GeoJSON Polygon: rings of `[lon, lat]`, first ring the exterior. */
export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: number[][][];
}
/** GeoJSON MultiPolygon. */
export interface GeoJsonMultiPolygon {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}
/** Geometries our columns hold. */
export type GeoJsonGeometry = GeoJsonPoint | GeoJsonLineString | GeoJsonPolygon | GeoJsonMultiPolygon;
/** GeoJSON MultiPoint. */
export interface GeoJsonMultiPoint {
  type: 'MultiPoint';
  coordinates: number[][];
}
/** GeoJSON MultiLineString. */
export interface GeoJsonMultiLineString {
  type: 'MultiLineString';
  coordinates: number[][][];
}
/** Any of the six RFC 7946 geometry types except GeometryCollection (uploaded vector layers). */
export type GeoJsonAnyGeometry = GeoJsonGeometry | GeoJsonMultiPoint | GeoJsonMultiLineString;

