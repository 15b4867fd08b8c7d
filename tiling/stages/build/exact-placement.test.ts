import { describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import type { ParsedModel } from '@tiling/stages/parse/parsed-model';
import { build } from './build';
import { nearestSimilarity } from './exact-placement';
import { apply, bakedErrors, contentToEcef, distance, expectedEcef, format, GEOREFERENCE, PLACEMENTS, railwayModel } from './long-model-fixture';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

describe('exact placement of long infrastructure (EPSG:4548, points 100 m / 1 km / 10 km from the anchor)', async () => {
  const model = railwayModel();
  const rigid = await build(model, GEOREFERENCE, { detectInstancing: false, exactBeyondM: Infinity }, ctx());
  const exact = await build(model, GEOREFERENCE, { detectInstancing: false }, ctx());
  const rigidErrors = bakedErrors(rigid, model);
  const exactErrors = bakedErrors(exact, model);
  console.info(`rigid tangent plane: ${format(rigidErrors)}\nexact (local affine; strip per vertex): ${format(exactErrors)}`);

  it('the rigid tangent plane is ≈ 0.8 mm off at 100 m, 8 cm at 1 km and 8 m at 10 km (what the exact path fixes)', () => {
    expect(rigidErrors[0]).toBeLessThan(0.002);
    expect(rigidErrors[1]).toBeGreaterThan(0.05);
    expect(rigidErrors[1]).toBeLessThan(0.15);
    expect(rigidErrors[2]).toBeGreaterThan(5);
    expect(rigidErrors[2]).toBeLessThan(12);
  });

  it('keeps every baked vertex within 1 cm of proj4 → ECEF at 100 m, 1 km and 10 km (measured ≤ 1 mm), the 10 km strip too', () => {
    for (const error of exactErrors) expect(error).toBeLessThan(0.01);
    for (const error of exactErrors) expect(error).toBeLessThan(0.001);
  });

  it('grows the bounds by the exact vertices', () => {
    for (const feature of exact.features) {
      for (const part of feature.parts) {
        for (let v = 0; v < part.positions.length; v += 3) {
          const o = exact.originContent;
          const enu = [part.positions[v] + o[0], -(part.positions[v + 2] + o[2]), part.positions[v + 1] + o[1]];
          for (let k = 0; k < 3; k++) {
            expect(enu[k]).toBeGreaterThanOrEqual(feature.boundsEnu.min[k] - 1e-3);
            expect(enu[k]).toBeLessThanOrEqual(feature.boundsEnu.max[k] + 1e-3);
          }
        }
      }
    }
  });

  it('leaves a building (everything within 200 m of the anchor) on the rigid path, unchanged', async () => {
    const near: ParsedModel = { ...model, elements: model.elements.slice(0, 1), elementGeometries: model.elementGeometries.slice(0, 1) };
    const a = await build(near, GEOREFERENCE, { detectInstancing: false }, ctx());
    const b = await build(near, GEOREFERENCE, { detectInstancing: false, exactBeyondM: Infinity }, ctx());
    expect(a.features[0].parts[0].positions).toEqual(b.features[0].parts[0].positions);
  });

  it('instances far away: the nearest similarity of the local fit, within 1 cm of proj4, boxes contain them', async () => {
    const boxes: ParsedModel = { ...model, elements: model.elements.slice(0, 3), elementGeometries: model.elementGeometries.slice(0, 3) };
    const built = await build(boxes, GEOREFERENCE, { detectInstancing: true }, ctx());
    expect(built.stats.instancedPlacements).toBe(3);
    const box = model.geometries.get(1)!.positions;
    const errors = built.features.map((feature, i) => {
      const use = feature.instances[0];
      const group = built.instanceGroups[use.groupIndex];
      const drawn = use.meshToContent.map((v, k) => (k % 4 < 3 && k < 16 ? v * built.instanceScale[k % 4] : v));
      const mesh = group.parts[0].mesh.positions;
      // The group mesh is the box re-centred on its AABB centre (1, 1.5, 1).
      let worst = 0;
      for (let v = 0; v < box.length; v += 3) {
        const local = [box[v] - 1, box[v + 1] - 1.5, box[v + 2] - 1];
        const p = apply(drawn, local);
        worst = Math.max(worst, distance(contentToEcef(built, p), expectedEcef(apply(PLACEMENTS[i], [box[v], box[v + 1], box[v + 2]]))));
        const o = built.originContent;
        const enu = [p[0] + o[0], -(p[2] + o[2]), p[1] + o[1]];
        for (let k = 0; k < 3; k++) {
          expect(enu[k]).toBeGreaterThanOrEqual(feature.boundsEnu.min[k] - 1e-9);
          expect(enu[k]).toBeLessThanOrEqual(feature.boundsEnu.max[k] + 1e-9);
        }
      }
      expect(mesh.length).toBeGreaterThan(0);
      return worst;
    });
    console.info(`instances (similarity × instanceScale): ${format(errors)}`);
    for (const error of errors) expect(error).toBeLessThan(0.01);
  });
});

describe('nearestSimilarity', () => {
  it('returns rotation × uniform scale with the same translation, closest to a perturbed similarity', () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    // 2 × rotation about y, plus a 1e-4 shear and a 3e-4 anisotropy.
    const m = [2 * c, 1e-4, -2 * s, 0, 0, 2 * (1 + 3e-4), 0, 0, 2 * s, 0, 2 * c, 0, 10, 20, 30, 1];
    const q = nearestSimilarity(m);
    expect(q.slice(12)).toEqual([10, 20, 30, 1]);
    const col = (k: number) => q.slice(4 * k, 4 * k + 3);
    const dot = (a: number[], b: number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    const scale = Math.sqrt(dot(col(0), col(0)));
    expect(scale).toBeCloseTo(2 * Math.cbrt(1 + 3e-4), 6);
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(dot(col(a), col(b)) / scale ** 2).toBeCloseTo(a === b ? 1 : 0, 12);
    expect(Math.max(...[0, 1, 2, 4, 5, 6, 8, 9, 10].map((k) => Math.abs(q[k] - m[k])))).toBeLessThan(1e-3);
  });
});
