import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { ZipTooLargeError } from '@server/api/safe-zip';
import { reviewParcels } from '@server/db/schema/review';
import { connectTestDb } from '@server/db/test-database';
import { InputError, ScopeError } from '@kernel/errors';
import { parcelImportFieldsInput } from './inputs';
import { shapefileZipOf } from './parcels-import-fixture';
import { importParcels, PARCEL_IMPORT_LIMITS } from './parcels-import';
import { parcelById } from './parcels-service';

const connection = connectTestDb();
const db = connection.db;
let dir: string;
let planner: Actor;
const run = randomUUID().slice(0, 6).toUpperCase();

/** A ≈ 97 m × 89 m rectangle (counter-clockwise, closed) with its south-west corner at lon, lat (WGS84 degrees). */
function rectangle(lonDeg: number, latDeg: number): [number, number][] {
  const [w, h] = [0.001, 0.0008];
  return [[lonDeg, latDeg], [lonDeg + w, latDeg], [lonDeg + w, latDeg + h], [lonDeg, latDeg + h], [lonDeg, latDeg]];
}

/** `ring` transformed by PostGIS (PROJ, independent of the proj4 used by the import) from EPSG:4326 to `epsg`. */
async function projected(ring: [number, number][], epsg: number): Promise<[number, number][]> {
  const line = { type: 'LineString', coordinates: ring };
  const { rows } = await db.execute<{ g: string }>(sql`SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(line)}), 4326), ${epsg}::int), 6) AS g`);
  return (JSON.parse(rows[0].g) as { coordinates: [number, number][] }).coordinates;
}

async function fileOf(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, `${randomUUID()}-${name}`);
  await writeFile(file, content);
  return file;
}

function collection(features: { ring: unknown; properties: Record<string, unknown>; type?: string }[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', properties: f.properties, geometry: { type: f.type ?? 'Polygon', coordinates: f.type === 'LineString' ? f.ring : [f.ring] } })) });
}

const fields = (crs: string, extra: Record<string, string> = {}) => parcelImportFieldsInput.parse({ crs, regionCode: TEST_REGIONS.nanchang, ...extra });

async function storedCodes(codes: string[]): Promise<string[]> {
  return (await db.select({ code: reviewParcels.code }).from(reviewParcels).where(inArray(reviewParcels.code, codes))).map((r) => r.code);
}

function expectCorners(actual: number[][], expected: [number, number][], toleranceDeg: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach(([lon, lat], i) => {
    expect(Math.abs(lon - expected[i][0])).toBeLessThan(toleranceDeg);
    expect(Math.abs(lat - expected[i][1])).toBeLessThan(toleranceDeg);
  });
}

beforeAll(async () => {
  await ensureTestRegions(db);
  dir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-parcel-import-'));
  planner = (await createTestAccount(db, 'planner', TEST_REGIONS.nanchang)).actor;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await connection.pool.end();
});

describe('importParcels', () => {
  it('imports GeoJSON in EPSG:4548 (CGCS2000 GK CM 117°E) with the default attribute names; corners within 1e-6° of WGS84', async () => {
    const [a, b] = [rectangle(115.9, 28.7), rectangle(115.91, 28.7)];
    const text = collection([
      { ring: await projected(a, 4548), properties: { DKBM: `IMP-${run}-1`, DKMC: '导入地块一', YDXZ: 'R2', XG: 54, RJL: '2.5', JZMD: 0.3, LDL: 0.35 } },
      { ring: await projected(b, 4548), properties: { dkbm: `IMP-${run}-2`, dkmc: '导入地块二', ydxz: 'B1', XG: null, RJL: 4 } },
    ]);
    const result = await importParcels(db, planner, fields('4548'), await fileOf('parcels.geojson', text), { fileName: 'parcels.geojson' });
    expect(result.imported).toBe(2);
    expect(result.crsLabel).toContain('EPSG:4548');
    const first = await parcelById(db, planner, result.parcels.find((p) => p.code === `IMP-${run}-1`)!.id);
    expectCorners(first.boundary.coordinates[0], a, 1e-6);
    expect(first).toMatchObject({ name: '导入地块一', landUse: 'R2', heightLimitM: 54, farMax: 2.5, densityMax: 0.3, greenRatioMin: 0.35, farMin: null, isDemo: false, regionCode: TEST_REGIONS.nanchang });
    expect(first.setbacks).toEqual(Array.from({ length: 4 }, () => ({ kind: 'neighbour', distanceM: 0 })));
    expect(first.notes).toContain('EPSG:4548');
    expect(first.areaM2).toBeGreaterThan(0.97 * 97.7 * 88.9);
    expect(first.areaM2).toBeLessThan(1.03 * 97.7 * 88.9);
    const second = await parcelById(db, planner, result.parcels.find((p) => p.code === `IMP-${run}-2`)!.id);
    expect(second).toMatchObject({ landUse: 'B1', heightLimitM: null, farMax: 4 });
    const audits = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM accounts_audit_log WHERE table_name = 'review_parcels' AND record_id IN (${sql.join(result.parcels.map((p) => sql`${p.id}`), sql`, `)})`);
    expect(audits.rows[0].n).toBe(2);
  });

  it('converts GCJ-02 with gcoord (≤ 1e-5° ≈ 1 m) and reads mapped attributes, ratios in percent', async () => {
    const ring = rectangle(115.92, 28.71);
    const gcj = ring.map((p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number]);
    expect(Math.abs(gcj[0][0] - ring[0][0])).toBeGreaterThan(0.002); // really offset (hundreds of metres)
    const text = collection([{ ring: gcj, properties: { BH: `IMP-${run}-G`, MC: 'GCJ 地块', landUse: 'R2', JZMD: 28, LDL: '35' } }]);
    const result = await importParcels(db, planner, fields('gcj02', { ratios: 'percent', 'map.code': 'BH', 'map.name': 'mc' }), await fileOf('g.json', text), { fileName: 'g.json' });
    const parcel = await parcelById(db, planner, result.parcels[0].id);
    expectCorners(parcel.boundary.coordinates[0], ring, 1e-5);
    expect(parcel).toMatchObject({ code: `IMP-${run}-G`, name: 'GCJ 地块', densityMax: 0.28, greenRatioMin: 0.35 });
  });

  it('imports a zipped Shapefile in EPSG:4527 (zone prefix 39) with UTF-8 attributes', async () => {
    const ring = rectangle(115.93, 28.72);
    const zip = shapefileZipOf([{ ring: await projected(ring, 4527), attributes: { DKBM: `IMP-${run}-S`, DKMC: '九龙湖地块', YDXZ: 'A33', XG: '60', RJL: '1.8' } }]);
    const result = await importParcels(db, planner, fields('4527'), await fileOf('p.zip', zip), { fileName: 'p.zip' });
    const parcel = await parcelById(db, planner, result.parcels[0].id);
    expectCorners(parcel.boundary.coordinates[0], ring, 1e-6);
    expect(parcel).toMatchObject({ name: '九龙湖地块', landUse: 'A33', heightLimitM: 60, farMax: 1.8 });
  });

  const bowTie: [number, number][] = [[115.95, 28.7], [115.951, 28.7008], [115.951, 28.7], [115.95, 28.7008], [115.95, 28.7]];
  it.each([
    ['a LineString', () => collection([{ ring: rectangle(115.94, 28.7), properties: { DKBM: `BAD-${run}-1`, DKMC: 'a', YDXZ: 'R2' } }, { ring: rectangle(115.96, 28.7), type: 'LineString', properties: { DKBM: `BAD-${run}-2`, DKMC: 'b', YDXZ: 'R2' } }]), /feature 1 \(BAD-\w+-2\): boundary: geometry: "LineString" is not a Polygon/],
    ['a duplicate code', () => collection([{ ring: rectangle(115.94, 28.7), properties: { DKBM: `BAD-${run}-1`, DKMC: 'a', YDXZ: 'R2' } }, { ring: rectangle(115.96, 28.7), properties: { DKBM: `BAD-${run}-1`, DKMC: 'b', YDXZ: 'R2' } }]), /feature 1 \(BAD-\w+-1\): code: BAD-\w+-1 is also the code of feature 0/],
    ['a self-intersecting ring', () => collection([{ ring: rectangle(115.94, 28.7), properties: { DKBM: `BAD-${run}-1`, DKMC: 'a', YDXZ: 'R2' } }, { ring: bowTie, properties: { DKBM: `BAD-${run}-2`, DKMC: 'b', YDXZ: 'R2' } }]), /feature 1 \(BAD-\w+-2\): boundary: not a simple polygon \(Self-intersection/],
    ['hostile values (NaN text, NUL, a missing land use, FAR min above max)', () => collection([{ ring: rectangle(115.94, 28.7), properties: { DKBM: `BAD-${run}-1\u0000`, DKMC: 'a', YDXZ: 'R2' } }, { ring: rectangle(115.96, 28.7), properties: { DKBM: `BAD-${run}-2`, DKMC: 'b', XG: 'NaN' } }, { ring: rectangle(115.97, 28.7), properties: { DKBM: `BAD-${run}-3`, DKMC: 'c', YDXZ: 'R2', RJLXX: 3, RJL: 2 } }]), /feature 0 \(BAD-\w+-1\ufffd\): code: must not contain NUL[\s\S]*\nfeature 1 \(BAD-\w+-2\): landUse: must be a string, got nothing\nfeature 1 \(BAD-\w+-2\): heightLimitM: metres: must be a number, got "NaN"\nfeature 2 \(BAD-\w+-3\): farMin: farMin 3 is above farMax 2/],
    ['a position outside Jiangxi (wrong CRS)', () => collection([{ ring: rectangle(115.94, 28.7).map(([x, y]) => [x + 10, y]), properties: { DKBM: `BAD-${run}-1`, DKMC: 'a', YDXZ: 'R2' } }]), /feature 0 \(BAD-\w+-1\): boundary: geometry: position \[125.94, 28.7\] in EPSG:4326.*outside Jiangxi; is the declared CRS right\?/],
  ])('refuses %s, listing feature and field, and stores nothing', async (_what, build, message) => {
    await expect(importParcels(db, planner, fields('4326'), await fileOf('bad.geojson', build()), { fileName: 'bad.geojson' })).rejects.toThrow(message);
    expect(await storedCodes([`BAD-${run}-1`, `BAD-${run}-2`, `BAD-${run}-3`])).toEqual([]);
  });

  it('refuses a code that exists already, an unknown CRS, a region outside the planner, too many features and no features', async () => {
    const existing = collection([{ ring: rectangle(115.97, 28.7), properties: { DKBM: `BAD-${run}-3`, DKMC: 'x', YDXZ: 'R2' } }, { ring: rectangle(115.98, 28.7), properties: { DKBM: `IMP-${run}-1`, DKMC: 'y', YDXZ: 'R2' } }]);
    await expect(importParcels(db, planner, fields('4326'), await fileOf('e.json', existing), { fileName: 'e.json' })).rejects.toThrow(/feature 1 \(IMP-\w+-1\): code: IMP-\w+-1 exists already/);
    expect(await storedCodes([`BAD-${run}-3`])).toEqual([]);
    await expect(importParcels(db, planner, fields('3857'), await fileOf('e.json', existing), { fileName: 'e.json' })).rejects.toThrow(/EPSG:3857 is not accepted/);
    await expect(importParcels(db, planner, parcelImportFieldsInput.parse({ crs: '4326', regionCode: TEST_REGIONS.jiujiang }), await fileOf('e.json', existing), { fileName: 'e.json' })).rejects.toThrow(ScopeError);
    const many = collection(Array.from({ length: PARCEL_IMPORT_LIMITS.maxFeatures + 1 }, (_, i) => ({ ring: rectangle(115.9, 28.7), properties: { DKBM: `M-${i}` } })));
    await expect(importParcels(db, planner, fields('4326'), await fileOf('m.json', many), { fileName: 'm.json' })).rejects.toThrow(ZipTooLargeError);
    await expect(importParcels(db, planner, fields('4326'), await fileOf('n.json', collection([])), { fileName: 'n.json' })).rejects.toThrow(InputError);
    expect(() => parcelImportFieldsInput.parse({ crs: '4326', regionCode: TEST_REGIONS.nanchang, 'map.code': 'a\u0000' })).toThrow();
  });
});
