import { describe, expect, it } from 'vitest';
import { DEFAULT_POSITION_TOLERANCE_M, mergeVertices } from './merge-vertices';
import { createBoxMesh } from './synthetic-model';

describe('mergeVertices', () => {
  it('keeps the 90° edges of a box sharp (24 vertices) and removes exact duplicates', () => {
    const box = createBoxMesh(1, 2, 3);
    const merged = mergeVertices(box, 40);
    expect(merged.positions.length / 3).toBe(24);
    expect(merged.indices.length).toBe(36);
    // Duplicate every vertex: the copies collapse onto the originals.
    const doubled = {
      positions: Float32Array.from([...box.positions, ...box.positions]),
      normals: Float32Array.from([...box.normals, ...box.normals]),
      indices: Uint32Array.from([...box.indices, ...[...box.indices].map((i) => i + 24)]),
    };
    expect(mergeVertices(doubled, 0).positions.length / 3).toBe(24);
  });

  it('smooths a 16-segment cylinder side (22.5° steps) at 40° but not at 10°', () => {
    const positions: number[] = [];
    const normals: number[] = [];
    const indices: number[] = [];
    for (let i = 0; i < 16; i++) {
      const a0 = (i / 16) * 2 * Math.PI, a1 = ((i + 1) / 16) * 2 * Math.PI, am = (a0 + a1) / 2;
      const base = positions.length / 3;
      for (const [a, y] of [[a0, 0], [a1, 0], [a1, 1], [a0, 1]]) {
        positions.push(Math.cos(a), y, Math.sin(a));
        normals.push(Math.cos(am), 0, Math.sin(am)); // flat face normal, as web-ifc emits
      }
      indices.push(base, base + 2, base + 1, base, base + 3, base + 2);
    }
    const mesh = { positions: Float32Array.from(positions), normals: Float32Array.from(normals), indices: Uint32Array.from(indices) };
    const smooth = mergeVertices(mesh, 40);
    expect(smooth.positions.length / 3).toBe(32);
    // The merged normal at angle 0 is radial: (1, 0, 0) within 1e-6.
    const v = [...Array(32).keys()].find((i) => Math.abs(smooth.positions[i * 3] - 1) < 1e-6 && Math.abs(smooth.positions[i * 3 + 2]) < 1e-6)!;
    expect(smooth.normals[v * 3]).toBeCloseTo(1, 6);
    expect(mergeVertices(mesh, 10).positions.length / 3).toBe(64);
  });

  it('moves no vertex by more than the position tolerance (5 µm: the merge share of the 0.2 mm budget)', () => {
    expect(DEFAULT_POSITION_TOLERANCE_M).toBeLessThanOrEqual(5e-6);
    const box = createBoxMesh(1.2345, 2.3456, 3.4567);
    // A copy 2 µm away merges (same 5 µm cell), a copy 0.1 mm away does not.
    const shifted = (d: number) => Float32Array.from(box.positions, (p) => p + d);
    const mesh = {
      positions: Float32Array.from([...box.positions, ...shifted(2e-6), ...shifted(1e-4)]),
      normals: Float32Array.from([...box.normals, ...box.normals, ...box.normals]),
      indices: Uint32Array.from([...box.indices, ...[...box.indices].map((i) => i + 24), ...[...box.indices].map((i) => i + 48)]),
    };
    const merged = mergeVertices(mesh, 0);
    expect(merged.positions.length / 3).toBeGreaterThanOrEqual(48);
    expect(merged.positions.length / 3).toBeLessThan(72);
    // Triangles keep their order (none collapses here): each corner moved by less than the tolerance per axis.
    expect(merged.indices.length).toBe(mesh.indices.length);
    for (let j = 0; j < mesh.indices.length; j++) {
      const [v, w] = [mesh.indices[j], merged.indices[j]];
      for (let k = 0; k < 3; k++) expect(Math.abs(mesh.positions[v * 3 + k] - merged.positions[w * 3 + k])).toBeLessThan(DEFAULT_POSITION_TOLERANCE_M);
    }
  });
});
