/**
 * Test support (unit tests, integration tests, the benchmark's "geometry exactness" table): reads the tile GLBs
 * of a tileset back as a renderer would draw them and measures every feature's signed volume and surface area.
 *
 * Notes
 * - Positions are decoded as stored (meshopt decoded, KHR_mesh_quantization integers or normalized values as
 *   glTF-Transform returns them) and moved by the node's world matrix and, for EXT_mesh_gpu_instancing, each
 *   instance's TRS: the quantisation offset/scale that `compress` puts on nodes is applied that way.
 * - Volume is Σ det(a, b, c) / 6 over triangles (divergence theorem), times the sign of the determinant of the
 *   matrix that placed them: glTF says a mirroring node transform makes clockwise triangles front faces, so the
 *   result is the volume as drawn, positive when front faces point outward. Each triangle is taken relative
 *   to its feature's first vertex (a closed mesh's volume does not depend on the reference point; this keeps
 *   float64 cancellation small for tiles far from the origin).
 * - The frame is the glTF content frame (metres). The tileset's root transform (ENU → ECEF) is a rotation plus a
 *   translation and changes neither volumes nor areas, so it is not applied.
 * - Features are matched by their property table row (`globalId`); a feature split over several tiles or
 *   primitives is summed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Node } from '@gltf-transform/core';
import type { InstancedMesh } from '@gltf-transform/extensions';
import { readPropertyTable, readTileGlb } from './validate-output';

/** Measures of one feature as drawn. */
export interface SolidMeasure {
  /** Signed volume, m³: positive when the front faces point outward (closed meshes only make sense). */
  volumeM3: number;
  /** Surface area, m² (every triangle counted once, both windings alike). */
  areaM2: number;
  triangles: number;
}

type Matrix = number[];

function composeTrs(t: ArrayLike<number>, q: ArrayLike<number>, s: ArrayLike<number>): Matrix {
  const [x, y, z, w] = [q[0], q[1], q[2], q[3]];
  return [
    (1 - 2 * (y * y + z * z)) * s[0], 2 * (x * y + z * w) * s[0], 2 * (x * z - y * w) * s[0], 0,
    2 * (x * y - z * w) * s[1], (1 - 2 * (x * x + z * z)) * s[1], 2 * (y * z + x * w) * s[1], 0,
    2 * (x * z + y * w) * s[2], 2 * (y * z - x * w) * s[2], (1 - 2 * (x * x + y * y)) * s[2], 0,
    t[0], t[1], t[2], 1,
  ];
}

function multiply(a: Matrix, b: Matrix): Matrix {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) out[c * 4 + r] += a[k * 4 + r] * b[c * 4 + k];
  return out;
}

function det3(m: Matrix): number {
  return m[0] * (m[5] * m[10] - m[9] * m[6]) - m[4] * (m[1] * m[10] - m[9] * m[2]) + m[8] * (m[1] * m[6] - m[5] * m[2]);
}

/** Placements of one mesh node: its world matrix, or world · instance TRS per GPU instance, with feature IDs. */
function placementsOf(node: Node): { matrix: Matrix; featureId: number | null }[] {
  const world = Array.from(node.getWorldMatrix());
  const batch = node.getExtension<InstancedMesh>('EXT_mesh_gpu_instancing');
  if (!batch) return [{ matrix: world, featureId: null }];
  const t = batch.getAttribute('TRANSLATION');
  const r = batch.getAttribute('ROTATION');
  const s = batch.getAttribute('SCALE');
  const f = batch.getAttribute('_FEATURE_ID_0');
  const count = (t ?? r ?? s)?.getCount() ?? 0;
  return [...Array(count).keys()].map((i) => ({
    matrix: multiply(world, composeTrs(t ? t.getElement(i, []) : [0, 0, 0], r ? r.getElement(i, []) : [0, 0, 0, 1], s ? s.getElement(i, []) : [1, 1, 1])),
    featureId: f ? f.getScalar(i) : null,
  }));
}

/**
 * Signed volume and area per feature of one tile Document (see the module Notes for the conventions).
 * @returns per `globalId` of the tile's property table (rows without one are keyed `#<featureId>`)
 * @see glTF 2.0 §3.7.4 (a negative determinant flips the front face); KHR_mesh_quantization;
 *   EXT_mesh_gpu_instancing; EXT_mesh_features; EXT_instance_features
 */
export function measureTileDocument(document: Document): Map<string, SolidMeasure> {
  const rows = readPropertyTable(document);
  const keyOf = (featureId: number) => String(rows[featureId]?.globalId ?? `#${featureId}`);
  const out = new Map<string, SolidMeasure>();
  const origins = new Map<string, number[]>();
  const visit = (node: Node) => {
    const mesh = node.getMesh();
    if (mesh) {
      for (const { matrix: m, featureId: instanceFeature } of placementsOf(node)) {
        const sign = Math.sign(det3(m));
        for (const prim of mesh.listPrimitives()) {
          if (prim.getMode() !== 4) continue; // TRIANGLES only
          const position = prim.getAttribute('POSITION');
          if (!position) continue;
          const fid = prim.getAttribute('_FEATURE_ID_0');
          const count = position.getCount();
          const world = new Float64Array(count * 3);
          const p: number[] = [];
          for (let i = 0; i < count; i++) {
            position.getElement(i, p);
            for (let r = 0; r < 3; r++) world[i * 3 + r] = m[r] * p[0] + m[4 + r] * p[1] + m[8 + r] * p[2] + m[12 + r];
          }
          const indices = prim.getIndices()?.getArray() ?? Uint32Array.from({ length: count }, (_, i) => i);
          for (let t = 0; t + 2 < indices.length; t += 3) {
            const a = indices[t] * 3, b = indices[t + 1] * 3, c = indices[t + 2] * 3;
            const key = keyOf(instanceFeature ?? (fid ? fid.getScalar(indices[t]) : -1));
            let o = origins.get(key);
            if (!o) origins.set(key, (o = [world[a], world[a + 1], world[a + 2]]));
            const ax = world[a] - o[0], ay = world[a + 1] - o[1], az = world[a + 2] - o[2];
            const bx = world[b] - o[0], by = world[b + 1] - o[1], bz = world[b + 2] - o[2];
            const cx = world[c] - o[0], cy = world[c + 1] - o[1], cz = world[c + 2] - o[2];
            const volume = (ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx)) / 6;
            const ux = bx - ax, uy = by - ay, uz = bz - az, vx = cx - ax, vy = cy - ay, vz = cz - az;
            const area = Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
            const entry = out.get(key) ?? { volumeM3: 0, areaM2: 0, triangles: 0 };
            entry.volumeM3 += sign * volume;
            entry.areaM2 += area;
            entry.triangles++;
            out.set(key, entry);
          }
        }
      }
    }
    for (const child of node.listChildren()) visit(child);
  };
  for (const scene of document.getRoot().listScenes()) for (const node of scene.listChildren()) visit(node);
  return out;
}

/**
 * {@link measureTileDocument} over every `.glb` below `tilesetDir` (a converted output directory), summed per
 * feature.
 * @param meshoptDecoder `MeshoptDecoder` from `meshoptimizer` after `await MeshoptDecoder.ready`
 * @returns per element `globalId`: signed volume (m³), area (m²), triangles
 * @throws the reader's error when a GLB is unreadable
 */
export async function measureTileset(tilesetDir: string, meshoptDecoder: unknown): Promise<Map<string, SolidMeasure>> {
  const total = new Map<string, SolidMeasure>();
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.glb') ? [join(dir, e.name)] : []));
  for (const file of walk(tilesetDir)) {
    const document = await readTileGlb(readFileSync(file), meshoptDecoder);
    for (const [key, m] of measureTileDocument(document)) {
      const entry = total.get(key) ?? { volumeM3: 0, areaM2: 0, triangles: 0 };
      entry.volumeM3 += m.volumeM3;
      entry.areaM2 += m.areaM2;
      entry.triangles += m.triangles;
      total.set(key, entry);
    }
  }
  return total;
}

/** Relative error `measured / exact − 1` (e.g. 0.001 = +0.1 %). */
export function relativeError(measured: number, exact: number): number {
  return measured / exact - 1;
}

/** One row of a geometry-exactness table: a solid's measured values against its closed-form ones. */
export interface ExactnessRow {
  name: string;
  volumeM3: number;
  exactVolumeM3: number;
  /** {@link relativeError} of the volume; NaN when the feature is missing from the output. */
  volumeError: number;
  areaM2: number;
  exactAreaM2: number;
  areaError: number;
}

/**
 * Compares measured features with solids of known volume and area (e.g. `EXACT_SOLIDS` of
 * stages/parse/exact-solids-fixture.ts), in the order given.
 * @param measured the result of {@link measureTileset} (per globalId)
 * @param solids name, globalId and exact volume (m³) and area (m²) per solid
 * @returns one row per solid; volume and area NaN when the output has no feature with that globalId
 */
export function exactnessTable(
  measured: ReadonlyMap<string, SolidMeasure>,
  solids: readonly { name: string; globalId: string; volumeM3: number; areaM2: number }[],
): ExactnessRow[] {
  return solids.map((s) => {
    const m = measured.get(s.globalId);
    const volumeM3 = m?.volumeM3 ?? NaN;
    const areaM2 = m?.areaM2 ?? NaN;
    return {
      name: s.name,
      volumeM3,
      exactVolumeM3: s.volumeM3,
      volumeError: relativeError(volumeM3, s.volumeM3),
      areaM2,
      exactAreaM2: s.areaM2,
      areaError: relativeError(areaM2, s.areaM2),
    };
  });
}
