import { JIANGXI_BBOX_DEG, MAX_POLYGON_RINGS, MAX_POLYGON_VERTICES } from '@data/villages/jiangxi-bbox';
import type { CurateMessageKey } from './curate-messages';

/**
 * Reads the GeoJSON Polygon a curator typed (village boundary, building footprint) and names the first problem, so
 * the form can say what is wrong before sending. The server checks again, self-intersection included (PostGIS).
 * Positions are `[lon, lat]` degrees WGS84 inside Jiangxi's box.
 */

/** A GeoJSON Polygon as the curate procedures take it. */
export interface PolygonValue {
  type: 'Polygon';
  coordinates: [number, number][][];
}

/** The outcome: a polygon (null = the field was left empty) or a message key with its parameters. */
export type PolygonTextResult = { ok: true; polygon: PolygonValue | null } | { ok: false; key: CurateMessageKey; params: Record<string, string | number> };

const [WEST, SOUTH, EAST, NORTH] = JIANGXI_BBOX_DEG;

function isLonLat(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    value[0] >= WEST &&
    value[0] <= EAST &&
    value[1] >= SOUTH &&
    value[1] <= NORTH
  );
}

/**
 * Parses the text of a polygon field: empty (whitespace) → `polygon: null`; a Feature is unwrapped to its geometry.
 * @param text what the curator typed or pasted
 */
export function parsePolygonText(text: string): PolygonTextResult {
  if (text.trim() === '') return { ok: true, polygon: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, key: 'geojson.invalidJson', params: { message: error instanceof Error ? error.message : String(error) } };
  }
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'Feature') value = (value as { geometry?: unknown }).geometry;
  const polygon = value as { type?: unknown; coordinates?: unknown };
  if (typeof polygon !== 'object' || polygon === null || polygon.type !== 'Polygon' || !Array.isArray(polygon.coordinates) || polygon.coordinates.length === 0 || polygon.coordinates.length > MAX_POLYGON_RINGS) {
    return { ok: false, key: 'geojson.notPolygon', params: {} };
  }
  let count = 0;
  for (const [r, ring] of (polygon.coordinates as unknown[]).entries()) {
    if (!Array.isArray(ring) || ring.length < 4) return { ok: false, key: 'geojson.ring', params: { ring: r + 1 } };
    count += ring.length;
    for (const [i, position] of ring.entries()) {
      if (!isLonLat(position)) return { ok: false, key: 'geojson.position', params: { ring: r + 1, index: i + 1 } };
    }
    const first = ring[0] as [number, number];
    const last = ring[ring.length - 1] as [number, number];
    if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false, key: 'geojson.open', params: { ring: r + 1 } };
  }
  if (count > MAX_POLYGON_VERTICES) return { ok: false, key: 'geojson.tooMany', params: { count, max: MAX_POLYGON_VERTICES } };
  return { ok: true, polygon: { type: 'Polygon', coordinates: polygon.coordinates as [number, number][][] } };
}

/** A polygon as the text of its field (compact JSON), '' for none. */
export function polygonText(polygon: { coordinates: number[][][] } | null): string {
  return polygon ? JSON.stringify({ type: 'Polygon', coordinates: polygon.coordinates }) : '';
}
