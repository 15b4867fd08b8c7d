/**
 * Position quantisation on a fixed metric grid, per mesh (KHR_mesh_quantization): POSITION becomes SHORT
 * (not normalized) grid indices, q = round((p − centre) / step) with step = 2 × maxErrorM, and the mesh's node
 * (or, for EXT_mesh_gpu_instancing, every instance transform) gets `translate(centre) · scale(step)`.
 *
 * Notes (2026-11-30)
 * - glTF-Transform's `quantize` spreads every mesh over the full ±32 767 range at one bit count for the whole
 *   document and fills the low bits by bit replication, so a 1 m chair in a 40 m tile got 15 µm steps and 16
 *   noisy bits per component. Here each mesh gets exactly the 1 mm error it is allowed: a 1 m mesh spans
 *   ±250 steps, the high byte of every value repeats and meshopt's delta codec drops it.
 * - A mesh whose half-extent exceeds 32 767 steps (65 m at 1 mm) keeps float32 positions (relative to the tile
 *   centre); in the same document smaller meshes are still quantised.
 * - Instance transforms: world = node · T · R · S · (centre + step · q), so T′ = T + R(S ⊙ centre), S′ = S · step.
 */
import type { Accessor, Document, Mesh } from '@gltf-transform/core';

/** What {@link quantizePositions} did. */
export interface QuantizeStats {
  quantizedMeshes: number;
  /** Meshes left at float32 (too large for 16-bit steps of 2 × maxErrorM). */
  floatMeshes: number;
}

const MAX_STEPS = 32_767;

function meshBounds(mesh: Mesh): { min: number[]; max: number[] } | null {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const prim of mesh.listPrimitives()) {
    const position = prim.getAttribute('POSITION');
    if (!position || !(position.getArray() instanceof Float32Array)) return null;
    const lo = position.getMin([]);
    const hi = position.getMax([]);
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k], lo[k]);
      max[k] = Math.max(max[k], hi[k]);
    }
  }
  return min[0] <= max[0] ? { min, max } : null;
}

/** Rotates v by the unit quaternion (x, y, z, w). */
function rotate(q: ArrayLike<number>, v: readonly number[]): number[] {
  const [x, y, z, w] = [q[0], q[1], q[2], q[3]];
  // t = 2 · (q.xyz × v); v′ = v + w t + q.xyz × t
  const tx = 2 * (y * v[2] - z * v[1]);
  const ty = 2 * (z * v[0] - x * v[2]);
  const tz = 2 * (x * v[1] - y * v[0]);
  return [v[0] + w * tx + (y * tz - z * ty), v[1] + w * ty + (z * tx - x * tz), v[2] + w * tz + (x * ty - y * tx)];
}

/**
 * Quantises every mesh's POSITION to SHORT grid steps of 2 × `maxErrorM` metres (modifies `document`).
 * Meshes must not share accessors with other meshes and must be attached to nodes without children (as
 * `write` builds them).
 * @param maxErrorM largest allowed position error, metres (> 0): half the grid step
 * @returns counts of the quantised meshes (see {@link QuantizeStats})
 * @see KHR_mesh_quantization (SHORT normalized positions with a node scale/offset)
 */
export function quantizePositions(document: Document, maxErrorM: number): QuantizeStats {
  const step = 2 * maxErrorM;
  const stats: QuantizeStats = { quantizedMeshes: 0, floatMeshes: 0 };
  const buffer = document.getRoot().listBuffers()[0];
  for (const mesh of document.getRoot().listMeshes()) {
    const bounds = meshBounds(mesh);
    if (!bounds) continue;
    const centre = [0, 1, 2].map((k) => (bounds.min[k] + bounds.max[k]) / 2);
    const half = Math.max(...[0, 1, 2].map((k) => (bounds.max[k] - bounds.min[k]) / 2));
    if (half / step > MAX_STEPS - 1) {
      stats.floatMeshes++;
      continue;
    }
    for (const prim of mesh.listPrimitives()) {
      const position = prim.getAttribute('POSITION')!;
      const src = position.getArray() as Float32Array;
      const q = new Int16Array(src.length);
      for (let i = 0; i < src.length; i++) q[i] = Math.round((src[i] - centre[i % 3]) / step);
      position.setArray(q).setNormalized(false);
    }
    for (const parent of mesh.listParents()) {
      if (parent.propertyType !== 'Node') continue;
      const node = parent as import('@gltf-transform/core').Node;
      const batch = node.getExtension<import('@gltf-transform/extensions').InstancedMesh>('EXT_mesh_gpu_instancing');
      if (batch) {
        const translation = batch.getAttribute('TRANSLATION');
        const rotation = batch.getAttribute('ROTATION');
        const scale = batch.getAttribute('SCALE');
        const count = translation?.getCount() ?? 0;
        const t = new Float32Array(count * 3);
        const s = new Float32Array(count * 3);
        for (let i = 0; i < count; i++) {
          const si = scale ? scale.getElement(i, []) : [1, 1, 1];
          const ri = rotation ? rotation.getElement(i, []) : [0, 0, 0, 1];
          const ti = translation!.getElement(i, []);
          const offset = rotate(ri, [si[0] * centre[0], si[1] * centre[1], si[2] * centre[2]]);
          t.set([ti[0] + offset[0], ti[1] + offset[1], ti[2] + offset[2]], i * 3);
          s.set([si[0] * step, si[1] * step, si[2] * step], i * 3);
        }
        translation?.setArray(t);
        const scaleAccessor: Accessor = scale ?? document.createAccessor().setType('VEC3').setBuffer(buffer);
        batch.setAttribute('SCALE', scaleAccessor.setArray(s));
      } else {
        const t = node.getTranslation();
        const sc = node.getScale();
        // Leaf node: world = node TRS · (centre + step q) → fold into the node's own TRS (rotation kept).
        const offset = rotate(node.getRotation(), [sc[0] * centre[0], sc[1] * centre[1], sc[2] * centre[2]]);
        node
          .setTranslation([t[0] + offset[0], t[1] + offset[1], t[2] + offset[2]])
          .setScale([sc[0] * step, sc[1] * step, sc[2] * step]);
      }
    }
    stats.quantizedMeshes++;
  }
  return stats;
}
