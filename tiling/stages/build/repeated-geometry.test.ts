import { describe, expect, it } from 'vitest';
import { findDuplicateGeometries } from './repeated-geometry';

const triangle = (dx: number, dy: number, dz: number, size = 1) => ({
  positions: new Float32Array([dx, dy, dz, dx + size, dy, dz, dx, dy + size, dz]),
  normals: new Float32Array([0, 0, 1, 0, 0, 1, 0, 0, 1]),
  indices: new Uint32Array([0, 1, 2]),
});

describe('findDuplicateGeometries', () => {
  it('maps exact and shifted copies to the first mesh with their offset, leaves other shapes alone', () => {
    const aliases = findDuplicateGeometries(
      new Map([
        [10, triangle(0, 0, 0)],
        [11, triangle(0, 0, 0)],
        [12, triangle(100.25, -3.5, 7)],
        [13, triangle(0, 0, 0, 2)],
      ]),
    );
    expect(aliases.get(11)).toEqual({ id: 10, offset: [0, 0, 0] });
    expect(aliases.get(12)!.id).toBe(10);
    expect(aliases.get(12)!.offset[0]).toBeCloseTo(100.25, 5);
    expect(aliases.get(12)!.offset[1]).toBeCloseTo(-3.5, 5);
    expect(aliases.get(12)!.offset[2]).toBeCloseTo(7, 5);
    expect(aliases.has(10)).toBe(false);
    expect(aliases.has(13)).toBe(false);
  });
});
