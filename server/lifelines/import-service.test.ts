import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { connectTestDb } from '@server/db/test-database';
import { polylineShapefileZipOf } from './import-fixture';
import { importNetwork, type NetworkImportReport } from './import-service';
import { networkImportFieldsInput } from './inputs';
import { isolateSegment } from './isolation-service';

const connection = connectTestDb();
const db = connection.db;
const folder = mkdtempSync(path.join(os.tmpdir(), 'lifelines-import-'));
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await connection.pool.end();
});

const require = createRequire(import.meta.url);
/** WGS84 lon/lat → EPSG:4547 (CGCS2000 3° Gauss-Krüger CM 114°E) easting/northing, metres. */
const toCm114 = proj4('WGS84', (JSON.parse(readFileSync(require.resolve('epsg-index/s/4547.json'), 'utf8')) as { proj4: string }).proj4);
const gk = (lon: number, lat: number) => toCm114.forward([lon, lat]) as [number, number];

const LIMITS = { maxFileBytes: 1024 ** 2, maxFeatures: 50 };
let counter = 0;
/** Writes `content` as an upload named `name` and imports it with `fields` (zod-parsed like the route). */
async function runImport(actor: Actor, name: string, content: string | Uint8Array, fields: Record<string, string>, limits = LIMITS): Promise<NetworkImportReport> {
  const file = path.join(folder, `${++counter}-${name}`);
  writeFileSync(file, content);
  return importNetwork(db, actor, networkImportFieldsInput.parse(fields), file, { fileName: name, limits });
}
const collection = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const line = (coordinates: number[][], properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties });
const point = (coordinates: number[], properties: Record<string, unknown>) => ({ type: 'Feature', geometry: { type: 'Point', coordinates }, properties });

/** Metres per degree at 29.705°N: longitude 96 720 m, latitude 110 880 m (WGS84, to ±0.1 %). */
const M_LON = 96_720;
const M_LAT = 110_880;

describe('importNetwork: a GeoJSON in EPSG:4547 with survey attributes, snapped into a topology', () => {
  let inspector: Actor;
  let report: NetworkImportReport;
  const tag = `GK-${Date.now().toString(36)}`;
  // In 九江市's test square (115.99–116.01°E, 29.69–29.71°N), away from the other tests' grids.
  const v = [116.003, 29.703] as const;
  const j = [116.004, 29.703] as const; // 96.7 m east of the valve
  const e2 = [116.004, 29.704] as const; // 110.9 m north of j
  const e3 = [116.005, 29.703] as const;
  beforeAll(async () => {
    await ensureTestRegions(db);
    inspector = (await createTestAccount(db, 'inspector', TEST_REGIONS.jiujiang)).actor;
    const features = [
      point(gk(v[0], v[1]), { WTDH: `${tag}-V`, FSW: '阀门', MS: 1.3, GXLB: '给水' }),
      // P1 starts 0.3 m east of the valve and ends at j.
      line([gk(v[0] + 0.3 / M_LON, v[1]), gk(j[0], j[1])], { GXBH: `${tag}-P1`, GJ: 300, CZ: '球墨铸铁', MSNF: 2015, QSDW: '九江水务', YLDJ: '0.4MPa', QDMS: 1.0, ZDMS: 1.2 }),
      // P2 starts 0.2 m north of j; P3 starts exactly at j.
      line([gk(j[0], j[1] + 0.2 / M_LAT), gk(e2[0], e2[1])], { GXBH: `${tag}-P2`, GJ: '200', MS: '1.1' }),
      line([gk(j[0], j[1]), gk(e3[0], e3[1])], { GXBH: `${tag}-P3`, GJ: 150, MS: 0.9, MSNF: '' }),
    ];
    report = await runImport(inspector, 'pipes.geojson', collection(features), { crs: '4547', network: 'water', snapToleranceM: '0.5' });
  });

  it('reports 3 pipes, 1 node, 3 new junctions and 4 snapped ends, and writes them with the 九江 region', async () => {
    expect(report).toMatchObject({ committed: true, featureCount: 4, imported: { pipes: 3, nodes: 1, junctions: 3 }, snappedEnds: 4, rejectedCount: 0, rejected: [] });
    expect(report.crsLabel).toMatch(/^EPSG:4547 /);
    expect(report.changes).toEqual([{ regionCode: TEST_REGIONS.jiujiang, network: 'water' }]);
    const { rows } = await db.execute<{ code: string; region_code: string; material: string; install_year: number | null; owner: string; pressure_class: string }>(
      sql`SELECT code, region_code, material, install_year, owner, pressure_class FROM lifelines_pipes WHERE code LIKE ${`${tag}-%`} ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: `${tag}-P1`, region_code: '360400', material: '球墨铸铁', install_year: 2015, owner: '九江水务', pressure_class: '0.4MPa' },
      { code: `${tag}-P2`, region_code: '360400', material: '', install_year: null, owner: '', pressure_class: '' },
      { code: `${tag}-P3`, region_code: '360400', material: '', install_year: null, owner: '', pressure_class: '' },
    ]);
  });

  it('puts P1 on the valve and on one junction with P2 and P3, with Z = −(cover + DN/2) at both ends', async () => {
    const { rows } = await db.execute<{ code: string; from_code: string; to_code: string; coords: number[][]; length_m: number; cover_from_m: number; cover_to_m: number }>(sql`
      SELECT p.code, f.code AS from_code, t.code AS to_code, (ST_AsGeoJSON(p.geom)::json->'coordinates') AS coords, p.length_m, p.cover_from_m, p.cover_to_m
        FROM lifelines_pipes p JOIN lifelines_nodes f ON f.id = p.from_node_id JOIN lifelines_nodes t ON t.id = p.to_node_id
       WHERE p.code LIKE ${`${tag}-%`} ORDER BY p.code`);
    const [p1, p2, p3] = rows;
    expect(p1.from_code).toBe(`${tag}-V`);
    expect(p1.to_code).toBe(p2.from_code);
    expect(p3.from_code).toBe(p2.from_code);
    expect(p1.to_code).toMatch(/^IMP-[0-9a-f]{8}-J\d$/);
    // The valve position (round trip through EPSG:4547: ±1e-8° ≈ 1 mm).
    expect(p1.coords[0][0]).toBeCloseTo(v[0], 8);
    expect(p1.coords[0][1]).toBeCloseTo(v[1], 8);
    // P1: cover 1.0 / 1.2 m, DN300 → axis at −1.15 / −1.35 m.
    expect(p1.coords[0][2]).toBeCloseTo(-1.15, 6);
    expect(p1.coords[1][2]).toBeCloseTo(-1.35, 6);
    expect([p1.cover_from_m, p1.cover_to_m]).toEqual([1.0, 1.2]);
    // The junction is the mean of P1's end (j), P2's start (j + 0.2 m north) and P3's start (j): 0.0667 m north of j.
    expect((p1.coords[1][1] - j[1]) * M_LAT).toBeCloseTo(0.0667, 3);
    expect(p2.coords[0]).toEqual(p1.coords[1].slice(0, 2).concat(p2.coords[0][2]));
    // P2: DN200, depth 1.1 m at both ends (water: to the crown) → −1.2 m.
    expect(p2.coords[0][2]).toBeCloseTo(-1.2, 6);
    // Length on the spheroid: P1 ≈ 96.72 m from the valve to the junction (±0.1 %).
    expect(p1.length_m).toBeGreaterThan(96.6);
    expect(p1.length_m).toBeLessThan(96.85);
  });

  it('audits the import (nodes and pipes rows with the import id) and isolates on the imported topology', async () => {
    const { rows } = await db.execute<{ table_name: string; actor_id: string; after: { pipes?: number; nodes?: number; junctions?: number; fileName: string } }>(
      sql`SELECT table_name, actor_id, after FROM accounts_audit_log WHERE record_id = ${report.importId} ORDER BY table_name`,
    );
    expect(rows.map((row) => [row.table_name, row.actor_id])).toEqual([['lifelines_nodes', inspector.userId], ['lifelines_pipes', inspector.userId]]);
    expect(rows[0].after).toMatchObject({ nodes: 1, junctions: 3, fileName: 'pipes.geojson' });
    expect(rows[1].after).toMatchObject({ pipes: 3, fileName: 'pipes.geojson' });
    const [p2] = (await db.execute<{ id: string }>(sql`SELECT id FROM lifelines_pipes WHERE code = ${`${tag}-P2`}`)).rows;
    const isolation = await isolateSegment(db, p2.id);
    expect(isolation.valves.map((valve) => valve.code)).toEqual([`${tag}-V`]);
    expect(isolation.segments.map((segment) => segment.code)).toEqual([`${tag}-P1`, `${tag}-P2`, `${tag}-P3`]);
  });

  it('refuses the same file again: every code exists already, nothing more is written', async () => {
    const again = await runImport(inspector, 'pipes.json', collection([line([gk(v[0], v[1]), gk(j[0], j[1])], { GXBH: `${tag}-P1`, GJ: 300, MS: 1 })]), { crs: '4547', network: 'water' });
    expect(again).toMatchObject({ committed: false, rejectedCount: 1, rejected: [{ featureIndex: 0, code: `${tag}-P1`, reason: `code ${tag}-P1 exists already` }] });
  });
});

describe('importNetwork: hostile files write nothing and say why', () => {
  let inspector: Actor;
  const good = (code: string) => line([[116.006, 29.706], [116.007, 29.706]], { GXBH: code, GJ: 300, MS: 1.2 });
  const countCodes = async (prefix: string) => Number((await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM lifelines_pipes WHERE code LIKE ${`${prefix}%`}`)).rows[0].n);
  beforeAll(async () => {
    await ensureTestRegions(db);
    inspector = (await createTestAccount(db, 'inspector', TEST_REGIONS.jiujiang)).actor;
  });

  it('wrong CRS: Gauss-Krüger metres declared as 4326, or CM 114°E declared as CM 117°E (4548)', async () => {
    const file = collection([line([gk(116.006, 29.706), gk(116.007, 29.706)], { GXBH: 'HOSTILE-CRS-1', GJ: 300, MS: 1.2 })]);
    const as4326 = await runImport(inspector, 'a.geojson', file, { crs: '4326', network: 'water' });
    expect(as4326.committed).toBe(false);
    expect(as4326.rejected[0].reason).toMatch(/^position \[\d+\.?\d*, \d+\.?\d*\] in EPSG:4326 .* lands at .*, outside Jiangxi; is the declared CRS right\?$/);
    const as4548 = await runImport(inspector, 'a.geojson', file, { crs: '4548', network: 'water' });
    expect(as4548.rejected[0].reason).toMatch(/in EPSG:4548 .* lands at 11[89]\.\d+°E/);
    await expect(runImport(inspector, 'a.geojson', file, { crs: '3857' })).rejects.toThrow(/crs: EPSG:3857 is not accepted/);
    expect(await countCodes('HOSTILE-CRS')).toBe(0);
  });

  it('missing attributes: no diameter, no depth, no network, a depth shallower than the DN of a sewer', async () => {
    const report = await runImport(inspector, 'b.geojson', collection([
      line([[116.006, 29.706], [116.007, 29.706]], { GXBH: 'HOSTILE-ATTR-1', MS: 1.2, GXLB: '给水' }),
      line([[116.006, 29.7061], [116.007, 29.7061]], { GXBH: 'HOSTILE-ATTR-2', GJ: 300, GXLB: 'water' }),
      line([[116.006, 29.7062], [116.007, 29.7062]], { GXBH: 'HOSTILE-ATTR-3', GJ: 300, MS: 1 }),
      line([[116.006, 29.7063], [116.007, 29.7063]], { GXBH: 'HOSTILE-ATTR-4', GJ: 800, MS: 0.5, GXLB: '污水' }),
      line([[116.006, 29.7064], [116.007, 29.7064]], { GXBH: 'HOSTILE-ATTR-5', GJ: 'DN300', MS: 1, GXLB: '燃气' }),
      line([[116.006, 29.7065], [116.007, 29.7065]], { GXBH: 'HOSTILE-ATTR-6', GJ: 300, MS: 1, GXLB: '光纤' }),
      good('HOSTILE-ATTR-OK'),
    ]), { crs: '4326' });
    expect(report.committed).toBe(false);
    expect(report.rejected.map((r) => [r.featureIndex, r.reason])).toEqual([
      [0, 'diameterMm: the segment has no diameter'],
      [1, 'depth: give depthFromM and depthToM, or depthM, or ground and invert elevations at both ends'],
      [2, 'network: the feature has none and the form gives no default network'],
      [3, 'depth at the from end: 0.5 m to the invert gives a cover of -0.3 m, outside 0–100 m'],
      [4, 'diameterMm: "DN300" is not 1–10000 mm'],
      [5, expect.stringMatching(/^network: "光纤" is not one of water, 给水/)],
      [6, 'network: the feature has none and the form gives no default network'],
    ]);
    expect(await countCodes('HOSTILE-ATTR')).toBe(0);
  });

  it('huge, non-numeric and non-finite coordinates, wrong geometry types', async () => {
    const report = await runImport(inspector, 'c.geojson', collection([
      line([[1e300, 1e300], [116.007, 29.706]], { GXBH: 'HOSTILE-HUGE-1', GJ: 300, MS: 1 }),
      line([['116', '29.7'] as unknown as number[], [116.007, 29.706]], { GXBH: 'HOSTILE-HUGE-2', GJ: 300, MS: 1 }),
      line([[116.006, 29.706], [116.006, 29.706]], { GXBH: 'HOSTILE-HUGE-3', GJ: 300, MS: 1 }),
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[116, 29.7], [116.001, 29.7], [116, 29.701], [116, 29.7]]] }, properties: { GXBH: 'HOSTILE-HUGE-4' } },
      { type: 'Feature', geometry: null, properties: {} },
      good('HOSTILE-HUGE-OK'),
    ]), { crs: '4326', network: 'water' });
    expect(report.rejected.map((r) => [r.featureIndex, r.reason])).toEqual([
      [0, 'position [1e+300, 1e+300] is out of range (|coordinate| ≤ 100000000)'],
      [1, 'a position is not two finite numbers'],
      [2, 'geometry: the segment has no length (all positions coincide)'],
      [3, 'geometry: "Polygon" is not a LineString (pipe) or Point (node)'],
      [4, 'geometry: none is not a LineString (pipe) or Point (node)'],
    ]);
    expect(report.committed).toBe(false);
    expect(await countCodes('HOSTILE-HUGE')).toBe(0);
  });

  it('outside the caller\'s region: a 南昌 pipe in a 九江 inspector\'s file', async () => {
    const report = await runImport(inspector, 'd.geojson', collection([
      good('HOSTILE-REGION-OK'),
      line([[115.86, 28.68], [115.861, 28.68]], { GXBH: 'HOSTILE-REGION-1', GJ: 300, MS: 1 }),
      line([[116.009, 29.705], [116.012, 29.705]], { GXBH: 'HOSTILE-REGION-2', GJ: 300, MS: 1 }),
    ]), { crs: '4326', network: 'water' });
    expect(report.rejected).toEqual([
      { featureIndex: 1, code: 'HOSTILE-REGION-1', reason: 'lies (partly) outside your region 360400' },
      { featureIndex: 2, code: 'HOSTILE-REGION-2', reason: 'lies (partly) outside your region 360400' },
    ]);
    expect(await countCodes('HOSTILE-REGION')).toBe(0);
  });

  it('not a zip, not JSON, too many features, too many bytes, a role that may not import', async () => {
    await expect(runImport(inspector, 'e.zip', 'just text', { crs: '4326' })).rejects.toThrow('import: the file is named .zip but is not a zip archive');
    await expect(runImport(inspector, 'e.geojson', polylineShapefileZipOf([{ line: [[116.006, 29.706], [116.007, 29.706]], attributes: { GJ: '300' } }]), { crs: '4326' })).rejects.toThrow(
      'import: the file is a zip archive; name it .zip (a zipped Shapefile)',
    );
    await expect(runImport(inspector, 'e.geojson', '{"type": "FeatureCollection", "features": [', { crs: '4326' })).rejects.toThrow(/^geojson: not valid JSON/);
    const many = collection(Array.from({ length: 4 }, (_, i) => good(`HOSTILE-MANY-${i}`)));
    await expect(runImport(inspector, 'f.geojson', many, { crs: '4326', network: 'water' }, { maxFileBytes: 1024 ** 2, maxFeatures: 3 })).rejects.toMatchObject({ code: 'TOO_LARGE', message: 'import: 4 features, at most 3' });
    await expect(runImport(inspector, 'f.geojson', many, { crs: '4326', network: 'water' }, { maxFileBytes: 100, maxFeatures: 50 })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const planner = (await createTestAccount(db, 'planner', TEST_REGIONS.jiujiang)).actor;
    await expect(runImport(planner, 'f.geojson', many, { crs: '4326', network: 'water' })).rejects.toMatchObject({ code: 'SCOPE' });
    expect(await countCodes('HOSTILE-MANY')).toBe(0);
  });

  it('imports a zipped PolyLine Shapefile with a .dbf in the declared CGCS2000 (4490), ends within 0.5 m joined', async () => {
    const zip = polylineShapefileZipOf([
      { line: [[116.006, 29.708], [116.007, 29.708]], attributes: { GXBH: 'SHP-A', GJ: '400', QDMS: '1.5', ZDMS: '1.6', GXLB: '雨水' } },
      { line: [[116.007 + 0.3 / M_LON, 29.708], [116.008, 29.708]], attributes: { GXBH: 'SHP-B', GJ: '400', QDMS: '1.6', ZDMS: '1.7', GXLB: '雨水' } },
    ]);
    const report = await runImport(inspector, 'storm.zip', zip, { crs: '4490' });
    expect(report).toMatchObject({ committed: true, imported: { pipes: 2, nodes: 0, junctions: 3 }, snappedEnds: 2 });
    // Storm drains are measured to the invert: 1.5 m − DN 0.4 m = cover 1.1 m; axis at −(1.1 + 0.2) = −1.3 m.
    const { rows } = await db.execute<{ cover_from_m: number; z: number }>(sql`SELECT cover_from_m, ST_Z(ST_StartPoint(geom)) AS z FROM lifelines_pipes WHERE code = 'SHP-A'`);
    expect(rows[0].cover_from_m).toBeCloseTo(1.1, 6);
    expect(rows[0].z).toBeCloseTo(-1.3, 6);
  });
});
