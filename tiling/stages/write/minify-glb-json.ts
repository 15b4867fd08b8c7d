/**
 * Drops properties whose value is the glTF default from a GLB's JSON chunk (the BIN chunk is kept byte for byte).
 *
 * Notes: glTF-Transform 4.5.1 writes `"normalized":false` on every accessor, `"byteOffset":0` and
 * `"mode":4` (TRIANGLES). In janesville's tile (755 accessors after the 16-bit split) that was 13 KB of
 * its 133 KB JSON (1 % of the tileset); FZK-Haus 1 KB. Meaning is unchanged: each dropped value is the
 * default the specification states for the property.
 */

const GLB_MAGIC = 0x46546c67; // 'glTF'
const CHUNK_JSON = 0x4e4f534a; // 'JSON'

type Json = Record<string, unknown>;

function dropDefaults(gltf: Json): void {
  for (const accessor of (gltf.accessors as Json[] | undefined) ?? []) {
    if (accessor.normalized === false) delete accessor.normalized;
    if (accessor.byteOffset === 0) delete accessor.byteOffset;
  }
  for (const view of (gltf.bufferViews as Json[] | undefined) ?? []) {
    if (view.byteOffset === 0) delete view.byteOffset;
    const meshopt = (view.extensions as Json | undefined)?.EXT_meshopt_compression as Json | undefined;
    if (meshopt?.byteOffset === 0) delete meshopt.byteOffset;
  }
  for (const mesh of (gltf.meshes as Json[] | undefined) ?? []) {
    for (const primitive of (mesh.primitives as Json[] | undefined) ?? []) if (primitive.mode === 4) delete primitive.mode;
  }
}

/**
 * Returns `glb` with default-valued properties removed from its JSON (accessor `normalized: false`,
 * `byteOffset: 0` on accessors, buffer views and EXT_meshopt_compression, primitive `mode: 4`).
 * @param glb a binary glTF 2.0 file (12-byte header, JSON chunk first, optional BIN chunk)
 * @returns a new GLB; `glb` itself when it is not a GLB 2.0 (left for the validator to report)
 * @see glTF 2.0 §4.4 (GLB file format), §5 (property defaults); EXT_meshopt_compression (byteOffset default 0)
 */
export function minifyGlbJson(glb: Uint8Array): Uint8Array {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  if (glb.byteLength < 20 || view.getUint32(0, true) !== GLB_MAGIC || view.getUint32(4, true) !== 2) return glb;
  const jsonLength = view.getUint32(12, true);
  if (view.getUint32(16, true) !== CHUNK_JSON) return glb;
  const gltf = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as Json;
  dropDefaults(gltf);
  const text = new TextEncoder().encode(JSON.stringify(gltf));
  const padded = (text.byteLength + 3) & ~3;
  const rest = glb.subarray(20 + jsonLength);
  const out = new Uint8Array(20 + padded + rest.byteLength);
  const outView = new DataView(out.buffer);
  outView.setUint32(0, GLB_MAGIC, true);
  outView.setUint32(4, 2, true);
  outView.setUint32(8, out.byteLength, true);
  outView.setUint32(12, padded, true);
  outView.setUint32(16, CHUNK_JSON, true);
  out.set(text, 20);
  out.fill(0x20, 20 + text.byteLength, 20 + padded); // JSON chunk padding: spaces
  out.set(rest, 20 + padded);
  return out;
}
