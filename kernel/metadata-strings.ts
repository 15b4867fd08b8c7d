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
  const offsets = new Uint32Array(values.length + 1);
  const joined = values.join('');
  let bytes: Uint8Array;
  if (!NON_ASCII.test(joined)) {
    // ASCII only (GlobalIds, IFC class names, most storeys): one native encode, offsets are string lengths.
    for (let i = 0; i < values.length; i++) offsets[i + 1] = offsets[i] + values[i].length;
    bytes = new TextEncoder().encode(joined);
  } else {
    // encodeInto one shared buffer: no small array per string (a 120 MB IFC has 170 000 elements per column).
    const encoder = new TextEncoder();
    const buffer = new Uint8Array(joined.length * 3);
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      at += encoder.encodeInto(values[i], buffer.subarray(at)).written;
      offsets[i + 1] = at;
    }
    bytes = buffer.slice(0, at);
  }
  // A bufferView may not be empty (glTF: byteLength ≥ 1): when every string is empty keep one unused byte.
  return { values: bytes.length > 0 ? bytes : new Uint8Array(1), stringOffsets: new Uint8Array(offsets.buffer) };
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Reads strings packed by {@link encodeStrings} (UINT32 offsets).
 * @see EXT_structural_metadata §Strings (stringOffsets)
 */
export function decodeStrings(values: Uint8Array, stringOffsets: Uint8Array, count: number): string[] {
  const offsets = new Uint32Array(stringOffsets.slice().buffer, 0, count + 1);
  const decoder = new TextDecoder();
  return [...Array(count).keys()].map((i) => decoder.decode(values.subarray(offsets[i], offsets[i + 1])));
}

