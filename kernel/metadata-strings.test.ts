import { describe, expect, it } from 'vitest';
import { decodeStrings, encodeStrings } from './metadata-strings';

describe('encodeStrings / decodeStrings (EXT_structural_metadata STRING values)', () => {
  const roundTrip = (values: string[]) => {
    const packed = encodeStrings(values);
    return { packed, decoded: decodeStrings(packed.values, packed.stringOffsets, values.length) };
  };

  it('packs ASCII strings back to back with UINT32 byte offsets', () => {
    const { packed, decoded } = roundTrip(['2O2Fr$t4X7Zf8NOew3FLOH', '', 'IfcWall']);
    expect(decoded).toEqual(['2O2Fr$t4X7Zf8NOew3FLOH', '', 'IfcWall']);
    expect(Array.from(new Uint32Array(packed.stringOffsets.slice().buffer))).toEqual([0, 22, 22, 29]);
    expect(packed.values.length).toBe(29);
  });

  it('counts offsets in UTF-8 bytes for Chinese, emoji and lone surrogates', () => {
    const values = ['一层', 'A', '😀', '\ud800x', '二层 Level 2'];
    const { packed, decoded } = roundTrip(values);
    expect(decoded).toEqual(['一层', 'A', '😀', '\ufffdx', '二层 Level 2']);
    expect(Array.from(new Uint32Array(packed.stringOffsets.slice().buffer))).toEqual([0, 6, 7, 11, 15, 29]);
    expect(packed.values.byteLength).toBe(29);
    expect(packed.values.buffer.byteLength).toBe(29); // no spare capacity carried into the glTF buffer
  });

  it('keeps one unused byte when every string is empty (a bufferView cannot be empty)', () => {
    expect(encodeStrings(['', '']).values.length).toBe(1);
    expect(encodeStrings([]).values.length).toBe(1);
    expect(roundTrip(['', '']).decoded).toEqual(['', '']);
  });
});
