/**
 * Merges vertices of one mesh that share a position (within `positionToleranceM`) and whose normals differ by
 * less than the crease angle: the merged vertex gets the normalised mean normal ("auto smooth").
 *
 * Notes: web-ifc emits flat-shaded meshes with one vertex per face corner, and tessellated curved faces whose
 * neighbouring normals differ by a few degrees. On FZK-Haus (21.7 k triangles) exact welding leaves 37.0 k
 * vertices; merging within 10° leaves 24.1 k, within 25° 23.4 k, within 40° 22.3 k. Hard edges of buildings are
 * 90° (boxes, walls) or > 30° (roofs), so a 20° crease keeps them sharp while smoothing arcs and removing noise.
 * Vertex data is ~4.4 bytes/vertex after meshopt, so this is the largest single size lever that keeps normals.
 *
 * Position tolerance (issue #8): positions are compared on a grid of `positionToleranceM` and a merged vertex
 * takes the first one's position, so every vertex moves by less than the tolerance per coordinate. The default
 * is 5 µm, the vertex-merge share of the 0.2 mm position budget (compress quantises to 0.19 mm; float32 storage
 * of baked positions adds < 4 µm within 128 m of the origin). Until 2026-12 it was 0.1 mm; at 5 µm janesville
 * keeps 125 more of 211 k vertices, FZK-Haus, duplex, Institute and nanchang none: web-ifc's coincident
 * vertices are bitwise equal.
 */
import type { MeshGeometry } from '@tiling/stages/parse/parsed-model';

/** Default position grid, metres: 5 µm (see the module Notes: the merge's share of the 0.2 mm budget). */
export const DEFAULT_POSITION_TOLERANCE_M = 5e-6;
/** Cosine limit for a 0° crease: only normals equal up to float rounding are merged. */
const EXACT_NORMAL_COS_LIMIT = 1 - 1e-9;
/** A normal sum shorter than this cancelled out (opposite faces); the first normal is kept instead. */
const MIN_NORMAL_SUM_LENGTH = 1e-12;

/**
 * Returns a mesh with merged vertices (new arrays; the input is not modified). Triangles are kept as they are,
 * except those that collapse to a repeated index, which are dropped.
 * @param mesh positions (xyz, metres), unit normals (xyz) and triangle indices, any frame
 * @param creaseAngleDeg normals closer than this (degrees, 0..180) are merged; 0 merges exact duplicates only
 * @param positionToleranceM positions are compared on a grid of this size, metres (> 0): a merged vertex moves
 *   by less than this per coordinate
 * @returns new arrays: merged positions (the first merged vertex's), normalised mean normals, remapped indices
 */
export function mergeVertices(mesh: MeshGeometry, creaseAngleDeg: number, positionToleranceM = DEFAULT_POSITION_TOLERANCE_M): MeshGeometry {
  const cosLimit = creaseAngleDeg > 0 ? Math.cos((creaseAngleDeg * Math.PI) / 180) : EXACT_NORMAL_COS_LIMIT;
  const count = mesh.positions.length / 3;
  const remap = new Uint32Array(count);
  // Output vertices: grid cell (integers), first normal, normal sum, and a chain of vertices per hash bucket.
  const cell = new Float64Array(count * 3);
  const positions = new Float32Array(count * 3);
  const firstNormal = new Float32Array(count * 3);
  const normalSum = new Float64Array(count * 3);
  const nextInBucket = new Int32Array(count);
  const bucketHead = new Map<number, number>();
  const inv = 1 / positionToleranceM;
  const p = mesh.positions;
  const n = mesh.normals;
  let out = 0;
  for (let v = 0; v < count; v++) {
    const ix = Math.round(p[v * 3] * inv), iy = Math.round(p[v * 3 + 1] * inv), iz = Math.round(p[v * 3 + 2] * inv);
    const hash = (Math.imul(ix | 0, 73856093) ^ Math.imul(iy | 0, 19349663) ^ Math.imul(iz | 0, 83492791)) | 0;
    const nx = n[v * 3] ?? 0, ny = n[v * 3 + 1] ?? 0, nz = n[v * 3 + 2] ?? 0;
    let target = -1;
    for (let c = bucketHead.get(hash) ?? -1; c >= 0; c = nextInBucket[c]) {
      if (cell[c * 3] !== ix || cell[c * 3 + 1] !== iy || cell[c * 3 + 2] !== iz) continue;
      if (firstNormal[c * 3] * nx + firstNormal[c * 3 + 1] * ny + firstNormal[c * 3 + 2] * nz >= cosLimit) {
        target = c;
        break;
      }
    }
    if (target < 0) {
      target = out++;
      cell[target * 3] = ix;
      cell[target * 3 + 1] = iy;
      cell[target * 3 + 2] = iz;
      firstNormal[target * 3] = nx;
      firstNormal[target * 3 + 1] = ny;
      firstNormal[target * 3 + 2] = nz;
      nextInBucket[target] = bucketHead.get(hash) ?? -1;
      bucketHead.set(hash, target);
      // The first vertex's exact position represents the merged vertex.
      positions[target * 3] = p[v * 3];
      positions[target * 3 + 1] = p[v * 3 + 1];
      positions[target * 3 + 2] = p[v * 3 + 2];
    }
    normalSum[target * 3] += nx;
    normalSum[target * 3 + 1] += ny;
    normalSum[target * 3 + 2] += nz;
    remap[v] = target;
  }
  const normals = new Float32Array(out * 3);
  for (let i = 0; i < out * 3; i += 3) {
    let x = normalSum[i], y = normalSum[i + 1], z = normalSum[i + 2];
    let len = Math.hypot(x, y, z);
    if (!(len > MIN_NORMAL_SUM_LENGTH)) {
      x = firstNormal[i];
      y = firstNormal[i + 1];
      z = firstNormal[i + 2];
      len = Math.hypot(x, y, z) || 1;
    }
    normals[i] = x / len;
    normals[i + 1] = y / len;
    normals[i + 2] = z / len;
  }
  const indices = new Uint32Array(mesh.indices.length);
  let kept = 0;
  for (let t = 0; t + 2 < mesh.indices.length; t += 3) {
    const a = remap[mesh.indices[t]], b = remap[mesh.indices[t + 1]], c = remap[mesh.indices[t + 2]];
    if (a === b || b === c || a === c) continue;
    indices[kept++] = a;
    indices[kept++] = b;
    indices[kept++] = c;
  }
  return { positions: positions.slice(0, out * 3), normals, indices: indices.slice(0, kept) };
}
