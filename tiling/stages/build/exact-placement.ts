/**
 * Exact placement of geometry far from the anchor (long infrastructure in a projected CRS), for the `build` stage.
 *
 * Notes (decisions and measured numbers; tests in exact-placement.test.ts):
 * - `Georeference.modelToEnu` keeps the model rigid in the tangent plane at the anchor. Against PROJ the error
 *   grows with the square of the distance: 0.8 mm at 100 m, 7.8 cm at 1 km, 7.8 m at 10 km (mostly the ground
 *   falling away below the tangent plane, d²/2R; the grid convergence and scale change add a few per cent).
 * - Threshold: when a map-conversion model reaches farther than {@link EXACT_BEYOND_M} = 200 m from the anchor
 *   (rigid error there ≈ 3 mm), every placed geometry goes through the exact map instead (no seam between
 *   near and far parts); buildings stay on the rigid path, byte for byte as before.
 * - Exact path, per placed geometry: an affine fit of the exact map (georef/exact-projection.ts) around the
 *   geometry's centre — the exact value there plus a Jacobian shared by all geometry in the same
 *   {@link JACOBIAN_CELL_M} = 100 m cell (one proj4 call per placement or instance, six per cell instead of seven
 *   per placement: the ACCA railway needs 10.4 k calls for its 9,937 elements, ≈ 10–40 ms). Error at distance r
 *   from the centre: the map's curvature r²/2R plus the Jacobian's change across the cell, r × 87 m / R — at
 *   most 2.2 mm for r = 100 m.
 * - Geometry larger than {@link PER_VERTEX_RADIUS_M} = 100 m (bounding-sphere radius) is projected vertex by
 *   vertex (1–4 µs per vertex with proj4js), exact to float64.
 * - Instances (GPU instancing) keep one transform each, which must stay a similarity times the model's shared
 *   `instanceScale`. Far from the anchor we use the exact local affine at the instance's centre, snapped to the
 *   nearest similarity ({@link nearestSimilarity}); the residual is |affine − similarity| × instance radius,
 *   from what a similarity cannot follow: the change of the grid scale factor k between anchor and instance
 *   (horizontal only; TM: Δk ≈ x·d/R² at easting x from the central meridian) and the tilt of the local
 *   vertical (d/R) times the anisotropy of instanceScale (|1 − k_h/k_v|). ACCA railway (x ≈ −26 km, d ≤ 2.6 km,
 *   anisotropy 4e-4): ≈ 1.7e-6 relative, 35 µm for a 20 m instance; the test (x ≈ −112 km, d = 10 km): 2.8e-5,
 *   measured 0.04 mm on a 4 m box.
 * - Bounds: baked vertices grow the bounds as written; instance bounds take the cached extent under the rigid
 *   transform widened by |drawn − rigid| × the mesh's reach (a few mm for ACCA), so boxes still contain every
 *   vertex as drawn.
 */

import type { Georeference } from '@tiling/stages/georef/georeference';
import { exactModelToEnu, type PointMap } from '@tiling/stages/georef/exact-projection';
import type { MeshGeometry, ParsedModel } from '@tiling/stages/parse/parsed-model';
import type { Matrix4 } from '@tiling/math/matrix4';

/** Use the exact path when the model reaches farther than this from the anchor, metres. */
export const EXACT_BEYOND_M = 200;
/** Project every vertex of a placed geometry whose bounding sphere is larger than this radius, metres. */
export const PER_VERTEX_RADIUS_M = 100;
/** Edge of the cubic model-frame cells that share one Jacobian, metres. */
export const JACOBIAN_CELL_M = 100;

/** The exact model → content map of one build, with its local affine fits. */
export interface ExactPlacer {
  /** How far the model reaches from the anchor (bounding spheres of its placed geometry), metres. */
  reachM: number;
  /** Model (Y-up metres) → content frame (glTF Y-up ENU) relative to `originContent`, metres; exact (proj4). */
  point: PointMap;
  /**
   * The affine fit of {@link point} around a model point: column-major 4×4, model → content relative; exact at
   * the point, error ≈ r²/2R + r × 87 m / R at distance r.
   */
  affineAt(centreModelM: readonly [number, number, number]): Matrix4;
  /** Number of proj4 evaluations so far (for the log). */
  evaluations(): number;
}

/** Centre and radius of a mesh's geometry-local AABB, metres. */
export function meshSphere(mesh: MeshGeometry): { centre: [number, number, number]; radius: number } {
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  const p = mesh.positions;
  for (let i = 0; i + 2 < p.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = p[i + k];
      if (v < lo[k]) lo[k] = v;
      if (v > hi[k]) hi[k] = v;
    }
  }
  if (!(lo[0] <= hi[0])) return { centre: [0, 0, 0], radius: 0 };
  return {
    centre: [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2],
    radius: Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) / 2,
  };
}

/** Largest column norm of the linear part: an upper bound of how much `m` stretches a length. */
export function maxStretch(m: Matrix4): number {
  return Math.max(Math.hypot(m[0], m[1], m[2]), Math.hypot(m[4], m[5], m[6]), Math.hypot(m[8], m[9], m[10]));
}

/** Applies a column-major 4×4 to a point. */
export function applyMatrix4(m: Matrix4, p: readonly number[]): [number, number, number] {
  return [
    m[0] * p[0] + m[4] * p[1] + m[8] * p[2] + m[12],
    m[1] * p[0] + m[5] * p[1] + m[9] * p[2] + m[13],
    m[2] * p[0] + m[6] * p[1] + m[10] * p[2] + m[14],
  ];
}

/**
 * How far the placed geometry reaches from the anchor under the rigid `modelToEnu`: the largest distance of a
 * bounding-sphere centre plus its radius, metres (0 for a model without geometry).
 * @param sphereOf cached {@link meshSphere} per geometry id
 */
export function reachFromAnchorM(
  model: Pick<ParsedModel, 'geometries' | 'elementGeometries'>,
  modelToEnu: Matrix4,
  sphereOf: (geometryExpressId: number) => { centre: [number, number, number]; radius: number } | null,
): number {
  let reach = 0;
  for (const element of model.elementGeometries) {
    for (const placed of element.placed) {
      const sphere = sphereOf(placed.geometryExpressId);
      if (!sphere) continue;
      const c = applyMatrix4(modelToEnu, applyMatrix4(placed.transform, sphere.centre));
      const r = sphere.radius * maxStretch(placed.transform) * maxStretch(modelToEnu);
      reach = Math.max(reach, Math.hypot(c[0], c[1], c[2]) + r);
    }
  }
  return reach;
}

/**
 * Creates the exact placer of a build, or null when the rigid `modelToEnu` is good enough (or all there is).
 *
 * @param georeference the `georef` result; only map conversions have an exact map
 * @param model the parsed model (for its reach from the anchor)
 * @param originContent the build's local origin, content frame (glTF Y-up ENU) metres
 * @param beyondM reach (metres) above which the exact path is used; `Infinity` turns it off
 * @param sphereOf cached {@link meshSphere} per geometry id
 * @returns the placer, or null for rigid methods, models within `beyondM` of the anchor, or `beyondM = Infinity`
 * @see EPSG Guidance Note 7-2 §4.1.1–4.1.2 (geodetic → ECEF → ENU); 3D Tiles 1.1 §glTF up-axis
 */
export function createExactPlacer(
  georeference: Georeference,
  model: Pick<ParsedModel, 'geometries' | 'elementGeometries' | 'fileName'>,
  originContent: readonly [number, number, number],
  beyondM: number,
  sphereOf: (geometryExpressId: number) => { centre: [number, number, number]; radius: number } | null,
): ExactPlacer | null {
  if (!(beyondM < Infinity)) return null;
  const enu = exactModelToEnu(georeference, model.fileName);
  if (!enu) return null;
  const reachM = reachFromAnchorM(model, georeference.modelToEnu, sphereOf);
  if (reachM <= beyondM) return null;
  let calls = 0;
  const [ox, oy, oz] = originContent;
  const point: PointMap = (x, y, z) => {
    calls++;
    const [e, n, u] = enu(x, y, z);
    return [e - ox, u - oy, -n - oz];
  };
  const cellJacobians = new Map<string, number[]>();
  const jacobianAt = (x: number, y: number, z: number): number[] => {
    const i = Math.floor(x / JACOBIAN_CELL_M);
    const j = Math.floor(y / JACOBIAN_CELL_M);
    const k = Math.floor(z / JACOBIAN_CELL_M);
    const key = `${i},${j},${k}`;
    let jac = cellJacobians.get(key);
    if (!jac) {
      const c = [(i + 0.5) * JACOBIAN_CELL_M, (j + 0.5) * JACOBIAN_CELL_M, (k + 0.5) * JACOBIAN_CELL_M];
      const h = JACOBIAN_CELL_M / 2;
      jac = new Array<number>(9);
      for (let axis = 0; axis < 3; axis++) {
        const d = [0, 0, 0];
        d[axis] = h;
        const plus = point(c[0] + d[0], c[1] + d[1], c[2] + d[2]);
        const minus = point(c[0] - d[0], c[1] - d[1], c[2] - d[2]);
        for (let row = 0; row < 3; row++) jac[axis * 3 + row] = (plus[row] - minus[row]) / (2 * h);
      }
      cellJacobians.set(key, jac);
    }
    return jac;
  };
  return {
    reachM,
    point,
    affineAt([x, y, z]) {
      const jac = jacobianAt(x, y, z);
      const v = point(x, y, z);
      // prettier-ignore
      return [
        jac[0], jac[1], jac[2], 0,
        jac[3], jac[4], jac[5], 0,
        jac[6], jac[7], jac[8], 0,
        v[0] - (jac[0] * x + jac[3] * y + jac[6] * z),
        v[1] - (jac[1] * x + jac[4] * y + jac[7] * z),
        v[2] - (jac[2] * x + jac[5] * y + jac[8] * z),
        1,
      ];
    },
    evaluations: () => calls,
  };
}

/**
 * The similarity (rotation × uniform scale, same translation) nearest to an affine map, by the polar
 * decomposition of its linear part (Newton iteration R ← ½ (R + R⁻ᵀ), quadratic convergence; the scale is the
 * cube root of |det|). For near-similarities such as a local affine fit divided by `instanceScale`.
 *
 * @param m column-major 4×4 affine with a positive determinant
 * @returns column-major 4×4 similarity with `m`'s translation
 * @see Higham, "Computing the polar decomposition — with applications" (1986), the Newton iteration
 */
export function nearestSimilarity(m: Matrix4): Matrix4 {
  const det =
    m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
  const scale = Math.cbrt(Math.abs(det));
  // r: 3×3 column-major (r[c*3 + row]) of the linear part / scale.
  let r = [m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]].map((v) => v / scale);
  for (let iteration = 0; iteration < 8; iteration++) {
    // inverse-transpose = cofactor matrix / det
    const [a, b, c, d, e, f, g, h, i] = r; // columns (a b c), (d e f), (g h i)
    const cof = [e * i - f * h, f * g - d * i, d * h - e * g, c * h - b * i, a * i - c * g, b * g - a * h, b * f - c * e, c * d - a * f, a * e - b * d];
    const dt = a * cof[0] + b * cof[1] + c * cof[2]; // expansion along column 0
    const next = r.map((v, k) => 0.5 * (v + cof[k] / dt));
    const change = Math.max(...next.map((v, k) => Math.abs(v - r[k])));
    r = next;
    if (change < 1e-15) break;
  }
  // prettier-ignore
  return [
    r[0] * scale, r[1] * scale, r[2] * scale, 0,
    r[3] * scale, r[4] * scale, r[5] * scale, 0,
    r[6] * scale, r[7] * scale, r[8] * scale, 0,
    m[12], m[13], m[14], 1,
  ];
}

/** Largest |coordinate| of a mesh's vertices per axis (geometry-local metres): bounds the reach of any linear map. */
export function meshReach(mesh: MeshGeometry): number[] {
  const reach = [0, 0, 0];
  const p = mesh.positions;
  for (let i = 0; i + 2 < p.length; i += 3) {
    for (let k = 0; k < 3; k++) reach[k] = Math.max(reach[k], Math.abs(p[i + k]));
  }
  return reach;
}
