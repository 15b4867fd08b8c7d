import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewBuildingIfc } from '@data/fixtures/review/review-building';
import { measureModel } from './measure-model';
import type { ModelMeasures } from './model-measures';

// Hand-computed answers (data/fixtures/review/README.md). The EPSG:4548 grid scale at 115.853°E is 1.000154, so
// ground lengths are 0.015 % shorter than grid lengths: far inside the 1 % tolerance.
const FOOTPRINT_M2 = 30 * 12 + 10 * 8; // 440
const GFA_M2 = 3 * FOOTPRINT_M2; // 1320: slab geometry (3F has no spaces)
const HEIGHT_M = 9.9 + 0.2; // roof slab top

const dir = mkdtempSync(join(tmpdir(), 'gantwin-review-measure-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const within = (actual: number, expected: number, fraction: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(expected * fraction);

describe('measureModel on the L-shaped fixture', () => {
  let measures: ModelMeasures;
  beforeAll(async () => {
    measures = await measureModel(write('l.ifc', reviewBuildingIfc()), { outDir: join(dir, 'out-l') });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the L footprint (not its hull: 30 × 20 = 600 m²), GFA by slab geometry, height and storeys', () => {
    expect(measures.anchor.epsg).toBe(4548);
    expect(measures.footprint.coordinates).toHaveLength(1);
    expect(measures.footprint.coordinates[0]).toHaveLength(1); // outer ring only
    expect(measures.footprint.coordinates[0][0]).toHaveLength(7); // 6 corners of the L + closing point
    within(measures.footprint.areaM2, FOOTPRINT_M2, 0.01);
    expect(measures.gfa.method).toBe('slab-geometry');
    within(measures.gfa.areaM2!, GFA_M2, 0.01);
    expect(measures.gfa.perStorey.map((s) => s.name)).toEqual(['1F', '2F', '3F']);
    expect(Math.abs(measures.heightM! - HEIGHT_M)).toBeLessThan(0.1);
    expect(measures.storeys.aboveGround).toBe(3);
    expect(measures.storeys.list.map((s) => s.elevationM)).toEqual([0, 3.3, 6.6]);
    expect(measures.buildings).toEqual([{ globalId: expect.any(String), name: '1# 住宅楼', use: '住宅' }]);
  });

  it('keeps per-element plans and heights to point at offenders, and names 3F in the floor-area pre-check', () => {
    const roof = measures.elements.find((e) => e.name === '屋面板')!;
    expect(roof.ifcClass).toBe('IfcSlab');
    expect(roof.bottomM).toBeCloseTo(9.9, 2);
    expect(roof.topM).toBeCloseTo(10.1, 2);
    expect(measures.elements).toHaveLength(22); // 4 slabs + 18 walls
    const failed = measures.preChecks.filter((p) => !p.passed);
    expect(failed.map((p) => p.id)).toEqual(['floor-areas']);
    expect(failed[0].failures.map((f) => [f.ifcClass, f.name])).toEqual([['IfcBuildingStorey', '3F']]);
    expect(JSON.parse(JSON.stringify(measures))).toEqual(measures); // JSON-serialisable as is
  });

  it('gives the same areas when the model is rotated (IfcMapConversion 30°, or a placement with heading 37°)', async () => {
    const rotated = await measureModel(write('l30.ifc', reviewBuildingIfc({ xAxisDeg: 30 })), { outDir: join(dir, 'out-30') });
    const placed = await measureModel(join(dir, 'l.ifc'), { outDir: join(dir, 'out-37'), placement: { lonDeg: 115.853, latDeg: 28.69, heightM: 20, headingDeg: 37 } });
    for (const m of [rotated, placed]) {
      within(m.footprint.areaM2, measures.footprint.areaM2, 0.001);
      within(m.gfa.areaM2!, measures.gfa.areaM2!, 0.001);
      expect(Math.abs(m.heightM! - HEIGHT_M)).toBeLessThan(0.1);
    }
    expect(placed.anchor.method).toBe('placement');
  });
});
