/**
 * The plan outline of a built model: the 2D convex hull, seen from above, of everything the tileset draws, in ENU
 * metres (east, north) at the tileset anchor. The server stores it as the model's footprint.
 *
 * Notes: an east/north-aligned box overstates rotated buildings (669 m² instead of ≈ 370 m² for the Nanchang
 * sample, rotated 15.6° from true north), and so do element boxes (a rotated 30 m wall's box is 29 m × 8 m).
 * Baked parts contribute every vertex; an instance contributes the 8 corners of its group mesh's box under its
 * transform (conservative by at most that box's overhang). Points inside the octagon of the 8 extreme points
 * (Akl–Toussaint) are dropped in one pass before Andrew's monotone chain sorts the rest, so the cost stays ≈ O(n).
 * @see A. M. Andrew, "Another efficient algorithm for convex hulls in two dimensions", IPL 9 (1979)
 */
import { convexHull } from '@kernel/convex-hull';
import type { MeshGeometry } from '@tiling/stages/parse/parsed-model';
import type { BuiltModel } from './built-model';

/** A plan point: `[east, north]`, metres, ENU at the anchor. */
export type PlanPointEnu = [number, number];

/**
 * Convex hull of the model's plan.
 * @returns counter-clockwise ring without repeating the first point, ENU metres; empty when nothing is drawn
 */
export function planOutlineEnu(built: BuiltModel): PlanPointEnu[] {
  const points = collectPlanPoints(built);
  return convexHull(dropInteriorPoints(points));
}

/** Every plan point of the model as a flat `[e0, n0, e1, n1, …]` array (content frame → ENU). */
function collectPlanPoints(built: BuiltModel): Float64Array {
  const [ox, , oz] = built.originContent;
  const [sx, , sz] = built.instanceScale;
  const groupCorners = built.instanceGroups.map((group) => boxCorners(group.parts.map((part) => part.mesh)));
  let count = 0;
  for (const feature of built.features) {
    for (const part of feature.parts) count += part.positions.length / 3;
    for (const use of feature.instances) count += groupCorners[use.groupIndex].length / 3;
  }
  const out = new Float64Array(count * 2);
  let k = 0;
  for (const feature of built.features) {
    for (const part of feature.parts) {
      const p = part.positions;
      // Content frame is glTF Y-up ENU: x = east, z = −north.
      for (let i = 0; i < p.length; i += 3) {
        out[k++] = p[i] + ox;
        out[k++] = -(p[i + 2] + oz);
      }
    }
    for (const use of feature.instances) {
      const m = use.meshToContent;
      const corners = groupCorners[use.groupIndex];
      for (let i = 0; i < corners.length; i += 3) {
        const x = m[0] * corners[i] + m[4] * corners[i + 1] + m[8] * corners[i + 2] + m[12];
        const z = m[2] * corners[i] + m[6] * corners[i + 1] + m[10] * corners[i + 2] + m[14];
        out[k++] = x * sx + ox;
        out[k++] = -(z * sz + oz);
      }
    }
  }
  return out;
}

/** The 8 corners (flat xyz) of the box around some meshes, in their own frame. */
function boxCorners(meshes: readonly MeshGeometry[]): number[] {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (const mesh of meshes) {
    const p = mesh.positions;
    for (let i = 0; i < p.length; i += 3) {
      for (let axis = 0; axis < 3; axis++) {
        if (p[i + axis] < lo[axis]) lo[axis] = p[i + axis];
        if (p[i + axis] > hi[axis]) hi[axis] = p[i + axis];
      }
    }
  }
  if (!(lo[0] <= hi[0])) return [];
  const corners: number[] = [];
  for (const x of [lo[0], hi[0]]) for (const y of [lo[1], hi[1]]) for (const z of [lo[2], hi[2]]) corners.push(x, y, z);
  return corners;
}

/** Akl–Toussaint: keeps the points outside (or on) the octagon of the extreme points in 8 directions. */
function dropInteriorPoints(points: Float64Array): PlanPointEnu[] {
  const n = points.length / 2;
  if (n <= 8) return Array.from({ length: n }, (_, i) => [points[2 * i], points[2 * i + 1]]);
  const directions: PlanPointEnu[] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];
  const extremes = directions.map(([dx, dy]) => {
    let best = 0;
    let bestDot = -Infinity;
    for (let i = 0; i < n; i++) {
      const dot = points[2 * i] * dx + points[2 * i + 1] * dy;
      if (dot > bestDot) {
        bestDot = dot;
        best = i;
      }
    }
    return [points[2 * best], points[2 * best + 1]] as PlanPointEnu;
  });
  const octagon = convexHull(extremes);
  const kept: PlanPointEnu[] = [...octagon];
  for (let i = 0; i < n; i++) {
    const e = points[2 * i];
    const north = points[2 * i + 1];
    if (!isStrictlyInside(octagon, e, north)) kept.push([e, north]);
  }
  return kept;
}

/** Whether a point lies strictly inside a counter-clockwise convex ring. */
function isStrictlyInside(ring: readonly PlanPointEnu[], e: number, n: number): boolean {
  if (ring.length < 3) return false;
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[(i + 1) % ring.length];
    if ((bx - ax) * (n - ay) - (by - ay) * (e - ax) <= 0) return false;
  }
  return true;
}
