/**
 * Turns GeoJSON geometries into plain polylines for outline rendering: polygon rings and line strings become
 * flat `[lon0, lat0, lon1, lat1, …]` arrays in degrees (WGS84). Points are skipped.
 *
 * @see RFC 7946 §3.1 (geometry objects)
 */

/** A GeoJSON position: `[lon, lat]` or `[lon, lat, height]`, degrees (WGS84) and metres. */
export type Position = readonly number[];

/** The GeoJSON geometry types this module reads (a structural subset of RFC 7946). */
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: readonly Position[] }
  | { type: 'LineString'; coordinates: readonly Position[] }
  | { type: 'MultiLineString'; coordinates: readonly (readonly Position[])[] }
  | { type: 'Polygon'; coordinates: readonly (readonly Position[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly Position[])[])[] }
  | { type: 'GeometryCollection'; geometries: readonly Geometry[] };

/** A GeoJSON feature collection (RFC 7946 §3.3); `id` and `properties` are not read here. */
export interface FeatureCollection {
  type: 'FeatureCollection';
  /** Features; `id` is the feature identifier of RFC 7946 §3.2 (a string or a number), absent when unnamed. */
  features: readonly { type: 'Feature'; id?: string | number; geometry: Geometry | null; properties?: unknown }[];
}

/** A polyline as flat degrees: `[lon0, lat0, lon1, lat1, …]`, at least two positions. */
export type PolylineDeg = number[];

function pushLine(line: readonly Position[], out: PolylineDeg[]): void {
  const flat: number[] = [];
  for (const position of line) {
    const lon = position[0];
    const lat = position[1];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    // Skip exact repeats: they add nothing and make zero-length segments.
    if (flat.length >= 2 && flat[flat.length - 2] === lon && flat[flat.length - 1] === lat) continue;
    flat.push(lon, lat);
  }
  if (flat.length >= 4) out.push(flat);
}

function collectLines(geometry: Geometry, out: PolylineDeg[]): void {
  switch (geometry.type) {
    case 'LineString':
      pushLine(geometry.coordinates, out);
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) pushLine(line, out);
      break;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) pushLine(ring, out);
      break;
    case 'GeometryCollection':
      for (const child of geometry.geometries) collectLines(child, out);
      break;
    default:
      break; // points have no outline
  }
}

/**
 * Collects every line string and polygon ring of a feature collection as a flat degree polyline.
 * Non-finite positions and consecutive duplicates are dropped; lines left with fewer than two positions are
 * skipped.
 *
 * @returns polylines in feature order
 */
export function featureCollectionToPolylines(collection: FeatureCollection): PolylineDeg[] {
  const out: PolylineDeg[] = [];
  for (const feature of collection.features) if (feature.geometry) collectLines(feature.geometry, out);
  return out;
}
