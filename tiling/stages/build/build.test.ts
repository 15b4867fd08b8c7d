import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import { describe, expect, it } from 'vitest';
import { build } from './build';
import { decomposeSimilarity, multiplyMatrix4 } from '@tiling/math/matrix4';
import { createSyntheticGeoreference, createSyntheticModel, placementMatrix } from './synthetic-model';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

describe('build', () => {
  it('makes one feature per element with triangles, in element order, and groups shared geometry', async () => {
    const model = createSyntheticModel({ boxes: 200, slabs: 3, sharedEvery: 2 });
    const built = await build(model, createSyntheticGeoreference(), {}, ctx());
    expect(built.features).toHaveLength(203);
    expect(built.features.map((f) => f.featureId)).toEqual([...Array(203).keys()]);
    expect(built.features.map((f) => f.element.globalId)).toEqual(model.elements.map((e) => e.globalId));
    // 100 boxes share #1000 in two colors (every 5th box is translucent) → two instance groups.
    const shared = built.instanceGroups.filter((g) => g.geometryExpressId === 1000);
    expect(shared.map((g) => g.uses).sort((a, b) => a - b)).toEqual([20, 80]);
    // The other 100 boxes have distinct ids but only 3 distinct meshes: found by content, instanced too.
    expect(built.instanceGroups.every((g) => g.geometryExpressId === 1000 || g.geometryExpressId === 2000 || (g.geometryExpressId >= 3001 && g.geometryExpressId <= 3005))).toBe(true);
    expect(built.stats.instancedPlacements).toBe(203); // 200 boxes + 3 slabs sharing #2000
    expect(built.stats.triangles).toBe(203 * 12);
    expect(built.stats.placedGeometries).toBe(203);
  });

  it('puts vertices in ENU: slab 20 m × 12 m rotated by the 15° heading, bounds within 1 mm', async () => {
    const model = createSyntheticModel({ boxes: 0, slabs: 1 });
    const built = await build(model, createSyntheticGeoreference(115.85, 28.69, 22, 15), {}, ctx());
    const slab = built.features[0];
    const h = (15 * Math.PI) / 180;
    // Model x → ENU (cos h, −sin h); model +z (IFC −y) → ENU (−sin h, −cos h). Slab spans x 0..20, z 0..12.
    const corners = [[0, 0], [20, 0], [0, 12], [20, 12]].map(([x, z]) => [
      x * Math.cos(h) - z * Math.sin(h),
      -x * Math.sin(h) - z * Math.cos(h),
    ]);
    expect(slab.boundsEnu.min[0]).toBeCloseTo(Math.min(...corners.map((c) => c[0])), 3);
    expect(slab.boundsEnu.max[0]).toBeCloseTo(Math.max(...corners.map((c) => c[0])), 3);
    expect(slab.boundsEnu.min[1]).toBeCloseTo(Math.min(...corners.map((c) => c[1])), 3);
    expect(slab.boundsEnu.max[1]).toBeCloseTo(Math.max(...corners.map((c) => c[1])), 3);
    expect(slab.boundsEnu.min[2]).toBeCloseTo(0, 3);
    expect(slab.boundsEnu.max[2]).toBeCloseTo(0.3, 3);
    const spanE = Math.max(...corners.map((c) => c[0])) - Math.min(...corners.map((c) => c[0]));
    const spanN = Math.max(...corners.map((c) => c[1])) - Math.min(...corners.map((c) => c[1]));
    expect(slab.diagonalM).toBeCloseTo(Math.hypot(spanE, spanN, 0.3), 3);
    // Stored positions are relative to the origin: |x| ≤ half the diagonal.
    for (const v of slab.parts[0].positions) expect(Math.abs(v)).toBeLessThan(12);
  });

  it('keeps absolute map coordinates out of float32 buffers (model 3 km from the anchor)', async () => {
    const model = createSyntheticModel({ boxes: 8, slabs: 1, sharedEvery: 1 });
    for (const eg of model.elementGeometries) eg.placed[0].transform[12] += 3000;
    const built = await build(model, createSyntheticGeoreference(), {}, ctx());
    expect(Math.hypot(...built.originContent)).toBeGreaterThan(2900);
    for (const f of built.features) for (const p of f.parts) for (const v of p.positions) expect(Math.abs(v)).toBeLessThan(30);
    for (const g of built.instanceGroups) for (const part of g.parts) for (const v of part.mesh.positions) expect(Math.abs(v)).toBeLessThan(1);
  });

  it('bakes instead of instancing when disabled, and reports elements without triangles', async () => {
    const model = createSyntheticModel({ boxes: 10, slabs: 1, sharedEvery: 1 });
    model.elementGeometries[1].placed = [];
    const context = ctx();
    const built = await build(model, createSyntheticGeoreference(), { detectInstancing: false }, context);
    expect(built.instanceGroups).toHaveLength(0);
    expect(built.features).toHaveLength(10);
    expect(context.report.failures).toHaveLength(1);
    expect(context.report.failures[0].globalId).toBe(model.elements[1].globalId);
  });
});

describe('decomposeSimilarity', () => {
  it('recovers rotation about Y and rejects mirrors', () => {
    const s = decomposeSimilarity(placementMatrix(1, 2, 3, 90));
    expect(s?.translation).toEqual([1, 2, 3]);
    expect(s?.scale).toBeCloseTo(1, 12);
    expect(Math.abs(s?.rotation[1] ?? 0)).toBeCloseTo(Math.SQRT1_2, 9);
    const mirror = multiplyMatrix4([-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], placementMatrix(0, 0, 0, 30));
    expect(decomposeSimilarity(mirror)).toBeNull();
  });
});

describe('build with degenerate geometry', () => {
  it('drops meshes whose triangles all collapse and reports the element', async () => {
    const model = createSyntheticModel({ boxes: 2, slabs: 1, sharedEvery: 0 });
    const flat = model.geometries.get(3001)!;
    // Every vertex at the origin: all 12 triangles collapse when vertices merge.
    model.geometries.set(3001, { ...flat, positions: new Float32Array(flat.positions.length) });
    const context = ctx();
    const built = await build(model, createSyntheticGeoreference(), {}, context);
    expect(built.features.map((f) => f.element.expressId)).toEqual([model.elements[0].expressId, model.elements[1].expressId]);
    expect(context.report.failures.map((f) => f.expressId)).toEqual([model.elements[2].expressId]);
  });
});
