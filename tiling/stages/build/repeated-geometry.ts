import { createHash } from 'node:crypto';
import type { MeshGeometry } from '@tiling/stages/parse/parsed-model';

function bytesOf(array: Float32Array | Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * Maps every geometryExpressId whose mesh repeats an earlier one byte for byte (positions, normals, indices) to
 * that earlier id. Ids with unique content are absent from the map.
 */
export function findDuplicateGeometries(geometries: ReadonlyMap<number, MeshGeometry>): Map<number, number> {
  const firstByHash = new Map<string, number>();
  const canonical = new Map<number, number>();
  for (const [id, mesh] of geometries) {
    if (mesh.indices.length === 0) continue;
    const hash = createHash('sha1')
      .update(bytesOf(mesh.positions))
      .update(bytesOf(mesh.normals))
      .update(bytesOf(mesh.indices))
      .digest('base64');
    const first = firstByHash.get(hash);
    if (first === undefined) firstByHash.set(hash, id);
    else canonical.set(id, first);
  }
  return canonical;
}
