import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import { build } from '@tiling/stages/build/build';
import { createSyntheticGeoreference, createSyntheticModel } from '@tiling/stages/build/synthetic-model';
import { describe, expect, it } from 'vitest';
import { type TileNode, tile } from './tile';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

function walk(node: TileNode, visit: (n: TileNode, parent: TileNode | null) => void, parent: TileNode | null = null) {
  visit(node, parent);
  for (const child of node.children) walk(child, visit, node);
}

function contains(outer: number[], inner: TileNode['boundsEnu']): boolean {
  return [0, 1, 2].every(
    (i) => inner.min[i] >= outer[i] - outer[3 + i * 4] - 1e-9 && inner.max[i] <= outer[i] + outer[3 + i * 4] + 1e-9,
  );
}

describe('tile', () => {
  it('keeps every content tile within the GPU-byte budget (14 B per vertex, 6 B per triangle, 44 B per instance)', async () => {
    const built = await build(createSyntheticModel({ boxes: 200, slabs: 3 }), createSyntheticGeoreference(), { detectInstancing: false }, ctx());
    // No instancing: every box is 24 vertices + 12 triangles = 408 B; 4 000 B hold 9 of them.
    const tiled = await tile(built, { maxGpuBytesPerTile: 4_000 }, ctx());
    expect(tiled.budget.maxGpuBytesPerTile).toBe(4_000);
    let contentTiles = 0;
    walk(tiled.root, (node) => {
      if (node.featureIds.length === 0) return;
      contentTiles++;
      const vertices = node.featureIds.reduce((n, id) => n + built.features[id].parts.reduce((m, p) => m + p.positions.length / 3, 0), 0);
      const triangles = node.featureIds.reduce((n, id) => n + built.features[id].triangles, 0);
      // A single element over the budget is a leaf of its own (the slabs are not).
      if (node.featureIds.length > 1) expect(vertices * 14 + triangles * 6).toBeLessThanOrEqual(4_000);
    });
    expect(contentTiles).toBeGreaterThanOrEqual(Math.ceil((203 * 408) / 4_000));
    const untiled = await tile(built, {}, ctx());
    expect(untiled.stats.contentTiles).toBe(1);
  });

  it('refuses a GPU-byte budget below 1', async () => {
    const built = await build(createSyntheticModel({ boxes: 2, slabs: 1 }), createSyntheticGeoreference(), {}, ctx());
    await expect(tile(built, { maxGpuBytesPerTile: 0 }, ctx())).rejects.toThrow('tile: maxGpuBytesPerTile must be ≥ 1, got 0');
  });

  it('puts slabs in the root, boxes deeper, each feature once, errors strictly decreasing', async () => {
    const built = await build(createSyntheticModel({ boxes: 200, slabs: 3 }), createSyntheticGeoreference(), {}, ctx());
    const tiled = await tile(built, { maxTrianglesPerTile: 600, maxFeaturesPerTile: 60, instancedTriangleWeight: 1 }, ctx());
    const { root } = tiled;
    // Root content = the 3 slabs (largest) + the largest boxes up to the budget; error = largest box below (< 1 m).
    // 600 stored triangles = 46 elements × 12 + the 4 instance group meshes (12 each) counted once.
    expect(root.featureIds.slice(0, 3).map((id) => built.features[id].element.ifcClass)).toEqual(['IfcSlab', 'IfcSlab', 'IfcSlab']);
    expect(root.featureIds.length).toBe(46);
    expect(root.geometricError).toBeGreaterThan(0.5);
    expect(root.geometricError).toBeLessThan(1.2);
    expect(tiled.tilesetGeometricError).toBeGreaterThan(20);
    const seen = new Map<number, number>();
    walk(root, (node, parent) => {
      for (const id of node.featureIds) seen.set(id, (seen.get(id) ?? 0) + 1);
      expect(node.triangles).toBeLessThanOrEqual(600);
      expect(node.featureIds.length).toBeLessThanOrEqual(60);
      if (parent) {
        expect(node.geometricError).toBeLessThan(parent.geometricError);
        expect(contains(parent.box, node.boundsEnu)).toBe(true);
      }
      if (node.children.length === 0) expect(node.geometricError).toBe(0);
      for (const id of node.featureIds) expect(contains(node.box, built.features[id].boundsEnu)).toBe(true);
      // Honest error: no element below is larger than the error; every content element is larger.
      const below: number[] = [];
      for (const child of node.children) walk(child, (n) => below.push(...n.featureIds));
      for (const id of below) expect(built.features[id].diagonalM).toBeLessThanOrEqual(node.geometricError + 1e-12);
      for (const id of node.featureIds) {
        if (node.children.length > 0) expect(built.features[id].diagonalM).toBeGreaterThan(node.geometricError);
      }
    });
    expect(seen.size).toBe(203);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(tiled.stats.tiles).toBeGreaterThan(4);
  });

  it('splits same-size elements spatially without content-less chains', async () => {
    const built = await build(createSyntheticModel({ boxes: 90, slabs: 0, sharedEvery: 1 }), createSyntheticGeoreference(0, 0, 0, 0), {}, ctx());
    // Unrotated identical boxes would tie; the shared ones are rotated, so force ties by using one rotation.
    for (const f of built.features) f.diagonalM = 0.8;
    const tiled = await tile(built, { maxTrianglesPerTile: 240, instancedTriangleWeight: 1 }, ctx());
    expect(tiled.root.featureIds).toHaveLength(0);
    expect(tiled.root.geometricError).toBeCloseTo(0.8, 9);
    expect(tiled.root.children.length).toBeGreaterThanOrEqual(5);
    for (const child of tiled.root.children) {
      expect(child.children).toHaveLength(0);
      expect(child.geometricError).toBe(0);
      expect(child.featureIds.length).toBeLessThanOrEqual(20);
    }
  });

  it('counts instanced triangles at instancedTriangleWeight: fewer, fuller tiles for repeated geometry', async () => {
    const built = await build(createSyntheticModel({ boxes: 200, slabs: 3, sharedEvery: 1 }), createSyntheticGeoreference(), {}, ctx());
    expect(built.features.every((f) => f.instancedTriangles === f.triangles)).toBe(true);
    const full = await tile(built, { maxTrianglesPerTile: 600, instancedTriangleWeight: 1 }, ctx());
    const quarter = await tile(built, { maxTrianglesPerTile: 600, instancedTriangleWeight: 0.25 }, ctx());
    // 203 × 12 triangles = 2 436: at weight 1 the root holds 46 elements (+ 4 group meshes once), at 0.25 it holds
    // 188 (each copy weighs 3, each group mesh 12 once).
    expect(full.root.featureIds).toHaveLength(46);
    expect(quarter.root.featureIds).toHaveLength(188);
    expect(quarter.stats.tiles).toBeLessThan(full.stats.tiles);
  });

  it('keeps a small model in one tile with geometricError 0', async () => {
    const built = await build(createSyntheticModel({ boxes: 20, slabs: 2 }), createSyntheticGeoreference(), {}, ctx());
    const tiled = await tile(built, {}, ctx());
    expect(tiled.stats).toEqual({ tiles: 1, contentTiles: 1, maxLevel: 0 });
    expect(tiled.root.geometricError).toBe(0);
    expect(tiled.root.featureIds).toHaveLength(22);
  });
});
