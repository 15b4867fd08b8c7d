import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import gcoord from 'gcoord';
import { parseShp } from 'shpjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { catalogueFeatures, layers } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import { geoLayerGeoJson } from '@server/host/geo-layers-service';
import { SERVER_PLATES } from '@server/plates';
import type { UploadFields } from './inputs';
import { zipOf } from './tileset-fixture';
import { uploadVector } from './vector-upload';

// parseShp spied on (still the real parser): a Shapefile past the limits must be refused before it is parsed.
vi.mock('shpjs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('shpjs')>();
  return { ...actual, parseShp: vi.fn(actual.parseShp) };
});

const connection = connectTestDb();
const db = connection.db;
let dir: string;
let provinceAdmin: Actor;
let nanchangPlanner: Actor;
let jiujiangPlanner: Actor;

beforeAll(async () => {
  await ensureTestRegions(db);
  dir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-vector-'));
  provinceAdmin = (await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor;
  nanchangPlanner = (await createTestAccount(db, 'planner', TEST_REGIONS.nanchang)).actor;
  jiujiangPlanner = (await createTestAccount(db, 'planner', TEST_REGIONS.jiujiang)).actor;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await connection.pool.end();
});

const fields = (crs: string, visibility: 'public' | 'internal' = 'internal'): UploadFields & { crs: string } => ({
  title: '红谷滩地块',
  titleEn: 'Honggutan parcels',
  cimLevel: 2,
  regionCode: TEST_REGIONS.nanchang,
  visibility,
  attribution: '',
  defaultVisible: true,
  sortOrder: 1000,
  crs,
});

async function fileOf(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  await writeFile(file, content);
  return file;
}

const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

/** A point Shapefile (.shp) in its own coordinates (ESRI Shapefile Technical Description 1998, shape type 1). */
function pointShp(points: [number, number][]): Uint8Array {
  const buffer = Buffer.alloc(100 + points.length * 28);
  buffer.writeInt32BE(9994, 0);
  buffer.writeInt32BE(buffer.length / 2, 24);
  buffer.writeInt32LE(1000, 28);
  buffer.writeInt32LE(1, 32);
  points.forEach(([x, y], i) => {
    const at = 100 + i * 28;
    buffer.writeInt32BE(i + 1, at);
    buffer.writeInt32BE(10, at + 4);
    buffer.writeInt32LE(1, at + 8);
    buffer.writeDoubleLE(x, at + 12);
    buffer.writeDoubleLE(y, at + 20);
  });
  return buffer;
}

/** A .dbf with one 20-character field NAME (dBASE III). */
function nameDbf(names: string[]): Uint8Array {
  const recordBytes = 1 + 20;
  const header = Buffer.alloc(32 + 32 + 1);
  header.writeUInt8(3, 0);
  header.writeUInt32LE(names.length, 4);
  header.writeUInt16LE(header.length, 8);
  header.writeUInt16LE(recordBytes, 10);
  header.write('NAME', 32, 'ascii');
  header.write('C', 32 + 11, 'ascii');
  header.writeUInt8(20, 32 + 16);
  header.writeUInt8(0x0d, 64);
  const records = names.map((name) => Buffer.concat([Buffer.from(' '), Buffer.from(name.padEnd(20).slice(0, 20), 'utf8')]));
  return Buffer.concat([header, ...records, Buffer.from([0x1a])]);
}

describe('uploadVector', () => {
  it('converts GCJ-02 to WGS84: the stored point is where the WGS84 original was (< 1e-6°, ≈ 0.1 m), NUL stripped', async () => {
    const wgs84: [number, number] = [115.85, 28.68];
    const gcj02 = gcoord.transform(wgs84, gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(Math.hypot(gcj02[0] - wgs84[0], gcj02[1] - wgs84[1])).toBeGreaterThan(0.003); // ≈ 300–600 m apart in Jiangxi
    const file = await fileOf('parcels.geojson', collection([{ type: 'Feature', properties: { name: '地块\u0000A', area: 1200.5, nested: { a: 1 } }, geometry: { type: 'Point', coordinates: gcj02 } }]));
    const result = await uploadVector(db, provinceAdmin, fields('gcj02', 'public'), file, { fileName: 'parcels.geojson' });
    expect(result).toMatchObject({ featureCount: 1, url: `/api/geo/${result.id}` });
    const body = JSON.parse(await geoLayerGeoJson(db, null, SERVER_PLATES, { layerId: result.id })) as { features: { id: number; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
    const [lon, lat] = body.features[0].geometry.coordinates;
    expect(Math.abs(lon - wgs84[0])).toBeLessThan(1e-6);
    expect(Math.abs(lat - wgs84[1])).toBeLessThan(1e-6);
    expect(body.features[0].properties).toEqual({ name: '地块A', area: 1200.5, nested: '{"a":1}' });
    const [layer] = await db.select({ kind: layers.kind, options: layers.options, source: layers.source }).from(layers).where(eq(layers.id, result.id));
    expect(layer).toMatchObject({ kind: 'points', options: { labelProperty: 'name' } });
    expect(layer.source).toContain('GCJ-02');
  });

  it('stores a lone UTF-16 surrogate as U+FFFD and refuses a property nested too deeply, as bad input (not a 500)', async () => {
    const point = { type: 'Point', coordinates: [115.85, 28.68] };
    // JSON text "\ud800": PostgreSQL jsonb refuses an unpaired surrogate escape (the insert failed: 500).
    const lone = await fileOf('lone.geojson', `{"type":"Feature","properties":{"name":"a\\ud800b"},"geometry":${JSON.stringify(point)}}`);
    const stored = await uploadVector(db, provinceAdmin, fields('4326', 'public'), lone, { fileName: 'lone.geojson' });
    const body = JSON.parse(await geoLayerGeoJson(db, null, SERVER_PLATES, { layerId: stored.id })) as { features: { properties: Record<string, unknown> }[] };
    expect(body.features[0].properties).toEqual({ name: 'a\ufffdb' });
    // A cut at the length limit that splits a surrogate pair (𠀀 is two UTF-16 units) must not produce one either.
    const cut = await fileOf('cut.geojson', JSON.stringify({ type: 'Feature', properties: { long: `${'x'.repeat(9_999)}𠀀` }, geometry: point }));
    await expect(uploadVector(db, provinceAdmin, fields('4326'), cut, { fileName: 'cut.geojson' })).resolves.toMatchObject({ featureCount: 1 });
    // 20 000 nested arrays: JSON.parse copes, JSON.stringify of the value overflowed the stack (RangeError: 500).
    const deep = await fileOf('deep.geojson', `{"type":"Feature","properties":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}},"geometry":${JSON.stringify(point)}}`);
    await expect(uploadVector(db, provinceAdmin, fields('4326'), deep, { fileName: 'deep.geojson' })).rejects.toMatchObject({ code: 'INPUT', message: expect.stringContaining('feature 0: property x') });
  });

  it('reads a Shapefile zip in CGCS2000 3° GK CM 114°E (EPSG:4547): easting 500 000 m lands on 114°E', async () => {
    const zip = await fileOf('pipes.zip', zipOf({ 'pipes.shp': pointShp([[500_000, 3_100_000], [510_000, 3_100_000]]), 'pipes.dbf': nameDbf(['valve-1', 'valve-2']) }));
    const result = await uploadVector(db, provinceAdmin, fields('4547'), zip, { fileName: 'pipes.zip' });
    const rows = await db.select({ properties: catalogueFeatures.properties, featureIndex: catalogueFeatures.featureIndex }).from(catalogueFeatures).where(eq(catalogueFeatures.layerId, result.id));
    expect(rows.map((r) => r.properties.NAME)).toEqual(['valve-1', 'valve-2']);
    const body = JSON.parse(await geoLayerGeoJson(db, provinceAdmin, SERVER_PLATES, { layerId: result.id })) as { features: { geometry: { coordinates: number[] } }[] };
    const [lon, lat] = body.features[0].geometry.coordinates;
    expect(Math.abs(lon - 114)).toBeLessThan(1e-7); // on the central meridian
    expect(lat).toBeGreaterThan(27.95); // ≈ 3 100 km of meridian arc from the equator
    expect(lat).toBeLessThan(28.05);
    expect(body.features[1].geometry.coordinates[0]).toBeGreaterThan(114.1); // 10 km east ≈ 0.102° at 28°N
  });

  it('an internal upload is 404 for anonymous and other cities, served in its scope', async () => {
    const file = await fileOf('a.geojson', collection([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[115.8, 28.6], [115.9, 28.7]] } }]));
    const result = await uploadVector(db, provinceAdmin, fields('4490'), file, { fileName: 'a.geojson' });
    await expect(geoLayerGeoJson(db, null, SERVER_PLATES, { layerId: result.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(geoLayerGeoJson(db, jiujiangPlanner, SERVER_PLATES, { layerId: result.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const body = JSON.parse(await geoLayerGeoJson(db, nanchangPlanner, SERVER_PLATES, { layerId: result.id })) as { features: unknown[] };
    expect(body.features).toHaveLength(1);
  });

  it.each([
    ['a point in Beijing', 'gcj02', [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [116.4, 39.9] } }], 'outside Jiangxi'],
    ['degrees declared as EPSG:4547', '4547', [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [115.85, 28.68] } }], 'is the declared CRS right?'],
    ['Web Mercator', '3857', [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [115.85, 28.68] } }], 'EPSG:3857 is not accepted'],
    ['an open ring', '4326', [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[115.8, 28.6], [115.9, 28.6], [115.9, 28.7], [115.8, 28.7]]] } }], 'ring must end where it starts'],
    ['a GeometryCollection', '4326', [{ type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [] } }], 'is not Point'],
    ['a string coordinate', '4326', [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: ['115', 28] } }], 'not [x, y] numbers'],
    ['no features', '4326', [], 'no features'],
  ])('refuses %s', async (_name, crs, features, reason) => {
    const file = await fileOf('x.geojson', collection(features));
    await expect(uploadVector(db, provinceAdmin, fields(crs), file, { fileName: 'x.geojson' })).rejects.toThrow(reason);
  });

  it('refuses a Shapefile of more records than features allowed from its record headers, before parsing it', async () => {
    // 50 001 point records: 1.4 MB. The same zip with a 256 MiB .shp (9.6 million points) used to be parsed whole first.
    vi.mocked(parseShp).mockClear();
    const points = Array.from({ length: 50_001 }, (): [number, number] => [115.85, 28.68]);
    const zip = await fileOf('many.zip', zipOf({ 'many.shp': pointShp(points) }));
    await expect(uploadVector(db, provinceAdmin, fields('4326'), zip, { fileName: 'many.zip' })).rejects.toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining('50001 records') });
    expect(parseShp).not.toHaveBeenCalled();
    // A negative record length must not walk the header count backwards (an endless loop).
    const lying = Buffer.from(pointShp([[115.85, 28.68]]));
    lying.writeInt32BE(-4, 104);
    await expect(uploadVector(db, provinceAdmin, fields('4326'), await fileOf('lying.zip', zipOf({ 'lying.shp': lying })), { fileName: 'lying.zip' })).rejects.toThrow('record 1 has a negative length or runs past');
  });

  it('refuses broken JSON and a Shapefile zip without .shp', async () => {
    await expect(uploadVector(db, provinceAdmin, fields('4326'), await fileOf('x.geojson', '{"type":'), { fileName: 'x.geojson' })).rejects.toThrow('not valid JSON');
    await expect(uploadVector(db, provinceAdmin, fields('4326'), await fileOf('x.zip', zipOf({ 'a.dbf': nameDbf(['x']) })), { fileName: 'x.zip' })).rejects.toThrow('exactly one .shp');
  });
});
