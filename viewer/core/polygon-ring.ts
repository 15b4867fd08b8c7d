/**
 * Pure geometry of a parcel boundary being drawn: corners as `[lonDeg, latDeg]` (WGS84, open: the first corner is
 * not repeated), edge `i` runs from corner `i` to corner `i + 1` (the last edge back to corner 0), so edge numbers
 * shown to planners are `i + 1` and match the order of the per-edge setbacks and of the GeoJSON ring.
 *
 * Lengths and areas are computed in a local east-north plane at the ring's first corner: east = Δλ·N·cos φ0,
 * north = Δφ·M with the GRS80/WGS84 radii of curvature N (prime vertical) and M (meridian) at φ0. For a parcel of
 * ≤ 2 km across this is within 0.01 % of the geodesic area (the tangent-plane error grows with (size / 6 371 km)²;
 * checked against PostGIS `ST_Area(geography)` in polygon-ring.test.ts).
 * @see RFC 7946 §3.1.6 (closed rings, counter-clockwise outer ring); GRS80 ellipsoid (a = 6 378 137 m, 1/f = 298.257222101)
 */

/** A corner, `[lonDeg, latDeg]` WGS84. */
export type LonLat = readonly [number, number];

const A_M = 6_378_137;
const F = 1 / 298.257222101;
const E2 = F * (2 - F);
const DEG = Math.PI / 180;

/** Local east/north metres of `corners` relative to `origin` (see module doc). */
export function toLocalEastNorthM(corners: readonly LonLat[], origin: LonLat = corners[0]): [number, number][] {
  const phi0 = origin[1] * DEG;
  const w = Math.sqrt(1 - E2 * Math.sin(phi0) ** 2);
  const primeVerticalM = A_M / w;
  const meridianM = (A_M * (1 - E2)) / w ** 3;
  return corners.map(([lon, lat]) => [(lon - origin[0]) * DEG * primeVerticalM * Math.cos(phi0), (lat - origin[1]) * DEG * meridianM]);
}

/** Signed area of the open ring in the local plane, m²: > 0 counter-clockwise (seen from above), < 0 clockwise. */
export function signedAreaM2(corners: readonly LonLat[]): number {
  if (corners.length < 3) return 0;
  const points = toLocalEastNorthM(corners);
  let sum = 0;
  for (let i = 0; i < points.length; i += 1) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Area enclosed by the open ring, m² (0 for fewer than 3 corners). */
export function ringAreaM2(corners: readonly LonLat[]): number {
  return Math.abs(signedAreaM2(corners));
}

/** One edge of the ring, for its number label. */
export interface RingEdge {
  /** 1-based number shown to the planner (edge `number - 1` of the setbacks). */
  number: number;
  /** Midpoint, `[lonDeg, latDeg]` (the mean of its ends: exact enough for edges ≤ a few km). */
  midpoint: [number, number];
  lengthM: number;
}

/** The ring's edges in ring order (a closed ring of `n` corners has `n` edges; 2 corners: one edge, 0–1: none). */
export function ringEdges(corners: readonly LonLat[]): RingEdge[] {
  if (corners.length < 2) return [];
  const count = corners.length === 2 ? 1 : corners.length;
  const points = toLocalEastNorthM(corners);
  return Array.from({ length: count }, (_, i) => {
    const j = (i + 1) % corners.length;
    return {
      number: i + 1,
      midpoint: [(corners[i][0] + corners[j][0]) / 2, (corners[i][1] + corners[j][1]) / 2],
      lengthM: Math.hypot(points[j][0] - points[i][0], points[j][1] - points[i][1]),
    };
  });
}

/** The closed GeoJSON ring of the corners (first corner repeated at the end). */
export function closeRing(corners: readonly LonLat[]): [number, number][] {
  if (corners.length === 0) return [];
  return [...corners.map(([lon, lat]) => [lon, lat] as [number, number]), [corners[0][0], corners[0][1]]];
}

/** The open corners of a closed GeoJSON ring (drops the closing position when it repeats the first). */
export function openRing(ring: readonly LonLat[]): [number, number][] {
  const corners = ring.map(([lon, lat]) => [lon, lat] as [number, number]);
  const [first, last] = [corners[0], corners[corners.length - 1]];
  if (corners.length > 1 && first[0] === last[0] && first[1] === last[1]) corners.pop();
  return corners;
}

/**
 * The ring counter-clockwise (as the server stores it) with its per-edge values kept on the same edges: a clockwise
 * ring `c0 c1 … c(n-1)` becomes `c0 c(n-1) … c1`, whose edge `j` is the old edge `n-1-j`, so `perEdge` is reversed.
 */
export function toCounterClockwise<T>(corners: readonly LonLat[], perEdge: readonly T[]): { corners: [number, number][]; perEdge: T[] } {
  const copy = corners.map(([lon, lat]) => [lon, lat] as [number, number]);
  if (signedAreaM2(corners) >= 0) return { corners: copy, perEdge: [...perEdge] };
  return { corners: [copy[0], ...copy.slice(1).reverse()], perEdge: [...perEdge].reverse() };
}

/** Whether segments p1–p2 and p3–p4 properly cross or touch (local-plane points). */
function segmentsIntersect(p1: number[], p2: number[], p3: number[], p4: number[]): boolean {
  const cross = (a: number[], b: number[], c: number[]) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** Whether two non-adjacent edges of the closed ring cross (the server refuses such a boundary). O(n²), n ≤ 500. */
export function ringSelfIntersects(corners: readonly LonLat[]): boolean {
  const n = corners.length;
  if (n < 4) return false;
  const p = toLocalEastNorthM(corners);
  for (let i = 0; i < n; i += 1) {
    for (let j = i + 2; j < n; j += 1) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsIntersect(p[i], p[(i + 1) % n], p[j], p[(j + 1) % n])) return true;
    }
  }
  return false;
}

/**
 * Removes corner `index` and keeps each remaining edge's value: the edges `index - 1` and `index` merge into one
 * that keeps the value of edge `index - 1` (the edge arriving at the removed corner).
 * @returns new arrays (inputs untouched); unchanged copies when `index` is out of range
 */
export function removeCorner<T>(corners: readonly LonLat[], perEdge: readonly T[], index: number): { corners: [number, number][]; perEdge: T[] } {
  const nextCorners = corners.map(([lon, lat]) => [lon, lat] as [number, number]);
  const nextEdges = [...perEdge];
  if (!Number.isInteger(index) || index < 0 || index >= corners.length) return { corners: nextCorners, perEdge: nextEdges };
  nextCorners.splice(index, 1);
  nextEdges.splice(index, 1);
  return { corners: nextCorners, perEdge: nextEdges };
}
