import { describe, expect, it } from 'vitest';
import { bakeMesh, emptyBoundsEnu } from '@tiling/stages/build/bake-geometry';
import { invertAffineMatrix4, multiplyMatrix4, normalMatrix3 } from './matrix4';

const c = Math.cos(0.3);
const s = Math.sin(0.3);
/** 0.3 rad about +z, uniform scale 2, translation (5, −3, 7); column-major. */
const M = [2 * c, 2 * s, 0, 0, -2 * s, 2 * c, 0, 0, 0, 0, 2, 0, 5, -3, 7, 1];

describe('normalMatrix3', () => {
  it('turns normals with the placement (inverse-transpose), not against it', () => {
    const n = normalMatrix3(M);
    // Column-major: the image of +x is the first column, (c, s, 0) / 2 before renormalising.
    expect(n[0]).toBeCloseTo(c / 2, 12);
    expect(n[1]).toBeCloseTo(s / 2, 12);
    expect(n[3]).toBeCloseTo(-s / 2, 12);
  });
  it('bakes a +x normal to the same direction as the +x edge', () => {
    const baked = bakeMesh(
      { positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]), normals: new Float32Array([1, 0, 0, 1, 0, 0, 1, 0, 0]), indices: new Uint32Array([0, 1, 2]) },
      M,
      emptyBoundsEnu(),
      [0, 0, 0],
    )!;
    expect(baked.normals[0]).toBeCloseTo(c, 6);
    expect(baked.normals[1]).toBeCloseTo(s, 6);
  });
});

describe('invertAffineMatrix4', () => {
  it('gives the identity both ways', () => {
    const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
    multiplyMatrix4(invertAffineMatrix4(M), M).forEach((v, i) => expect(v).toBeCloseTo(identity[i], 12));
    multiplyMatrix4(M, invertAffineMatrix4(M)).forEach((v, i) => expect(v).toBeCloseTo(identity[i], 12));
  });
});
