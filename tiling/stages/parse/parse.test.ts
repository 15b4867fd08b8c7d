import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IfcAPI } from 'web-ifc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IfcParseError, UnsupportedSchemaError } from '../../errors';
import { readIfcInput } from '../../io/read-input';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder } from '../../report';
import { createIfcApi, parseIfc, PARSE_DEFAULTS, type ParseOptions } from './parse';
import type { ParsedModel } from './parsed-model';
import { HAS_SAMPLE_IFC, readSampleIfc, SAMPLE_IFC_DIR, SAMPLES_MISSING } from './sample-ifc';
import { buildStepFile, fixtureGlobalId, WALLS_WITH_FAILURES } from './step-fixture';

let api: IfcAPI;
beforeAll(async () => {
  api = await createIfcApi();
});
afterAll(() => api?.Dispose());

const newCtx = () => ({ logger: SILENT_LOGGER, report: new ReportBuilder(), progress: [] as number[] });

async function parseSample(fileName: string, options: ParseOptions = {}) {
  const ctx = newCtx();
  const model = await parseIfc(await readSampleIfc(fileName), { ifcApi: api, ...options }, { ...ctx, onProgress: (_s, f) => ctx.progress.push(f) });
  return { model, ctx };
}

function counts(model: ParsedModel) {
  let placed = 0;
  let triangles = 0;
  for (const element of model.elementGeometries) {
    for (const p of element.placed) {
      placed += 1;
      triangles += (model.geometries.get(p.geometryExpressId)?.indices.length ?? 0) / 3;
    }
  }
  return { elements: model.elements.length, placed, unique: model.geometries.size, triangles };
}

/** Axis-aligned bounds of all placed geometry in the model frame (Y-up, metres). */
function bounds(model: ParsedModel): { min: number[]; max: number[] } {
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (const element of model.elementGeometries) {
    for (const { geometryExpressId, transform: t } of element.placed) {
      const p = model.geometries.get(geometryExpressId)?.positions ?? new Float32Array();
      for (let i = 0; i < p.length; i += 3) {
        for (let a = 0; a < 3; a += 1) {
          const w = t[a] * p[i] + t[4 + a] * p[i + 1] + t[8 + a] * p[i + 2] + t[12 + a];
          min[a] = Math.min(min[a], w);
          max[a] = Math.max(max[a], w);
        }
      }
    }
  }
  return { min, max };
}

describe('parseIfc input checks', () => {
  it('defaults keep spaces out', () => {
    expect(PARSE_DEFAULTS).toEqual({ includeSpaces: false });
  });

  it('rejects non-STEP bytes with IfcParseError naming the file', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 not an ifc');
    const promise = parseIfc({ bytes, fileName: 'photo.jpg' }, { ifcApi: api }, newCtx());
    await expect(promise).rejects.toBeInstanceOf(IfcParseError);
    await expect(promise).rejects.toThrow('photo.jpg: not an IFC file (it must start with "ISO-10303-21;")');
  });

  it('rejects IFC2X2_FINAL with UnsupportedSchemaError naming the schema', async () => {
    const bytes = buildStepFile('IFC2X2_FINAL', ["#1=IFCPROJECT('0YvctVUKr0kugbFTf53O9L',$,'P',$,$,$,$,$,$);"]);
    const promise = parseIfc({ bytes, fileName: 'old.ifc' }, { ifcApi: api }, newCtx());
    await expect(promise).rejects.toBeInstanceOf(UnsupportedSchemaError);
    await expect(promise).rejects.toThrow('old.ifc: IFC schema "IFC2X2_FINAL" is not supported');
  });
});

describe('parseIfc per-element failures', () => {
  it('reports zero-triangle and mesh-less elements with GlobalId and goes on', async () => {
    const ctx = newCtx();
    const model = await parseIfc({ bytes: buildStepFile('IFC4', WALLS_WITH_FAILURES), fileName: 'walls.ifc' }, { ifcApi: api }, ctx);
    expect(model.elements.map((e) => e.name)).toEqual(['Good']);
    expect(counts(model)).toEqual({ elements: 1, placed: 1, unique: 1, triangles: 12 });
    const { min, max } = bounds(model);
    expect(max.map((v, i) => v - min[i])).toEqual([expect.closeTo(4, 6), expect.closeTo(3, 6), expect.closeTo(0.2, 6)]);
    expect(ctx.report.failures).toEqual([
      { globalId: fixtureGlobalId(21), expressId: 21, ifcClass: 'IfcWall', stage: 'parse', reason: 'web-ifc produced geometry with zero triangles' },
      { globalId: fixtureGlobalId(31), expressId: 31, ifcClass: 'IfcWall', stage: 'parse', reason: 'web-ifc produced no mesh for the Body representation' },
    ]);
  });
});

describe.skipIf(!HAS_SAMPLE_IFC)(`parseIfc on the samples (${HAS_SAMPLE_IFC ? 'present' : SAMPLES_MISSING})`, () => {
  it('a truncated copy of FZK-Haus throws IfcParseError naming the file and the last complete entity', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gantwin-truncated-'));
    try {
      const full = await readSampleIfc('AC20-FZK-Haus.ifc');
      const path = join(dir, 'FZK-truncated.ifc');
      await writeFile(path, full.bytes.subarray(0, Math.floor(full.bytes.length / 2)));
      const input = await readIfcInput(path); // still starts with ISO-10303-21;
      const error = await parseIfc(input, { ifcApi: api }, newCtx()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IfcParseError);
      expect((error as IfcParseError).message).toMatch(
        /^FZK-truncated\.ifc: truncated STEP file \(it does not end with "END-ISO-10303-21;"\); the last complete entity is #\d+=IFC[A-Z0-9]+, the text after it is cut off$/,
      );
      expect((error as IfcParseError).context.lastCompleteEntity).toBeGreaterThan(1000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('FZK-Haus: 83 elements, 245 non-empty placed geometries (web-ifc streams 253, 8 empty), 21,722 triangles', async () => {
    const { model, ctx } = await parseSample('AC20-FZK-Haus.ifc');
    expect(counts(model)).toEqual({ elements: 83, placed: 245, unique: 151, triangles: 21722 });
    expect(ctx.report.failures).toEqual([]);
    expect(model).toMatchObject({ schema: 'IFC4', schemaFamily: 'IFC4', lengthUnitM: 1, projectName: 'Projekt-FZK-Haus' });
    const { min, max } = bounds(model);
    expect(max[0] - min[0]).toBeCloseTo(18, 2); // 18 m × 16 m incl. terrain, ±5 mm
    expect(max[2] - min[2]).toBeCloseTo(16, 2);
    const placed = model.elementGeometries[0].placed[0];
    expect(placed.transform).toHaveLength(16);
    expect(placed.color.every((c) => c >= 0 && c <= 1)).toBe(true);
    expect(ctx.progress[ctx.progress.length - 1]).toBe(1);
    expect(ctx.progress.every((f, i) => i === 0 || f >= ctx.progress[i - 1])).toBe(true);
  });

  it('when StreamAllMeshes aborts, streams product by product with a warning and loses nothing', async () => {
    // The real IfcAPI as prototype, with StreamAllMeshes failing the way a wasm abort does.
    const failingApi = Object.create(api, {
      StreamAllMeshes: {
        value: () => {
          throw new Error('RuntimeError: memory access out of bounds');
        },
      },
    }) as IfcAPI;
    const ctx = newCtx();
    const model = await parseIfc(await readSampleIfc('AC20-FZK-Haus.ifc'), { ifcApi: failingApi }, ctx);
    expect(counts(model)).toEqual({ elements: 83, placed: 245, unique: 151, triangles: 21722 });
    expect(ctx.report.warnings).toEqual([
      'parse: StreamAllMeshes aborted (RuntimeError: memory access out of bounds); streaming the remaining products one by one',
    ]);
    expect(ctx.report.failures).toEqual([]);
  });

  it('IfcOpenHouse: 35 elements (window parts, no openings), mm → m', async () => {
    const { model } = await parseSample('IfcOpenHouse_IFC4.ifc');
    expect(counts(model)).toMatchObject({ elements: 35, placed: 38, unique: 18, triangles: 1098 });
    expect(model.elements.some((e) => e.ifcClass === 'IfcOpeningElement')).toBe(false);
    expect(model.lengthUnitM).toBe(0.001);
  });

  it('nanchang: 67 elements (24 walls, 7 slabs, 36 windows), 103 with spaces; metres; Chinese names exact', async () => {
    const { model } = await parseSample('nanchang-residential-sample.ifc');
    expect(counts(model).elements).toBe(67);
    const classes = (m: ParsedModel) => m.elements.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.ifcClass]: (acc[e.ifcClass] ?? 0) + 1 }), {});
    expect(classes(model)).toEqual({ IfcWall: 24, IfcSlab: 7, IfcWindow: 36 });
    expect(model.projectName).toBe('南昌红谷滩示范住宅项目');
    expect(model.elements.find((e) => e.name === '1层客厅南窗')?.storey).toBe('1层');
    // web-ifc scales mm to m: footprint 30 m × 12 m (+0.3 m walls/slab edges each side), roof top 18.03 m.
    // Y-up model frame: IFC (x, y, z) → (x, z, −y).
    const { min, max } = bounds(model);
    expect(min[0]).toBeCloseTo(-0.3, 2);
    expect(max[0]).toBeCloseTo(30.3, 2);
    expect(max[1]).toBeCloseTo(18.03, 2);
    expect(min[2]).toBeCloseTo(-12.3, 2);
    expect(max[2]).toBeCloseTo(0.3, 2);

    const withSpaces = (await parseSample('nanchang-residential-sample.ifc', { includeSpaces: true })).model;
    expect(classes(withSpaces)).toEqual({ IfcWall: 24, IfcSlab: 7, IfcWindow: 36, IfcSpace: 36 });
    const livingRoom = withSpaces.elements.find((e) => e.ifcClass === 'IfcSpace' && e.storey === '1层' && e.name === '101');
    expect(livingRoom?.propertySets.Qto_SpaceBaseQuantities).toEqual({ NetFloorArea: 90.48, Height: 2880 });
  });

  it('Japanese \\X2\\ names (IFC2X3, mm) come out exactly', async () => {
    const { model } = await parseSample('revit2014_unicode_japanese.ifc');
    expect(model.projectName).toBe('プロジェクト番号');
    expect(new Set(model.elements.map((e) => e.storey))).toEqual(new Set(['1階', '2階', '屋根']));
    expect(model.elements.map((e) => e.material)).toContain('コンクリート-構造2');
  });

  it.each([
    ['KIT-Simple-Road-Test-Web-IFC4x3_RC2.ifc', 'IFC4X3_RC2', 66],
    ['Bentley_OpenRoads_road_test2_IFC4X3_RC4.ifc', 'IFC4X3_RC4', 42],
    ['geographic-referencing-gk_IFC4X3.ifc', 'IFC4X3_ADD2', 1],
  ])('%s parses as %s with %i elements', async (fileName, schema, elements) => {
    const { model, ctx } = await parseSample(fileName);
    expect(model).toMatchObject({ schema, schemaFamily: 'IFC4X3' });
    expect(model.elements).toHaveLength(elements);
    expect(ctx.report.failures).toEqual([]);
  });

  it('janesville (IFC2X3, feet): geometry in metres; two zero-triangle walls reported, conversion goes on', async () => {
    const { model, ctx } = await parseSample('revit2012_janesville_restaurant.ifc');
    expect(model.lengthUnitM).toBeCloseTo(0.3048, 12);
    expect(counts(model)).toMatchObject({ elements: 1512, placed: 9329, unique: 2838 });
    const { min, max } = bounds(model);
    expect(max[0] - min[0]).toBeCloseTo(73.24, 1); // 240 ft
    expect(max[2] - min[2]).toBeCloseTo(62.0, 1);
    expect(ctx.report.failures.map((f) => [f.globalId, f.ifcClass, f.stage])).toEqual([
      ['0CZFXJxMD0IPFB4qXmF_Hx', 'IfcWallStandardCase', 'parse'],
      ['3ZfA0qgTb94uLn5wS785Vd', 'IfcWallStandardCase', 'parse'],
    ]);
    expect(ctx.report.failures[0].reason).toBe('web-ifc produced geometry with zero triangles');
  });

  it('ACCA railway (19 MB IFC4X3_ADD2 in a zip): 28,891 placed geometries share 463 meshes', async () => {
    const input = await readIfcInput(`${SAMPLE_IFC_DIR}ACCA_RFI_Track_07_San_Martino-Tufara_IFC4X3_ADD2.zip`);
    const ctx = newCtx();
    const model = await parseIfc(input, { ifcApi: api }, ctx);
    expect(counts(model)).toMatchObject({ elements: 9937, placed: 28891, unique: 463 });
    expect(model.elements.filter((e) => e.ifcClass === 'IfcTrackElement')).toHaveLength(9477);
    expect(ctx.report.failures).toEqual([]);
  });
});
