/**
 * Column-major 4×4 matrix math in float64 for the build stage (element `m[col * 4 + row]`, as glTF and web-ifc
 * store them). Only what placing geometry needs: multiply, transform points and directions, and split a
 * similarity transform into translation / rotation quaternion / uniform scale for GPU instancing.
 */

/** Column-major 4×4, float64, length 16. */
export type Matrix4 = number[];

/**
 * glTF content frame from ENU: glTF is Y-up, so ENU (east, north, up) → glTF (east, up, −north).
 * @see 3D Tiles 1.1 §"glTF transforms" (y-up to z-up): tile (x, y, z) = glTF (x, −z, y).
 */
export const ENU_TO_GLTF: Matrix4 = [1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1];

/** Identity matrix (a new array). */
export function identityMatrix4(): Matrix4 {
  return [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
}

/** Returns `a · b` (apply `b` first, then `a`). Both column-major. */
export function multiplyMatrix4(a: Matrix4, b: Matrix4): Matrix4 {
  const out = new Array<number>(16);
  for (let col = 0; col < 4; col++) {
    for (let row = 0; row < 4; row++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += a[k * 4 + row] * b[col * 4 + k];
      out[col * 4 + row] = sum;
    }
  }
  return out;
}

/** Returns the matrix `translate(offset) · m`. */
export function translateMatrix4(m: Matrix4, offset: readonly [number, number, number]): Matrix4 {
  const out = m.slice();
  out[12] += offset[0] * m[15];
  out[13] += offset[1] * m[15];
  out[14] += offset[2] * m[15];
  return out;
}

/** Returns the matrix `m · translate(offset)` (the offset is in the source frame of `m`). */
export function translateSourceMatrix4(m: Matrix4, offset: readonly [number, number, number]): Matrix4 {
  const out = m.slice();
  for (let row = 0; row < 3; row++) {
    out[12 + row] += m[row] * offset[0] + m[4 + row] * offset[1] + m[8 + row] * offset[2];
  }
  return out;
}

/** Determinant of the upper-left 3×3 (the linear part); negative for mirroring transforms. */
export function determinant3(m: Matrix4): number {
  return (
    m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2])
  );
}

/**
 * Inverse-transpose of the linear part, as a column-major 3×3 (length 9), for transforming normals.
 * @throws {RangeError} never; a singular matrix yields non-finite values, which callers check.
 */
export function normalMatrix3(m: Matrix4): number[] {
  const det = determinant3(m);
  const [a, b, c, d, e, f, g, h, i] = [m[0], m[1], m[2], m[4], m[5], m[6], m[8], m[9], m[10]];
  // Cofactor matrix C of the 3×3 (inverse-transpose = C / det), column-major: out[col * 3 + row] = C(row, col).
  // (Until 2026-11-30 this returned the adjugate Cᵀ, so baked normals turned by the inverse rotation.)
  return [
    (e * i - h * f) / det,
    (g * f - d * i) / det,
    (d * h - g * e) / det,
    (h * c - b * i) / det,
    (a * i - g * c) / det,
    (g * b - a * h) / det,
    (b * f - e * c) / det,
    (d * c - a * f) / det,
    (a * e - d * b) / det,
  ];
}

/** A similarity transform: `translate(translation) · rotate(rotation) · scale(scale)`. */
export interface Similarity {
  translation: [number, number, number];
  /** Unit quaternion (x, y, z, w). */
  rotation: [number, number, number, number];
  /** Uniform scale factor, > 0. */
  scale: number;
}

/**
 * Splits `m` into translation, rotation and one uniform scale when it is a proper similarity (orthogonal
 * axes of equal length, no mirror, no shear, last row 0 0 0 1). Returns null otherwise.
 * @param toleranceRel relative tolerance on axis lengths and dot products (1e-5 ≈ 0.01 mm over 1 m).
 */
export function decomposeSimilarity(m: Matrix4, toleranceRel = 1e-5): Similarity | null {
  if (Math.abs(m[3]) > 1e-12 || Math.abs(m[7]) > 1e-12 || Math.abs(m[11]) > 1e-12 || Math.abs(m[15] - 1) > 1e-12) {
    return null;
  }
  const axes = [0, 4, 8].map((o) => [m[o], m[o + 1], m[o + 2]]);
  const lengths = axes.map((v) => Math.hypot(v[0], v[1], v[2]));
  const scale = lengths[0];
  if (!(scale > 0) || lengths.some((l) => Math.abs(l - scale) > toleranceRel * scale)) return null;
  const dot = (p: number[], q: number[]) => (p[0] * q[0] + p[1] * q[1] + p[2] * q[2]) / (scale * scale);
  if (Math.abs(dot(axes[0], axes[1])) > toleranceRel) return null;
  if (Math.abs(dot(axes[0], axes[2])) > toleranceRel) return null;
  if (Math.abs(dot(axes[1], axes[2])) > toleranceRel) return null;
  if (determinant3(m) <= 0) return null;
  const r = axes.map((v) => v.map((x) => x / scale));
  // Rotation matrix element R(row, col) = r[col][row]; Shepperd's method.
  const m00 = r[0][0], m11 = r[1][1], m22 = r[2][2];
  const trace = m00 + m11 + m22;
  let x: number, y: number, z: number, w: number;
  if (trace > 0) {
    const s = Math.sqrt(trace + 1) * 2;
    w = s / 4;
    x = (r[1][2] - r[2][1]) / s;
    y = (r[2][0] - r[0][2]) / s;
    z = (r[0][1] - r[1][0]) / s;
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    w = (r[1][2] - r[2][1]) / s;
    x = s / 4;
    y = (r[1][0] + r[0][1]) / s;
    z = (r[2][0] + r[0][2]) / s;
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    w = (r[2][0] - r[0][2]) / s;
    x = (r[1][0] + r[0][1]) / s;
    y = s / 4;
    z = (r[2][1] + r[1][2]) / s;
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
    w = (r[0][1] - r[1][0]) / s;
    x = (r[2][0] + r[0][2]) / s;
    y = (r[2][1] + r[1][2]) / s;
    z = s / 4;
  }
  const n = Math.hypot(x, y, z, w);
  return { translation: [m[12], m[13], m[14]], rotation: [x / n, y / n, z / n, w / n], scale };
}

/**
 * Inverse of an affine column-major 4×4 (last row 0 0 0 1): linear part inverted by cofactors, translation
 * carried along. A singular linear part yields non-finite values, which callers check.
 */
export function invertAffineMatrix4(m: Matrix4): Matrix4 {
  const n = normalMatrix3(m); // inverse-transpose, column-major: inverse(row, col) = n[row * 3 + col]
  const inv = [n[0], n[3], n[6], 0, n[1], n[4], n[7], 0, n[2], n[5], n[8], 0, 0, 0, 0, 1];
  for (let row = 0; row < 3; row++) {
    inv[12 + row] = -(inv[row] * m[12] + inv[4 + row] * m[13] + inv[8 + row] * m[14]);
  }
  return inv;
}
