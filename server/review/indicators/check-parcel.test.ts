import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewBuildingIfc, reviewParcelGeoJson, type FixtureParcelConditions } from '@data/fixtures/review/review-building';
import { checkParcel } from './check-parcel';
import { measureModel } from './measure-model';
import type { ModelMeasures } from './model-measures';
import { readParcelGeoJson } from './parcel-file';

// Hand-computed (data/fixtures/review/README.md): parcel 44 × 35 m, footprint 440 m², GFA 1320 m², height 10.1 m,
// setbacks south 5, east 38 − 30 = 8, north 30 − 20 = 10, west 6 (grid metres; ground is 0.015 % shorter).
const PARCEL_M2 = 44 * 35;
const parcelOf = (conditions: Partial<FixtureParcelConditions> = {}) => readParcelGeoJson(JSON.stringify(reviewParcelGeoJson(conditions)), 'parcel.geojson');
const verdicts = (result: ReturnType<typeof checkParcel>) => result.checks.map((c) => `${c.rule}${c.edge ?? ''}:${c.verdict}`);

describe('checkParcel on the L-shaped fixture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gantwin-review-check-'));
  let measures: ModelMeasures;
  beforeAll(async () => {
    writeFileSync(join(dir, 'l.ifc'), reviewBuildingIfc());
    measures = await measureModel(join(dir, 'l.ifc'), { outDir: join(dir, 'out') });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the hand-computed indicators (areas within 1 %, distances within 0.1 m) and passes every rule', () => {
    const { indicators, checks } = checkParcel(measures, parcelOf());
    expect(Math.abs(indicators.parcelAreaM2 - PARCEL_M2)).toBeLessThan(PARCEL_M2 * 0.01);
    expect(Math.abs(indicators.footprintM2 - 440)).toBeLessThan(4.4);
    expect(Math.abs(indicators.gfaM2! - 1320)).toBeLessThan(13.2);
    expect(Math.abs(indicators.far! - 1320 / PARCEL_M2)).toBeLessThan(0.01 * (1320 / PARCEL_M2));
    expect(Math.abs(indicators.density - 440 / PARCEL_M2)).toBeLessThan(0.01 * (440 / PARCEL_M2));
    expect(indicators.heightM).toBeCloseTo(10.1, 1);
    expect(indicators.storeys).toBe(3);
    [5, 8, 10, 6].forEach((d, i) => expect(Math.abs(indicators.setbackM[i] - d)).toBeLessThan(0.1));
    expect(indicators.insideParcel).toBe(true);
    expect(verdicts({ indicators, checks })).toEqual([
      'height-limit:pass', 'far-max:pass', 'far-min:pass', 'density-max:pass',
      'setback0:pass', 'setback1:pass', 'setback2:pass', 'setback3:pass', 'inside-parcel:pass',
    ]);
    expect(checks[0].clause.source).toContain('GB 50352-2019');
  });

  it('flips a verdict when a limit changes, and names the offending elements', () => {
    const low = checkParcel(measures, parcelOf({ heightLimitM: 9 }));
    const height = low.checks.find((c) => c.rule === 'height-limit')!;
    expect(height.verdict).toBe('fail');
    // Above 9 m: the roof slab (9.9–10.1 m) and the six 3F walls (6.6–9.9 m).
    const names = height.globalIds.map((id) => measures.elements.find((e) => e.globalId === id)!.name).sort();
    expect(names).toEqual(['3F 外墙 1', '3F 外墙 2', '3F 外墙 3', '3F 外墙 4', '3F 外墙 5', '3F 外墙 6', '屋面板']);
    expect(checkParcel(measures, parcelOf({ farMax: 0.8 })).checks.find((c) => c.rule === 'far-max')!.verdict).toBe('fail');
    expect(checkParcel(measures, parcelOf({ farMin: 0.9 })).checks.find((c) => c.rule === 'far-min')!.verdict).toBe('fail');
    expect(checkParcel(measures, parcelOf({ densityMax: 0.25 })).checks.find((c) => c.rule === 'density-max')!.verdict).toBe('fail');
    const setback = checkParcel(measures, parcelOf({ setbacksM: [6, 6, 8, 5] })).checks.filter((c) => c.rule === 'setback');
    expect(setback.map((c) => c.verdict)).toEqual(['fail', 'pass', 'pass', 'pass']);
    // Within 6 m of the south edge (all at 5 m): the 1F slab, the south wall (外墙 1) and the east and west walls
    // (外墙 2, 外墙 6), which reach the south corners; the 2F/3F ones do not touch the ground.
    expect(setback[0].globalIds.map((id) => measures.elements.find((e) => e.globalId === id)!.name).sort()).toEqual(['1F 外墙 1', '1F 外墙 2', '1F 外墙 6', '1F 楼板']);
  });

  it('omits rules whose condition is not set, and fails inside-parcel when the parcel is too small', () => {
    const unset = checkParcel(measures, parcelOf({ heightLimitM: null, farMin: null, farMax: null, densityMax: null, setbacksM: null }));
    expect(verdicts(unset)).toEqual(['inside-parcel:pass']);
    const feature = reviewParcelGeoJson({ setbacksM: null }) as { geometry: { coordinates: number[][][] } };
    const ring = feature.geometry.coordinates[0];
    ring[1][0] -= 20; // east edge 20 m further west: x = 18 m, through the building
    ring[2][0] -= 20;
    const cut = checkParcel(measures, readParcelGeoJson(JSON.stringify(feature), 'cut.geojson'));
    expect(cut.indicators.insideParcel).toBe(false);
    expect(cut.indicators.setbackM[1]).toBe(0);
    const inside = cut.checks.find((c) => c.rule === 'inside-parcel')!;
    expect(inside.verdict).toBe('fail');
    expect(inside.globalIds.length).toBeGreaterThan(0);
  });

  it('gives undetermined for FAR when the model has no GFA', () => {
    const noGfa: ModelMeasures = { ...measures, gfa: { areaM2: null, method: null, perStorey: [] } };
    expect(checkParcel(noGfa, parcelOf()).checks.filter((c) => c.rule.startsWith('far')).map((c) => c.verdict)).toEqual(['undetermined', 'undetermined']);
  });
});
