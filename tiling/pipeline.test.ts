/**
 * Integration: every sample model converts end to end through {@link convertIfc}, and the output is valid
 * (Khronos glTF validator, the official 3D Tiles 1.1 JSON schemas, monotonic geometricError, bounding volumes that
 * contain their content, one feature per IfcProduct with geometry counted independently with web-ifc).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { MeshoptDecoder } from 'meshoptimizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as WebIFC from 'web-ifc';
import { decodePropertiesFile } from '@kernel/properties-file';
import { IfcParseError } from './errors';
import { convertIfc } from './pipeline';
import { readIfcInput } from './io/read-input';
import { HAS_SAMPLE_IFC, SAMPLES_MISSING, SAMPLE_IFC_DIR } from './stages/parse/sample-ifc';
import { readPropertyTable, readTileGlb, readTileVertices, validateGlb, validateTilesetJson } from './stages/write/validate-output';

const SCHEMA_DIR = path.resolve(SAMPLE_IFC_DIR, '../../schemas/3d-tiles-1.1');
const NOT_FEATURES = new Set(['IfcOpeningElement', 'IfcSpace']);
const NANCHANG_PARCEL = { lonDeg: 115.8566, latDeg: 28.6934, heightM: 0, headingDeg: 0 };

interface TilesetNode { boundingVolume: { box: number[] }; geometricError: number; content?: { uri: string }; children?: TilesetNode[] }

/** Independent count: IfcProducts for which web-ifc streams at least one triangle (openings and spaces excluded). */
async function countProductsWithGeometry(file: string): Promise<number> {
  const { bytes } = await readIfcInput(file);
  const api = new WebIFC.IfcAPI();
  await api.Init();
  api.SetLogLevel(WebIFC.LogLevel.LOG_LEVEL_OFF); // "unexpected mesh type" noise on the IFC4X3 samples
  const modelId = api.OpenModel(bytes, { COORDINATE_TO_ORIGIN: false });
  const ids = new Set<number>();
  api.StreamAllMeshes(modelId, (mesh) => {
    for (let i = 0; i < mesh.geometries.size(); i++) {
      const geometry = api.GetGeometry(modelId, mesh.geometries.get(i).geometryExpressID);
      if (geometry.GetIndexDataSize() > 0) ids.add(mesh.expressID);
      geometry.delete();
    }
  });
  let count = 0;
  for (const id of ids) if (!NOT_FEATURES.has(typeName(api, modelId, id))) count++;
  api.CloseModel(modelId);
  return count;
}

function typeName(api: WebIFC.IfcAPI, modelId: number, id: number): string {
  const name = api.GetNameFromTypeCode(api.GetLineType(modelId, id));
  return name.startsWith('IFC') ? `Ifc${name.slice(3).toLowerCase()}` : name; // only compared against two names
}

function* walk(node: TilesetNode, parent: TilesetNode | null = null): Generator<[TilesetNode, TilesetNode | null]> {
  yield [node, parent];
  for (const child of node.children ?? []) yield* walk(child, node);
}

/** Whether a point (tile frame) lies inside an oriented box (3D Tiles `box`: centre + 3 half-axis vectors). */
function boxContains(box: number[], p: [number, number, number], toleranceM: number): boolean {
  const d = [p[0] - box[0], p[1] - box[1], p[2] - box[2]];
  for (let axis = 0; axis < 3; axis++) {
    const a = box.slice(3 + axis * 3, 6 + axis * 3);
    const lengthSq = a[0] * a[0] + a[1] * a[1] + a[2] * a[2];
    const length = Math.sqrt(lengthSq);
    const projection = (d[0] * a[0] + d[1] * a[1] + d[2] * a[2]) / (length || 1);
    if (Math.abs(projection) > length + toleranceM) return false;
  }
  return true;
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'gantwin-pipeline-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
beforeAll(async () => {
  await MeshoptDecoder.ready;
});

describe.skipIf(!HAS_SAMPLE_IFC)('convertIfc on every sample model', () => {
  // Every sample but RioleringTestArkey (topology only, no geometry). Files keep their own georeferencing;
  // IfcOpenHouse has none, so it gets an explicit placement.
  const samples = HAS_SAMPLE_IFC
    ? readdirSync(SAMPLE_IFC_DIR)
        .filter((name) => /\.(ifc|zip)$/i.test(name) && !name.startsWith('RioleringTestArkey'))
        .map((fileName) => ({ fileName, placement: fileName.startsWith('IfcOpenHouse') ? NANCHANG_PARCEL : undefined }))
    : [];
  it.each(samples.map((s) => [s.fileName, s] as const))('%s converts into a valid, complete tileset', async (_name, sample) => {
    const file = path.join(SAMPLE_IFC_DIR, sample.fileName);
    const outDir = path.join(workDir, sample.fileName);
    // The fast precompression settings (brotli quality 11 would add ≈ 10 s over the samples; io/precompress.test.ts
    // covers the qualities); every served file still gets both siblings, checked below.
    const { report } = await convertIfc(file, { outDir, placement: sample.placement, precompress: { bestQualityBytes: 0 } });
    for (const served of ['tileset.json', 'properties.json']) {
      expect(brotliDecompressSync(readFileSync(path.join(outDir, `${served}.br`))).equals(readFileSync(path.join(outDir, served)))).toBe(true);
      expect(gunzipSync(readFileSync(path.join(outDir, `${served}.gz`))).equals(readFileSync(path.join(outDir, served)))).toBe(true);
    }

    // One feature per IfcProduct with geometry; none dropped silently.
    const expected = await countProductsWithGeometry(file);
    expect(report.counts.features + report.failures.filter((f) => f.stage !== 'parse').length).toBe(expected);
    expect(report.counts.features).toBeGreaterThan(0);

    const tileset = JSON.parse(readFileSync(path.join(outDir, 'tileset.json'), 'utf8'));
    expect(validateTilesetJson(tileset, SCHEMA_DIR)).toEqual([]);
    expect(tileset.asset.version).toBe('1.1');
    expect(['ADD', 'REPLACE']).toContain(tileset.root.refine);
    expect(tileset.root.transform).toHaveLength(16);

    const properties = decodePropertiesFile(JSON.parse(readFileSync(path.join(outDir, 'properties.json'), 'utf8')));
    const seenGlobalIds = new Set<string>();
    // A LOD proxy (stages/write/lod-proxy.ts) REPLACEs with its first child, the full content: it draws the larger
    // of its features, simplified, and is not counted towards completeness.
    const proxyOf = new Map<string, string>();
    for (const [node] of walk(tileset.root as TilesetNode)) {
      const first = node.children?.[0];
      if (node.content && first?.content && /-full-[0-9a-f]{12}\.glb$/.test(first.content.uri)) proxyOf.set(node.content.uri, first.content.uri);
    }
    const globalIdsByUri = new Map<string, string[]>();
    for (const [node, parent] of walk(tileset.root as TilesetNode)) {
      if (parent) expect(node.geometricError).toBeLessThan(parent.geometricError);
      if (!node.content) continue;
      const bytes = new Uint8Array(readFileSync(path.join(outDir, node.content.uri)));
      const validation = await validateGlb(bytes, MeshoptDecoder);
      expect(validation.errors, `${node.content.uri}: ${JSON.stringify(validation.errors.slice(0, 3))}`).toEqual([]);
      const document = await readTileGlb(bytes, MeshoptDecoder);
      // Content is glTF Y-up; the tile frame is Z-up: glTF (x, y, z) → tile (x, −z, y). Every 7th vertex is checked;
      // the outside ones are collected and compared once (one expect per vertex made the railway take a minute).
      const { positions } = readTileVertices(document);
      const outside: number[] = [];
      for (let i = 0; i < positions.length; i += 3 * 7) {
        const p: [number, number, number] = [positions[i], -positions[i + 2], positions[i + 1]];
        if (!boxContains(node.boundingVolume.box, p, 0.01)) outside.push(i / 3);
      }
      expect(outside.slice(0, 5), `${node.content.uri}: vertices outside the bounding box`).toEqual([]);
      const globalIds = readPropertyTable(document).map((row) => String(row.globalId));
      globalIdsByUri.set(node.content.uri, globalIds);
      if (!proxyOf.has(node.content.uri)) for (const globalId of globalIds) seenGlobalIds.add(globalId);
    }
    for (const [proxy, full] of proxyOf) {
      const fullIds = new Set(globalIdsByUri.get(full));
      expect(globalIdsByUri.get(proxy)!.length, proxy).toBeGreaterThan(0);
      expect(globalIdsByUri.get(proxy)!.every((id) => fullIds.has(id)), `${proxy} draws only features of ${full}`).toBe(true);
    }
    expect(seenGlobalIds.size).toBe(report.counts.features);
    const withoutProperties = [...seenGlobalIds].filter((globalId) => properties.indexOf(globalId) === undefined);
    expect(withoutProperties.slice(0, 5)).toEqual([]);
  }, 900_000);
});

describe.skipIf(!HAS_SAMPLE_IFC)('convertIfc georeferencing of the Nanchang sample', () => {
  it('keeps its IfcMapConversion in CGCS2000 / EPSG:4548', async () => {
    const { report } = await convertIfc(path.join(SAMPLE_IFC_DIR, 'nanchang-residential-sample.ifc'), { outDir: path.join(workDir, 'nc') });
    expect(report.georeference?.method).toBe('IfcMapConversion');
    expect(report.georeference?.epsg).toBe(4548);
    // 0.0000001° ≈ 1 cm: the IfcSite RefLatitude/RefLongitude of the file give the same origin.
    expect(report.georeference?.anchor.latDeg).toBeCloseTo(28.6931596, 7);
    expect(report.georeference?.anchor.lonDeg).toBeCloseTo(115.8529484, 7);
    // Plan outline of the rotated 30 m × 12 m building (shoelace area, m²): 360 plus its walls' outer faces.
    const ring = report.footprintEnu;
    const areaM2 = Math.abs(ring.reduce((sum, [e, n], i) => sum + e * ring[(i + 1) % ring.length][1] - ring[(i + 1) % ring.length][0] * n, 0)) / 2;
    expect(areaM2).toBeGreaterThan(360);
    expect(areaM2).toBeLessThan(400);
    // Its longest edge runs along the façade, 15.55° anticlockwise from east (heading 344.449° of IFC +Y).
    const edges = ring.map(([e, n], i) => [ring[(i + 1) % ring.length][0] - e, ring[(i + 1) % ring.length][1] - n]);
    const [de, dn] = edges.reduce((best, edge) => (Math.hypot(...edge) > Math.hypot(...best) ? edge : best));
    const bearingDeg = ((Math.atan2(dn, de) * 180) / Math.PI + 360) % 180;
    expect(bearingDeg).toBeCloseTo(15.55, 0);
  }, 120_000);
});

describe.skipIf(!HAS_SAMPLE_IFC)('convertIfc on bad input', () => {
  it('fails on a truncated IFC naming the file, and leaves an earlier output untouched', async () => {
    const source = readFileSync(path.join(SAMPLE_IFC_DIR, 'AC20-FZK-Haus.ifc'));
    const truncated = path.join(workDir, 'truncated-fzk.ifc');
    writeFileSync(truncated, source.subarray(0, Math.floor(source.length * 0.6)));
    const outDir = path.join(workDir, 'kept');
    await convertIfc(path.join(SAMPLE_IFC_DIR, 'IfcOpenHouse_IFC4.ifc'), { outDir, placement: { lonDeg: 115.85, latDeg: 28.69, heightM: 0, headingDeg: 0 } });
    const before = readdirSync(outDir).sort();
    const tilesetBefore = readFileSync(path.join(outDir, 'tileset.json'), 'utf8');

    const error = await convertIfc(truncated, { outDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IfcParseError);
    expect((error as Error).message).toContain('truncated-fzk.ifc');
    expect((error as Error).message).toMatch(/#\d+/);
    expect(readdirSync(outDir).sort()).toEqual(before);
    expect(readFileSync(path.join(outDir, 'tileset.json'), 'utf8')).toBe(tilesetBefore);
    expect(readdirSync(workDir).filter((name) => name.includes('kept') && name !== 'kept')).toEqual([]);
  }, 120_000);

  it('fails on a file that is not IFC, writing nothing', async () => {
    const notIfc = path.join(workDir, 'photo.ifc');
    writeFileSync(notIfc, 'GIF89a not a STEP file');
    const outDir = path.join(workDir, 'never');
    await expect(convertIfc(notIfc, { outDir })).rejects.toThrow(/photo\.ifc/);
    expect(existsSync(outDir)).toBe(false);
  });
});
