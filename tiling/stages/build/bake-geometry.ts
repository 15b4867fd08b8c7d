import type { MeshGeometry } from '@tiling/stages/parse/parsed-model';
import { determinant3, type Matrix4, multiplyMatrix4, normalMatrix3 } from '@tiling/math/matrix4';

/** Axis-aligned bounds in ENU metres (x east, y north, z up), relative to the georeference anchor. */
export interface BoundsEnu {
  min: [number, number, number];
  max: [number, number, number];
}

/** A mesh transformed into the content frame (glTF Y-up ENU), positions relative to the model's local origin. */
export interface BakedMesh {
  /** xyz per vertex, metres, content frame minus `BuiltModel.originContent` (small float32 numbers). */
  positions: Float32Array;
  /** xyz unit normals, content frame. */
  normals: Float32Array;
  indices: Uint32Array;
}

/** Returns empty bounds (min = +∞, max = −∞) to grow with {@link growBoundsEnu}. */
export function emptyBoundsEnu(): BoundsEnu {
  return { min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
}

/**
 * Grows `bounds` by a point given in the content frame relative to the origin.
 * @param x content-frame x (east) minus origin, metres
 * @param y content-frame y (up) minus origin, metres
 * @param z content-frame z (−north) minus origin, metres
 * @param originContent the model's local origin in the content frame, metres
 */
export function growBoundsEnu(
  bounds: BoundsEnu,
  x: number,
  y: number,
  z: number,
  originContent: readonly [number, number, number],
): void {
  const e = x + originContent[0];
  const n = -(z + originContent[2]);
  const u = y + originContent[1];
  if (e < bounds.min[0]) bounds.min[0] = e;
  if (n < bounds.min[1]) bounds.min[1] = n;
  if (u < bounds.min[2]) bounds.min[2] = u;
  if (e > bounds.max[0]) bounds.max[0] = e;
  if (n > bounds.max[1]) bounds.max[1] = n;
  if (u > bounds.max[2]) bounds.max[2] = u;
}

/** Union of two bounds (a new object). */
export function unionBoundsEnu(a: BoundsEnu, b: BoundsEnu): BoundsEnu {
  return {
    min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
    max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
  };
}

/** Length of the bounds' diagonal in metres; 0 for empty bounds. */
export function diagonalM(bounds: BoundsEnu): number {
  const d = [0, 1, 2].map((i) => bounds.max[i] - bounds.min[i]);
  return d.every((v) => v >= 0) ? Math.hypot(d[0], d[1], d[2]) : 0;
}

/**
 * Transforms a geometry-local mesh by `m` (computed in float64), writing float32 results, and grows `bounds`.
 * Normals use the inverse-transpose and are renormalised; a mirroring transform (det < 0) flips the winding so
 * front faces stay front faces.
 * @param m column-major 4×4: geometry-local → content frame relative to the origin
 * @returns null when the transform or the mesh yields non-finite coordinates
 * @see glTF 2.0 Meshes (normals) and Transformations (a negative determinant flips the winding)
 */
export function bakeMesh(
  mesh: MeshGeometry,
  m: Matrix4,
  bounds: BoundsEnu,
  originContent: readonly [number, number, number],
): BakedMesh | null {
  const count = mesh.positions.length / 3;
  const positions = new Float32Array(count * 3);
  const normals = new Float32Array(count * 3);
  const nm = normalMatrix3(m);
  const src = mesh.positions;
  const srcN = mesh.normals;
  for (let v = 0; v < count; v++) {
    const px = src[v * 3], py = src[v * 3 + 1], pz = src[v * 3 + 2];
    const x = m[0] * px + m[4] * py + m[8] * pz + m[12];
    const y = m[1] * px + m[5] * py + m[9] * pz + m[13];
    const z = m[2] * px + m[6] * py + m[10] * pz + m[14];
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return null;
    positions[v * 3] = x;
    positions[v * 3 + 1] = y;
    positions[v * 3 + 2] = z;
    growBoundsEnu(bounds, x, y, z, originContent);
    const nx0 = srcN[v * 3] ?? 0, ny0 = srcN[v * 3 + 1] ?? 0, nz0 = srcN[v * 3 + 2] ?? 0;
    const nx = nm[0] * nx0 + nm[3] * ny0 + nm[6] * nz0;
    const ny = nm[1] * nx0 + nm[4] * ny0 + nm[7] * nz0;
    const nz = nm[2] * nx0 + nm[5] * ny0 + nm[8] * nz0;
    const len = Math.hypot(nx, ny, nz);
    if (len > 0 && Number.isFinite(len)) {
      normals[v * 3] = nx / len;
      normals[v * 3 + 1] = ny / len;
      normals[v * 3 + 2] = nz / len;
    } else {
      normals[v * 3 + 1] = 1;
    }
  }
  const indices = Uint32Array.from(mesh.indices);
  if (determinant3(m) < 0) {
    for (let t = 0; t + 2 < indices.length; t += 3) {
      const tmp = indices[t + 1];
      indices[t + 1] = indices[t + 2];
      indices[t + 2] = tmp;
    }
  }
  return { positions, normals, indices };
}

/**
 * Grows `bounds` by the mesh's vertices transformed by `m` (float64), without keeping the result.
 * @param m column-major 4×4: geometry-local → content frame relative to the origin
 */
export function growBoundsByMesh(
  bounds: BoundsEnu,
  mesh: MeshGeometry,
  m: Matrix4,
  originContent: readonly [number, number, number],
): void {
  const src = mesh.positions;
  for (let i = 0; i + 2 < src.length; i += 3) {
    const px = src[i], py = src[i + 1], pz = src[i + 2];
    growBoundsEnu(
      bounds,
      m[0] * px + m[4] * py + m[8] * pz + m[12],
      m[1] * px + m[5] * py + m[9] * pz + m[13],
      m[2] * px + m[6] * py + m[10] * pz + m[14],
      originContent,
    );
  }
}

/** AABB of a mesh in its own (geometry-local) frame, metres; empty bounds (min = +∞) for an empty mesh. */
export function meshBounds(mesh: MeshGeometry): { min: [number, number, number]; max: [number, number, number] } {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 2 < mesh.positions.length; i += 3) {
    for (let k = 0; k < 3; k++) {
      const v = mesh.positions[i + k];
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
    }
  }
  return { min, max };
}

/** Centre of a mesh's geometry-local AABB, metres; [0, 0, 0] for an empty mesh. */
export function meshCenter(mesh: MeshGeometry): [number, number, number] {
  const { min, max } = meshBounds(mesh);
  if (!(min[0] <= max[0])) return [0, 0, 0];
  return [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
}

/**
 * Content-frame extent of a mesh under the linear part of `m` only (translation ignored): reused for every
 * instance with the same rotation and scale, then moved by {@link growBoundsByExtent}.
 */
export function linearExtent(mesh: MeshGeometry, m: Matrix4): { min: [number, number, number]; max: [number, number, number] } {
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  const src = mesh.positions;
  for (let i = 0; i + 2 < src.length; i += 3) {
    const px = src[i], py = src[i + 1], pz = src[i + 2];
    const x = m[0] * px + m[4] * py + m[8] * pz;
    const y = m[1] * px + m[5] * py + m[9] * pz;
    const z = m[2] * px + m[6] * py + m[10] * pz;
    if (x < min[0]) min[0] = x;
    if (y < min[1]) min[1] = y;
    if (z < min[2]) min[2] = z;
    if (x > max[0]) max[0] = x;
    if (y > max[1]) max[1] = y;
    if (z > max[2]) max[2] = z;
  }
  return { min, max };
}

/**
 * Grows `bounds` (ENU) by a {@link linearExtent} moved by `m`'s translation (content frame relative to the origin).
 */
export function growBoundsByExtent(
  bounds: BoundsEnu,
  extent: { min: readonly number[]; max: readonly number[] },
  m: Matrix4,
  originContent: readonly [number, number, number],
): void {
  if (!(extent.min[0] <= extent.max[0])) return;
  growBoundsEnu(bounds, extent.min[0] + m[12], extent.min[1] + m[13], extent.min[2] + m[14], originContent);
  growBoundsEnu(bounds, extent.max[0] + m[12], extent.max[1] + m[13], extent.max[2] + m[14], originContent);
}

/**
 * Like {@link bakeMesh}, but every vertex goes through a point map (the exact model → content map of a long
 * infrastructure model, see exact-placement.ts) instead of one matrix: for geometry too large for an affine fit.
 * Computed in float64, written as float32; grows `bounds` by the written positions.
 *
 * @param placement column-major 4×4: geometry-local → model frame (Y-up metres), the placed geometry's transform
 * @param point model frame → content frame relative to `originContent`, metres (exact map)
 * @param frame column-major 4×4 affine fit of the same map around the geometry (geometry-local → content
 *   relative): its inverse-transpose turns the normals (the local vertical varies by ≤ size / R, 16 µrad per
 *   100 m, which shading does not show) and its determinant's sign decides the winding
 * @returns null when a vertex is or maps to a non-finite position
 * @throws {GeorefError} from `point`, when proj4 cannot place a (finite) vertex
 * @see glTF 2.0 Meshes (normals, winding); EPSG Guidance Note 7-2 §4.1 (the map behind `point`)
 */
export function bakeMeshPointwise(
  mesh: MeshGeometry,
  placement: Matrix4,
  point: (x: number, y: number, z: number) => [number, number, number],
  frame: Matrix4,
  bounds: BoundsEnu,
  originContent: readonly [number, number, number],
): BakedMesh | null {
  // Normals and winding from the affine fit; positions replaced vertex by vertex below.
  const baked = bakeMesh(mesh, multiplyMatrix4(frame, placement), emptyBoundsEnu(), originContent);
  if (!baked) return null;
  const src = mesh.positions;
  const m = placement;
  for (let v = 0; v < src.length / 3; v++) {
    const px = src[v * 3], py = src[v * 3 + 1], pz = src[v * 3 + 2];
    const mx = m[0] * px + m[4] * py + m[8] * pz + m[12];
    const my = m[1] * px + m[5] * py + m[9] * pz + m[13];
    const mz = m[2] * px + m[6] * py + m[10] * pz + m[14];
    if (!Number.isFinite(mx) || !Number.isFinite(my) || !Number.isFinite(mz)) return null;
    const [x, y, z] = point(mx, my, mz);
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return null;
    baked.positions[v * 3] = x;
    baked.positions[v * 3 + 1] = y;
    baked.positions[v * 3 + 2] = z;
    growBoundsEnu(bounds, x, y, z, originContent);
  }
  return baked;
}
