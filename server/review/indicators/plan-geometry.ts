/**
 * Plan (horizontal projection) geometry for the review indicators: triangles → unioned plan polygons, areas,
 * distances. Pure; metres in whatever horizontal frame the caller uses (ENU east/north).
 *
 * Notes
 * - Union by `polyclip-ts` (Martinez–Rueda sweep, exact predicates through bignumber.js). Coordinates are snapped to
 *   {@link PLAN_GRID_M} first, so vertices that web-ifc writes once per face meet exactly and slivers do not appear.
 * - A triangle takes part when its projected area exceeds {@link MIN_TRIANGLE_AREA_M2}: vertical faces (walls'
 *   sides) project to (almost) zero and are skipped; the top and bottom faces of a solid cover its plan.
 * - Triangles are unioned in batches of {@link UNION_BATCH} (each batch with the running result), so a heavy element
 *   never builds one huge sweep.
 * @see GB/T 50353-2013 建筑工程建筑面积计算规范 (plan projections); F. Martínez et al., "A new algorithm for computing
 *   Boolean operations on polygons", Computers & Geosciences 35 (2009)
 */
import { difference, intersection, union } from 'polyclip-ts';
import { convexHull } from '@kernel/convex-hull';

/** `[x, y]` metres: ENU east, north. */
export type PlanPoint = [number, number];
/** Closed or open ring (first point may be repeated), metres. */
export type PlanRing = PlanPoint[];
/** Polygon: outer ring then holes (GeoJSON order). */
export type PlanPolygon = PlanRing[];
/** GeoJSON-like MultiPolygon coordinates, metres. */
export type PlanMultiPolygon = PlanPolygon[];

/** Snap grid of plan coordinates before union, metres (0.1 mm). */
export const PLAN_GRID_M = 1e-4;
/** Triangles whose horizontal projection is at most this (m²) are skipped (vertical faces). */
export const MIN_TRIANGLE_AREA_M2 = 1e-6;
/** Triangles per union call. */
const UNION_BATCH = 400;

const snap = (v: number) => Math.round(v / PLAN_GRID_M) * PLAN_GRID_M;

/** Coarser grids (m) to retry a union on when the sweep fails on near-degenerate input. */
const RETRY_GRIDS_M = [1e-3, 1e-2];

/**
 * `polyclip-ts` union with retries: on its rare "Unable to complete output ring" (FZK-Haus: one element's triangles),
 * the inputs are snapped to 1 mm, then 1 cm, and united again; last, piece by piece, leaving out pieces that fail.
 */
function robustUnion(geoms: PlanMultiPolygon[]): PlanMultiPolygon {
  try {
    return union(geoms[0], ...geoms.slice(1));
  } catch (error) {
    for (const gridM of RETRY_GRIDS_M) {
      try {
        const snapped = geoms.map((g) => roundPlan(g, gridM));
        return union(snapped[0], ...snapped.slice(1));
      } catch {
        // try the next, coarser grid
      }
    }
    // Last resort: one piece at a time, leaving out a piece the sweep cannot take (a sliver of one element).
    let result: PlanMultiPolygon = [];
    let skipped = 0;
    for (const geom of geoms) {
      try {
        result = result.length > 0 ? union(result, geom) : union(geom);
      } catch {
        skipped += 1;
      }
    }
    if (skipped === geoms.length) throw error;
    return result;
  }
}

/**
 * The union of the horizontal projections of triangles.
 * @param trianglesEnu 9 numbers per triangle (3 × east, north, up), metres
 * @returns the plan as a MultiPolygon (outer rings counter-clockwise per polyclip-ts), metres; [] when nothing projects
 */
export function planOfTriangles(trianglesEnu: Float64Array): PlanMultiPolygon {
  let result: PlanMultiPolygon = [];
  let batch: PlanPolygon[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    result = robustUnion(result.length > 0 ? [result, ...batch.map((p) => [p])] : batch.map((p) => [p]));
    batch = [];
  };
  for (let i = 0; i < trianglesEnu.length; i += 9) {
    const a: PlanPoint = [snap(trianglesEnu[i]), snap(trianglesEnu[i + 1])];
    const b: PlanPoint = [snap(trianglesEnu[i + 3]), snap(trianglesEnu[i + 4])];
    const c: PlanPoint = [snap(trianglesEnu[i + 6]), snap(trianglesEnu[i + 7])];
    const doubleArea = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
    if (Math.abs(doubleArea) / 2 <= MIN_TRIANGLE_AREA_M2) continue;
    batch.push([doubleArea > 0 ? [a, b, c, a] : [a, c, b, a]]);
    if (batch.length >= UNION_BATCH) flush();
  }
  flush();
  return result;
}

/**
 * The convex hull of the horizontal projection of triangles, as a one-polygon plan (O(n log n)): for elements whose
 * exact outline no indicator needs (they are only pointed at, e.g. as offenders of a height limit).
 * @param trianglesEnu 9 numbers per triangle, metres
 * @returns the hull as a MultiPolygon (counter-clockwise, closed), [] for fewer than 3 distinct plan points
 */
export function hullPlanOfTriangles(trianglesEnu: Float64Array): PlanMultiPolygon {
  const points: PlanPoint[] = [];
  for (let i = 0; i < trianglesEnu.length; i += 3) points.push([snap(trianglesEnu[i]), snap(trianglesEnu[i + 1])]);
  const hull = convexHull(points);
  return hull.length < 3 ? [] : [[[...hull, hull[0]]]];
}

/** Union of plans (empty inputs ignored). */
export function unionPlans(plans: readonly PlanMultiPolygon[]): PlanMultiPolygon {
  const nonEmpty = plans.filter((p) => p.length > 0);
  if (nonEmpty.length === 0) return [];
  let result: PlanMultiPolygon = nonEmpty[0];
  for (let i = 1; i < nonEmpty.length; i += UNION_BATCH) result = robustUnion([result, ...nonEmpty.slice(i, i + UNION_BATCH)]);
  return result;
}

/** The plan minus another (e.g. the part of a footprint outside a parcel). */
export function differencePlans(a: PlanMultiPolygon, b: PlanMultiPolygon): PlanMultiPolygon {
  if (a.length === 0 || b.length === 0) return a;
  return difference(a, b);
}

/** The common part of two plans. */
export function intersectPlans(a: PlanMultiPolygon, b: PlanMultiPolygon): PlanMultiPolygon {
  if (a.length === 0 || b.length === 0) return [];
  return intersection(a, b);
}

/** The outer rings only: holes (courtyards, shafts) dropped. */
export function outerRings(plan: PlanMultiPolygon): PlanMultiPolygon {
  return plan.map((polygon) => [polygon[0]]);
}

/** Signed area of a ring by the shoelace formula, m² (positive counter-clockwise); closing point optional. */
export function ringAreaM2(ring: PlanRing): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

/** Area of a MultiPolygon, m²: |outer| − Σ|holes| per polygon. */
export function planAreaM2(plan: PlanMultiPolygon): number {
  let total = 0;
  for (const [outer, ...holes] of plan) {
    total += Math.abs(ringAreaM2(outer));
    for (const hole of holes) total -= Math.abs(ringAreaM2(hole));
  }
  return total;
}

function pointSegmentDistanceM(p: PlanPoint, a: PlanPoint, b: PlanPoint): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function segmentsCross(a: PlanPoint, b: PlanPoint, c: PlanPoint, d: PlanPoint): boolean {
  const orient = (p: PlanPoint, q: PlanPoint, r: PlanPoint) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0;
}

/**
 * Shortest distance from a plan (all its rings' edges) to a segment, metres; 0 when they touch or cross.
 * @returns Infinity for an empty plan
 */
export function planSegmentDistanceM(plan: PlanMultiPolygon, a: PlanPoint, b: PlanPoint): number {
  let best = Infinity;
  for (const polygon of plan) {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i];
        const q = ring[(i + 1) % ring.length];
        if (segmentsCross(p, q, a, b)) return 0;
        best = Math.min(best, pointSegmentDistanceM(p, a, b), pointSegmentDistanceM(q, a, b), pointSegmentDistanceM(a, p, q), pointSegmentDistanceM(b, p, q));
      }
    }
  }
  return best;
}

/** Rounds every coordinate to `gridM` (e.g. 0.001 for JSON output). */
export function roundPlan(plan: PlanMultiPolygon, gridM: number): PlanMultiPolygon {
  const r = (v: number) => Math.round(v / gridM) * gridM;
  return plan.map((polygon) => polygon.map((ring) => ring.map(([x, y]): PlanPoint => [Number(r(x).toFixed(6)), Number(r(y).toFixed(6))])));
}

/**
 * Drops vertices that deviate less than `toleranceM` from the line through their neighbours (collinear runs and
 * snapping steps left by the union), and the closing duplicate. Rings keep at least 3 points.
 */
export function simplifyPlan(plan: PlanMultiPolygon, toleranceM: number): PlanMultiPolygon {
  const simplifyRing = (input: PlanRing): PlanRing => {
    let ring = input.length > 1 && input[0][0] === input[input.length - 1][0] && input[0][1] === input[input.length - 1][1] ? input.slice(0, -1) : input.slice();
    for (let changed = true; changed && ring.length > 3; ) {
      changed = false;
      for (let i = 0; i < ring.length && ring.length > 3; i++) {
        const a = ring[(i + ring.length - 1) % ring.length];
        const b = ring[(i + 1) % ring.length];
        if (pointSegmentDistanceM(ring[i], a, b) < toleranceM) {
          ring = [...ring.slice(0, i), ...ring.slice(i + 1)];
          changed = true;
        }
      }
    }
    return [...ring, ring[0]];
  };
  return plan.map((polygon) => polygon.map(simplifyRing));
}
