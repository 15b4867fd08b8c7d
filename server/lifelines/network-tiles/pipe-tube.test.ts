import { describe, expect, it } from 'vitest';
import { enuToEcefAt } from '@kernel/wgs84-ecef';
import { appendTube, axisToEnu, emptyTubeMesh } from './pipe-tube';

type V = [number, number, number];
const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const cross = (a: V, b: V): V => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

describe('appendTube', () => {
  it('draws an 8-sided open prism around a 100 m east-going axis at −1.5 m: radius, outward normals and faces', () => {
    const mesh = emptyTubeMesh();
    const pieces = appendTube(mesh, [[0, 0, -1.5], [100, 0, -1.5]], 0.3, 8, [50, 0, 0], 7);
    expect(pieces).toBe(1);
    expect(mesh.positions.length / 3).toBe(16);
    expect(mesh.indices.length / 3).toBe(16);
    expect(new Set(mesh.featureIds)).toEqual(new Set([7]));
    // ENU bounds: e 0..100, n ±0.3, u −1.8..−1.2.
    const b = mesh.boundsEnu;
    [0, -0.3, -1.8, 100, 0.3, -1.2].forEach((value, i) => expect(b[i]).toBeCloseTo(value, 9));
    const vertex = (i: number): V => [mesh.positions[3 * i], mesh.positions[3 * i + 1], mesh.positions[3 * i + 2]];
    const normal = (i: number): V => [mesh.normals[3 * i], mesh.normals[3 * i + 1], mesh.normals[3 * i + 2]];
    for (let i = 0; i < 16; i++) {
      // glTF frame (x east, y up, z −north) relative to the centre (50, 0, 0): the axis is at y = −1.5, z = 0.
      const p = vertex(i);
      const radial: V = [0, p[1] + 1.5, p[2]];
      expect(Math.hypot(radial[1], radial[2])).toBeCloseTo(0.3, 6);
      expect(dot(normal(i), radial)).toBeCloseTo(0.3, 6);
    }
    for (let t = 0; t < mesh.indices.length; t += 3) {
      const [a, b2, c] = [vertex(mesh.indices[t]), vertex(mesh.indices[t + 1]), vertex(mesh.indices[t + 2])];
      const face = cross(sub(b2, a), sub(c, a));
      // Counter-clockwise seen from outside: the face normal agrees with the vertex normals.
      expect(dot(face, normal(mesh.indices[t]))).toBeGreaterThan(0);
    }
  });

  it('skips repeated positions and refuses a bad radius or side count', () => {
    const mesh = emptyTubeMesh();
    expect(appendTube(mesh, [[0, 0, 0], [0, 0, 0], [0, 0, 10]], 0.1, 4, [0, 0, 0], 0)).toBe(1);
    expect(() => appendTube(mesh, [[0, 0, 0], [1, 0, 0]], 0, 4, [0, 0, 0], 0)).toThrow(/radius/);
    expect(() => appendTube(mesh, [[0, 0, 0], [1, 0, 0]], 0.1, 2, [0, 0, 0], 0)).toThrow(/sides/);
  });
});

describe('axisToEnu', () => {
  it('puts the origin at 0 and a point 0.01° east at ≈ 976 m east, 0.075 m below the tangent plane', () => {
    const frame = enuToEcefAt(115.9, 28.68, 0);
    const [origin, east] = axisToEnu(frame, [115.9, 28.68, 0, 115.91, 28.68, 0]);
    origin.forEach((value) => expect(value).toBeCloseTo(0, 6));
    expect(east[0]).toBeCloseTo(977.3, 0);
    expect(east[2]).toBeCloseTo(-0.075, 2);
    expect(() => axisToEnu(frame, [115.9, 28.68, 0])).toThrow(/≥ 2/);
  });
});
