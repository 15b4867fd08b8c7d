/**
 * Measuring geometry on the WGS84 ellipsoid, engine-free: distances (3D slope and horizontal) of a polyline, the
 * horizontal area and perimeter of a polygon, and the height difference of two points. Inputs are ECEF positions
 * (metres, WGS84 Earth-centred Earth-fixed, what CesiumJS `Cartesian3` holds) or geodetic lon/lat/height.
 *
 * Notes:
 * - "Horizontal" and "vertical" are taken in a local ENU (east-north-up) tangent frame whose up is the WGS84
 *   ellipsoid normal (geodetic vertical), as surveyors use it at a building's scale.
 * - A polygon has one frame: the ENU frame at its first point; its area is the shoelace area of the points'
 *   (east, north) projection onto that plane. Over a parcel (≤ 1 km across) the tangent plane departs from the
 *   ellipsoid by ≤ 8 cm and scales areas by ≤ 1e-8 relative, far below what clicking gets right.
 * - A polyline's segments are each measured in the ENU frame at the segment's start (the first point for the first
 *   segment), so that a segment 2 km away from the first point still gets its rise from its own vertical (in the
 *   first point's frame, the tilt of 2 km / 6 371 km would add 3 cm of rise per 100 m of segment).
 * - The 3D slope distance is the straight chord between the two ECEF points, independent of any frame.
 * - A self-intersecting polygon has no meaningful shoelace area (its lobes cancel): it is reported as a problem,
 *   not a number.
 *
 * @see NIMA TR8350.2 (WGS84 a = 6 378 137 m, 1/f = 298.257223563); CGCS2000 differs in f by 1e-10 relative
 */
import * as wgs84 from '@kernel/wgs84-ecef';

/** An ECEF position `[x, y, z]`, metres (WGS84). */
export type Ecef = readonly [number, number, number];
/** A vector in a local ENU frame `[east, north, up]`, metres. */
export type Enu = readonly [number, number, number];

/** A geodetic position on WGS84. */
export interface Geodetic {
  /** Longitude, degrees east, [−180, 180]. */
  lonDeg: number;
  /** Latitude, degrees north, [−90, 90]. */
  latDeg: number;
  /** Height above the WGS84 ellipsoid, metres. */
  heightEllipsoidalM: number;
}

const RAD_PER_DEG = Math.PI / 180;

/** ECEF of a geodetic WGS84 position, metres (kernel/wgs84-ecef.ts). @throws {InputError} out of range */
export function geodeticToEcef({ lonDeg, latDeg, heightEllipsoidalM }: Geodetic): Ecef {
  return wgs84.geodeticToEcef(lonDeg, latDeg, heightEllipsoidalM);
}

/**
 * Geodetic WGS84 position of an ECEF point (kernel/wgs84-ecef.ts).
 * @throws {RangeError} for a point within 1 km of the Earth's centre (no meaningful vertical)
 */
export function ecefToGeodetic(pointEcef: Ecef): Geodetic {
  if (Math.hypot(...pointEcef) < 1_000) throw new RangeError(`measure-geometry: ECEF point [${pointEcef.join(', ')}] is at the Earth's centre`);
  const [lonDeg, latDeg, heightEllipsoidalM] = wgs84.ecefToGeodetic(pointEcef);
  return { lonDeg, latDeg, heightEllipsoidalM };
}

/** A local east-north-up tangent frame: its origin and its three unit axes, all in ECEF. */
export interface EnuFrame {
  originEcef: Ecef;
  east: Ecef;
  north: Ecef;
  /** The WGS84 ellipsoid normal (geodetic vertical) at the origin. */
  up: Ecef;
}

/** The ENU frame at an ECEF point (axes from its geodetic lon/lat). */
export function enuFrameAt(originEcef: Ecef): EnuFrame {
  const { lonDeg, latDeg } = ecefToGeodetic(originEcef);
  const lon = lonDeg * RAD_PER_DEG;
  const lat = latDeg * RAD_PER_DEG;
  const [sinLon, cosLon, sinLat, cosLat] = [Math.sin(lon), Math.cos(lon), Math.sin(lat), Math.cos(lat)];
  return {
    originEcef,
    east: [-sinLon, cosLon, 0],
    north: [-sinLat * cosLon, -sinLat * sinLon, cosLat],
    up: [cosLat * cosLon, cosLat * sinLon, sinLat],
  };
}

const dot = (a: Ecef, b: Ecef) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** The ENU coordinates (metres) of an ECEF point in `frame`. */
export function ecefToEnu(frame: EnuFrame, pointEcef: Ecef): Enu {
  const d: Ecef = [pointEcef[0] - frame.originEcef[0], pointEcef[1] - frame.originEcef[1], pointEcef[2] - frame.originEcef[2]];
  return [dot(d, frame.east), dot(d, frame.north), dot(d, frame.up)];
}

/** The ECEF point at ENU coordinates `enu` (metres) of `frame`. */
export function enuToEcef(frame: EnuFrame, [e, n, u]: Enu): Ecef {
  const { originEcef: o, east, north, up } = frame;
  return [
    o[0] + e * east[0] + n * north[0] + u * up[0],
    o[1] + e * east[1] + n * north[1] + u * up[1],
    o[2] + e * east[2] + n * north[2] + u * up[2],
  ];
}

/** Straight-line (chord) distance between two ECEF points, metres. */
export function chordDistanceM(a: Ecef, b: Ecef): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
}

/** One measured segment from a start point to an end point. */
export interface SegmentMeasure {
  /** 3D straight-line distance, metres (≥ 0). */
  slopeM: number;
  /** Distance in the horizontal plane of the start point's ENU frame, metres (≥ 0). */
  horizontalM: number;
  /** Height of the end above the start along the start's vertical, metres (negative: below). */
  riseM: number;
}

/** Slope, horizontal and vertical components of the segment `from → to` (in the ENU frame at `from`). */
export function measureSegment(from: Ecef, to: Ecef): SegmentMeasure {
  const [e, n, u] = ecefToEnu(enuFrameAt(from), to);
  return { slopeM: chordDistanceM(from, to), horizontalM: Math.hypot(e, n), riseM: u };
}

/** A measured polyline. */
export interface DistanceMeasure {
  /** One entry per segment, in click order (empty with fewer than two points). */
  segments: SegmentMeasure[];
  /** Sum of the segments' 3D distances, metres. */
  totalSlopeM: number;
  /** Sum of the segments' horizontal distances, metres. */
  totalHorizontalM: number;
}

/** Measures the polyline through `pointsEcef` in order (each segment in its start's ENU frame, see Notes). */
export function measureDistance(pointsEcef: readonly Ecef[]): DistanceMeasure {
  const segments: SegmentMeasure[] = [];
  for (let i = 1; i < pointsEcef.length; i += 1) segments.push(measureSegment(pointsEcef[i - 1], pointsEcef[i]));
  return {
    segments,
    totalSlopeM: segments.reduce((sum, s) => sum + s.slopeM, 0),
    totalHorizontalM: segments.reduce((sum, s) => sum + s.horizontalM, 0),
  };
}

/** Height difference of two points and the distances between them. */
export interface HeightMeasure {
  /** Height of `to` above `from` along `from`'s vertical, metres (negative: `to` is lower). */
  deltaHeightM: number;
  /** Horizontal distance in `from`'s ENU plane, metres. */
  horizontalM: number;
  /** 3D straight-line distance, metres. */
  slopeM: number;
  /** The corner of the right triangle: the point on `from`'s vertical at `to`'s level (ECEF), for drawing. */
  cornerEcef: Ecef;
}

/** Measures the height of `to` above `from` (ENU frame at `from`; see Notes). */
export function measureHeight(from: Ecef, to: Ecef): HeightMeasure {
  const frame = enuFrameAt(from);
  const [e, n, u] = ecefToEnu(frame, to);
  return { deltaHeightM: u, horizontalM: Math.hypot(e, n), slopeM: chordDistanceM(from, to), cornerEcef: enuToEcef(frame, [0, 0, u]) };
}

/** Why a polygon has no area. */
export type AreaProblem = 'too-few-points' | 'self-intersecting' | 'degenerate';

/** A measured polygon: its horizontal area and perimeter, or why it has none. */
export type AreaMeasure =
  | {
      /** Area of the polygon's projection on the horizontal plane of its first point, square metres (> 0). */
      areaM2: number;
      /** Perimeter of that projection, closing edge included, metres. */
      perimeterM: number;
      problem: null;
    }
  | { areaM2: null; perimeterM: number | null; problem: AreaProblem };

/** Twice the signed area of triangle (a, b, c) in the plane: > 0 when counter-clockwise. */
function orientation(a: readonly number[], b: readonly number[], c: readonly number[]): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** Whether `q` lies within the bounding box of segment p–r (for collinear points). */
function isWithin(p: readonly number[], q: readonly number[], r: readonly number[]): boolean {
  return Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
}

/** Whether the closed segments a–b and c–d share a point (touching and collinear overlap included). */
export function doSegmentsIntersect(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const scale = Math.max(1, ...[a, b, c, d].flatMap((p) => [Math.abs(p[0]), Math.abs(p[1])]));
  const epsilon = 1e-12 * scale * scale;
  const sign = (value: number) => (Math.abs(value) <= epsilon ? 0 : Math.sign(value));
  const o1 = sign(orientation(a, b, c));
  const o2 = sign(orientation(a, b, d));
  const o3 = sign(orientation(c, d, a));
  const o4 = sign(orientation(c, d, b));
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && isWithin(a, c, b)) || (o2 === 0 && isWithin(a, d, b)) || (o3 === 0 && isWithin(c, a, d)) || (o4 === 0 && isWithin(c, b, d));
}

/**
 * Whether the closed polygon through the 2D `points` (at least 3, no two consecutive equal) crosses or touches
 * itself: any two non-adjacent edges share a point.
 */
export function isSelfIntersecting(points: readonly (readonly number[])[]): boolean {
  const count = points.length;
  for (let i = 0; i < count; i += 1) {
    for (let j = i + 1; j < count; j += 1) {
      // Adjacent edges share a vertex by construction (edge i ends where edge i + 1 starts; the last meets the first).
      if (j === i + 1 || (i === 0 && j === count - 1)) continue;
      if (doSegmentsIntersect(points[i], points[(i + 1) % count], points[j], points[(j + 1) % count])) return true;
    }
  }
  return false;
}

/** Shortest horizontal edge kept, metres: closer consecutive points count as one (a double click, a re-click). */
export const MIN_EDGE_M = 1e-3;

/**
 * Measures the horizontal area and perimeter of the polygon through `pointsEcef` (closed back to the first point),
 * projected on the horizontal plane of the ENU frame at its first point, by the shoelace formula.
 * Consecutive points closer than {@link MIN_EDGE_M} horizontally count as one.
 * @returns the area (m²) and perimeter (m); or `problem`: fewer than 3 distinct points, edges that cross or touch
 *   (`self-intersecting`: no area is given, not a wrong one), or all points on one line (`degenerate`).
 *   `perimeterM` is given with the problems but `too-few-points`.
 * @example measureHorizontalArea(rectangle100x50) // { areaM2: 5000.000…, perimeterM: 300.000…, problem: null }
 */
export function measureHorizontalArea(pointsEcef: readonly Ecef[]): AreaMeasure {
  if (pointsEcef.length === 0) return { areaM2: null, perimeterM: null, problem: 'too-few-points' };
  const frame = enuFrameAt(pointsEcef[0]);
  const plane: [number, number][] = [];
  for (const point of pointsEcef) {
    const [e, n] = ecefToEnu(frame, point);
    const previous = plane.at(-1);
    if (previous && Math.hypot(e - previous[0], n - previous[1]) < MIN_EDGE_M) continue;
    plane.push([e, n]);
  }
  while (plane.length > 1 && Math.hypot(plane[0][0] - plane.at(-1)![0], plane[0][1] - plane.at(-1)![1]) < MIN_EDGE_M) plane.pop();
  if (plane.length < 3) return { areaM2: null, perimeterM: null, problem: 'too-few-points' };
  let twiceArea = 0;
  let twiceFanArea = 0;
  let perimeterM = 0;
  for (let i = 0; i < plane.length; i += 1) {
    const [e1, n1] = plane[i];
    const [e2, n2] = plane[(i + 1) % plane.length];
    twiceArea += e1 * n2 - e2 * n1;
    // Unsigned areas of the fan from the first point (which is the ENU origin): zero only when all are on one line.
    twiceFanArea += Math.abs(e1 * n2 - e2 * n1);
    perimeterM += Math.hypot(e2 - e1, n2 - n1);
  }
  // All points on one line (checked first: its edges overlap, which would read as self-intersecting). Points clicked
  // along a parallel lie on a curve in the tangent plane (0.4 mm off the chord over 100 m), so "one line" means a
  // sliver thinner than 1e-4 of its length (1 cm over 100 m): area ≤ 2.5e-5 × perimeter².
  if (twiceFanArea / 2 <= 2.5e-5 * perimeterM * perimeterM) return { areaM2: null, perimeterM, problem: 'degenerate' };
  if (isSelfIntersecting(plane)) return { areaM2: null, perimeterM, problem: 'self-intersecting' };
  const areaM2 = Math.abs(twiceArea) / 2;
  return { areaM2, perimeterM, problem: null };
}
