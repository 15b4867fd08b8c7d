/**
 * Where the content frame's local origin goes and which axis scale instances share (see build.ts Notes).
 */
import type { MeshGeometry, ParsedModel } from '@tiling/stages/parse/parsed-model';
import { emptyBoundsEnu, growBoundsByMesh } from './bake-geometry';
import { type Matrix4, multiplyMatrix4 } from '@tiling/math/matrix4';

/**
 * Centre of all placed geometry (from each geometry's local AABB corners, transformed), content frame, metres.
 * @param modelToContent column-major 4×4: model frame → content frame (not yet relative to any origin)
 * @returns `[x, y, z]`, content frame (glTF Y-up ENU: east, up, −north), metres
 * @see 3D Tiles 1.1 §glTF y-up to z-up
 */
export function estimateOrigin(model: ParsedModel, modelToContent: Matrix4): [number, number, number] {
  const bounds = emptyBoundsEnu();
  const zero: [number, number, number] = [0, 0, 0];
  const corners = new Map<number, MeshGeometry>();
  for (const eg of model.elementGeometries) {
    for (const pg of eg.placed) {
      const mesh = model.geometries.get(pg.geometryExpressId);
      if (!mesh || mesh.positions.length < 3) continue;
      let box = corners.get(pg.geometryExpressId);
      if (!box) {
        const min = [Infinity, Infinity, Infinity];
        const max = [-Infinity, -Infinity, -Infinity];
        for (let i = 0; i + 2 < mesh.positions.length; i += 3) {
          for (let k = 0; k < 3; k++) {
            min[k] = Math.min(min[k], mesh.positions[i + k]);
            max[k] = Math.max(max[k], mesh.positions[i + k]);
          }
        }
        const p = new Float32Array(24);
        for (let c = 0; c < 8; c++) {
          p[c * 3] = c & 1 ? max[0] : min[0];
          p[c * 3 + 1] = c & 2 ? max[1] : min[1];
          p[c * 3 + 2] = c & 4 ? max[2] : min[2];
        }
        box = { positions: p, normals: new Float32Array(0), indices: new Uint32Array(0) };
        corners.set(pg.geometryExpressId, box);
      }
      growBoundsByMesh(bounds, box, multiplyMatrix4(modelToContent, pg.transform), zero);
    }
  }
  if (!(bounds.min[0] <= bounds.max[0])) return [0, 0, 0];
  // bounds are ENU (e, n, u); the origin is wanted in the content frame (e, u, −n).
  const e = (bounds.min[0] + bounds.max[0]) / 2;
  const n = (bounds.min[1] + bounds.max[1]) / 2;
  const u = (bounds.min[2] + bounds.max[2]) / 2;
  return [e, u, -n];
}

/** Relative tolerance of the axis-scale split: float64 rounding of a composed rotation stays far below it. */
const AXIS_SCALE_TOLERANCE = 1e-9;

/**
 * The per-axis scale S (content frame) with linear(m) = diag(S) · Q, Q a rotation, taken from the row norms of
 * the linear part; (1, 1, 1) when no such split exists (then only similarity placements are instanced).
 */
export function sharedAxisScale(m: Matrix4): [number, number, number] {
  const rows = [0, 1, 2].map((r) => Math.hypot(m[r], m[4 + r], m[8 + r]));
  if (!rows.every((v) => v > 0) || Math.max(...rows) / Math.min(...rows) - 1 < AXIS_SCALE_TOLERANCE) return [1, 1, 1];
  const q = [0, 1, 2].map((c) => [0, 1, 2].map((r) => m[c * 4 + r] / rows[r]));
  const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  const orthonormal =
    [0, 1, 2].every((c) => Math.abs(dot(q[c], q[c]) - 1) < AXIS_SCALE_TOLERANCE) &&
    Math.abs(dot(q[0], q[1])) < AXIS_SCALE_TOLERANCE &&
    Math.abs(dot(q[0], q[2])) < AXIS_SCALE_TOLERANCE &&
    Math.abs(dot(q[1], q[2])) < AXIS_SCALE_TOLERANCE;
  return orthonormal ? [rows[0], rows[1], rows[2]] : [1, 1, 1];
}
