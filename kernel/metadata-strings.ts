/**
 * EXT_structural_metadata STRING property values packed and unpacked: shared by the IFC tiler (tiling/) and the
 * lifelines network tiles (server/lifelines/network-tiles/), which both write property tables.
 * @see https://github.com/CesiumGS/glTF/tree/3d-tiles-next/extensions/2.0/Vendor/EXT_structural_metadata (§Strings)
 */

/**
 * Packs strings as EXT_structural_metadata STRING values: UTF-8 bytes back to back, plus `count + 1` UINT32
 * byte offsets. When all strings are empty, `values` is one unused zero byte (a glTF bufferView cannot be empty).
 * @returns the `values` bytes and the `stringOffsets` bytes (UINT32 little-endian)
 * @see EXT_structural_metadata §Strings (stringOffsets)
 */
export function encodeStrings(values: readonly string[]): { values: Uint8Array; stringOffsets: Uint8Array } {
  const encoder = new TextEncoder();
  const parts = values.map((v) => encoder.encode(v));
  const offsets = new Uint32Array(values.length + 1);
  for (let i = 0; i < parts.length; i++) offsets[i + 1] = offsets[i] + parts[i].length;
  // A bufferView may not be empty (glTF: byteLength ≥ 1): when every string is empty keep one unused byte.
  const bytes = new Uint8Array(Math.max(1, offsets[values.length]));
  parts.forEach((p, i) => bytes.set(p, offsets[i]));
  return { values: bytes, stringOffsets: new Uint8Array(offsets.buffer) };
}

/**
 * Reads strings packed by {@link encodeStrings} (UINT32 offsets).
 * @see EXT_structural_metadata §Strings (stringOffsets)
 */
export function decodeStrings(values: Uint8Array, stringOffsets: Uint8Array, count: number): string[] {
  const offsets = new Uint32Array(stringOffsets.slice().buffer, 0, count + 1);
  const decoder = new TextDecoder();
  return [...Array(count).keys()].map((i) => decoder.decode(values.subarray(offsets[i], offsets[i + 1])));
}

