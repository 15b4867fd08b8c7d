import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '@tiling/report';
import { describe, expect, it } from 'vitest';
import { build } from './build';
import { emitFeatureGeometry, type FeatureGeometryEnu } from './feature-geometry';
import { createSyntheticGeoreference, createSyntheticModel } from './synthetic-model';

const ctx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder() });

/** Signed plan areas (m²) of a feature's triangles: upward-facing (counter-clockwise seen from above) and downward. */
function planAreasM2(t: Float64Array): { upM2: number; downM2: number } {
  let upM2 = 0;
  let downM2 = 0;
  for (let i = 0; i < t.length; i += 9) {
    const a = ((t[i + 3] - t[i]) * (t[i + 7] - t[i + 1]) - (t[i + 4] - t[i + 1]) * (t[i + 6] - t[i])) / 2;
    if (a > 0) upM2 += a;
    else downM2 -= a;
  }
  return { upM2, downM2 };
}

describe('emitFeatureGeometry (the measure hook)', () => {
  it('hands over every feature, instanced ones too, in ENU metres: 20 m × 12 m slabs rotated 15°, within 1 mm', async () => {
    // Three slabs sharing one geometry (instanced) and 30 boxes (half instanced), heading 15°.
    const model = createSyntheticModel({ boxes: 30, slabs: 3, sharedEvery: 2 });
    const built = await build(model, createSyntheticGeoreference(115.85, 28.69, 22, 15), {}, ctx());
    expect(built.stats.instancedPlacements).toBeGreaterThan(0);
    const seen: FeatureGeometryEnu[] = [];
    emitFeatureGeometry(built, { onFeature: (f) => seen.push({ ...f, trianglesEnu: f.trianglesEnu.slice() }) });
    expect(seen.map((f) => f.globalId)).toEqual(built.features.map((f) => f.element.globalId));
    for (const [i, feature] of built.features.entries()) {
      const t = seen[i].trianglesEnu;
      expect(t.length).toBe(feature.triangles * 9);
      for (let axis = 0; axis < 3; axis++) {
        let lo = Infinity;
        let hi = -Infinity;
        for (let k = axis; k < t.length; k += 3) {
          lo = Math.min(lo, t[k]);
          hi = Math.max(hi, t[k]);
        }
        expect(Math.abs(lo - feature.boundsEnu.min[axis])).toBeLessThan(0.001);
        expect(Math.abs(hi - feature.boundsEnu.max[axis])).toBeLessThan(0.001);
      }
    }
    const slabs = seen.filter((f) => f.ifcClass === 'IfcSlab');
    expect(slabs).toHaveLength(3);
    for (const slab of slabs) {
      // The top faces cover the slab's plan once (240 m²), the bottom faces once more; vertical sides add 0.
      const { upM2, downM2 } = planAreasM2(slab.trianglesEnu);
      expect(upM2).toBeCloseTo(240, 2);
      expect(downM2).toBeCloseTo(240, 2);
    }
  });
});
