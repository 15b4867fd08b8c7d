import type { GeoJsonPolygon } from '@server/db/columns/geojson';
import type { AnchorDeg } from '@server/twin/types';

/**
 * The plan footprint and height of a tileset from its root `boundingVolume.box`, which our tiler writes in
 * ENU metres at the anchor (root `transform` = ENU→ECEF).
 *
 * Notes: ENU offsets become lon/lat through the WGS84 meridian (M) and prime-vertical (N) radii at the anchor's
 * latitude — a local tangent-plane approximation whose error is < 1 mm at 100 m and ≈ 8 cm at 1 km, far below
 * what a footprint is used for. An oriented box gives its true rotated outline (4 corners).
 * @see 3D Tiles 1.1 §Bounding volumes (box = centre + 3 half-axis vectors); EPSG:4326 ellipsoid (a, f)
 */

const WGS84_A_M = 6_378_137;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);

/** Metres per radian along the meridian (M) and the prime vertical (N) at a latitude. */
function radiiM(latDeg: number): { meridianM: number; primeVerticalM: number } {
  const sinLat = Math.sin((latDeg * Math.PI) / 180);
  const w = Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  return { meridianM: (WGS84_A_M * (1 - WGS84_E2)) / (w * w * w), primeVerticalM: WGS84_A_M / w };
}

/**
 * Converts an ENU offset at an anchor into lon/lat degrees.
 * @param anchor ENU origin, degrees
 * @param eastM metres east; @param northM metres north
 * @returns `[lon, lat]` degrees WGS84
 */
export function enuOffsetToLonLat(anchor: AnchorDeg, eastM: number, northM: number): [number, number] {
  const { meridianM, primeVerticalM } = radiiM(anchor.latDeg);
  const latDeg = anchor.latDeg + (northM / meridianM) * (180 / Math.PI);
  const lonDeg = anchor.lonDeg + (eastM / (primeVerticalM * Math.cos((anchor.latDeg * Math.PI) / 180))) * (180 / Math.PI);
  return [lonDeg, latDeg];
}

/** Footprint polygon (lon/lat degrees) and vertical extent (metres) of an ENU box. */
export interface BoxFootprint {
  footprint: GeoJsonPolygon;
  /** Total extent along up, metres (the building height for a building model). */
  heightM: number;
}

/**
 * Footprint and height of a 3D Tiles `box` in ENU metres at `anchor`.
 * @param box 12 numbers: centre (x east, y north, z up) then half-axes X, Y, Z, metres
 * @returns null when `box` is not 12 finite numbers
 */
export function footprintOfEnuBox(anchor: AnchorDeg, box: readonly number[]): BoxFootprint | null {
  if (box.length !== 12 || !box.every(Number.isFinite)) return null;
  const [cx, cy, , ax, ay, az, bx, by, bz, , , hz] = box;
  const corners: [number, number][] = [
    [cx - ax - bx, cy - ay - by],
    [cx + ax - bx, cy + ay - by],
    [cx + ax + bx, cy + ay + by],
    [cx - ax + bx, cy - ay + by],
  ];
  const ring = corners.map(([e, n]) => enuOffsetToLonLat(anchor, e, n));
  ring.push(ring[0]);
  const heightM = 2 * (Math.abs(az) + Math.abs(bz) + Math.abs(hz));
  return { footprint: { type: 'Polygon', coordinates: [ring] }, heightM };
}

/**
 * A plan outline in ENU metres (the tiler's `report.footprintEnu`) as a lon/lat Polygon.
 * @param anchor the tileset's ENU origin, degrees
 * @param ringEnu `[east, north]` metres, ≥ 3 points, first point not repeated
 * @returns a closed Polygon, or null for fewer than 3 points
 */
export function footprintOfEnuRing(anchor: AnchorDeg, ringEnu: readonly (readonly [number, number])[]): GeoJsonPolygon | null {
  if (ringEnu.length < 3 || !ringEnu.every(([e, n]) => Number.isFinite(e) && Number.isFinite(n))) return null;
  const ring = ringEnu.map(([e, n]) => enuOffsetToLonLat(anchor, e, n));
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * Plan outline (lon/lat degrees) of an axis-aligned ENU box, e.g. one element's `boundsEnu` from the tiler's import/elements.ndjson.
 * @param anchor the tileset's ENU origin, degrees
 * @param bounds min/max corners, ENU metres (x east, y north, z up)
 * @returns a closed 4-corner Polygon, or null when the box has no horizontal extent or is not finite
 */
export function footprintOfEnuBounds(
  anchor: AnchorDeg,
  bounds: { min: readonly number[]; max: readonly number[] },
): GeoJsonPolygon | null {
  const [minE, minN] = bounds.min;
  const [maxE, maxN] = bounds.max;
  if (![minE, minN, maxE, maxN].every(Number.isFinite) || maxE <= minE || maxN <= minN) return null;
  const ring = ([[minE, minN], [maxE, minN], [maxE, maxN], [minE, maxN], [minE, minN]] as const).map(([e, n]) =>
    enuOffsetToLonLat(anchor, e, n),
  );
  return { type: 'Polygon', coordinates: [ring] };
}
