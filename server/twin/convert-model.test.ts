import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createCaller } from '@server/api/root';
import { PROVINCE_READER } from '@server/accounts/test-fixtures';
import { createTrpcContext } from '@server/api/trpc';
import { elements, models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import { env } from '@server/env';
import { GeorefError, IfcParseError } from '@tiling/index';
import { TILER_VERSION } from '@tiling/index';
import { decodePropertiesFile } from '@kernel/properties-file';
import { convertModel, placementKeyOf } from './convert-model';

const FZK = path.join(env.SHARED_DATA_DIR, 'ifc/AC20-FZK-Haus.ifc');
const hasFzk = existsSync(FZK);
const connection = connectTestDb();
const caller = createCaller(createTrpcContext(connection.db, PROVINCE_READER));
const work = mkdtempSync(path.join(tmpdir(), 'gantwin-convert-'));
const tilesDir = path.join(work, 'tiles');
const created: string[] = [];
/** A demonstration parcel in Honggutan, Nanchang (WGS84 degrees, metres, heading clockwise from north). */
const PLACEMENT = { lonDeg: 115.8552, latDeg: 28.6934, heightM: 0, headingDeg: 0 };

afterAll(async () => {
  if (created.length) await connection.db.delete(models).where(inArray(models.id, created));
  await connection.pool.end();
  rmSync(work, { recursive: true, force: true });
});

describe('placementKeyOf', () => {
  it('is canonical (key order) and empty without a placement', () => {
    expect(placementKeyOf(undefined)).toBe('');
    expect(placementKeyOf({ headingDeg: 0, heightM: 0, latDeg: 28.6934, lonDeg: 115.8552 })).toBe(
      '{"lonDeg":115.8552,"latDeg":28.6934,"heightM":0,"headingDeg":0}',
    );
  });
});

describe('convertModel with an injected failing converter', () => {
  it('stores status failed with the error message and returns it', async () => {
    const source = path.join(work, 'bad-georef.ifc');
    writeFileSync(source, `ISO-10303-21;\n/* ${Date.now()} */\n`);
    const result = await convertModel(
      connection.db,
      { sourcePath: source, name: 'bad georef', regionCode: '360100' },
      { tilesDir, convert: async () => { throw new GeorefError('bad-georef.ifc: IfcProjectedCRS EPSG:99999 is unknown'); } },
    );
    created.push(result.id);
    expect(result).toMatchObject({ status: 'failed', cached: false, elementCount: 0, error: 'bad-georef.ifc: IfcProjectedCRS EPSG:99999 is unknown', isRetryable: false });
    const [row] = await connection.db.select().from(models).where(eq(models.id, result.id));
    expect(row).toMatchObject({ status: 'failed', errorMessage: result.error, regionCode: '360100', fileName: 'bad-georef.ifc' });
  });

  it('marks a failure that is not the fault of the file (disk, database, crash) as retryable', async () => {
    const source = path.join(work, 'disk-full.ifc');
    writeFileSync(source, `ISO-10303-21;\n/* disk ${Date.now()} */\n`);
    const result = await convertModel(
      connection.db,
      { sourcePath: source, name: 'disk full' },
      { tilesDir, convert: async () => { throw new Error('ENOSPC: no space left on device, write'); } },
    );
    created.push(result.id);
    expect(result).toMatchObject({ status: 'failed', error: 'ENOSPC: no space left on device, write', isRetryable: true });
  });
});

describe('convertModel failure messages', () => {
  it('name the file but not the server directories it lies in', async () => {
    const source = path.join(work, 'path-leak.ifc');
    writeFileSync(source, `ISO-10303-21;\n/* ${Date.now()} path */\n`);
    const result = await convertModel(
      connection.db,
      { sourcePath: source, name: 'path leak' },
      {
        tilesDir,
        convert: async () => {
          throw new IfcParseError(`${source}: line #12 IFCWALL: expected 8 attributes, got 7 (writing ${path.join(tilesDir, 'x', 'tileset.json')})`);
        },
      },
    );
    created.push(result.id);
    expect(result.error).toBe('path-leak.ifc: line #12 IFCWALL: expected 8 attributes, got 7 (writing x/tileset.json)');
    expect((await caller.twin.models.byId({ id: result.id })).errorMessage).toBe(result.error);
  });
});

describe.skipIf(!hasFzk)('convertModel on FZK-Haus (needs ../shared/data/ifc)', () => {
  let readyId = '';

  it('converts, registers one element row per import line (= feature count, = properties.json size), in one go', async () => {
    const result = await convertModel(connection.db, { sourcePath: FZK, name: 'FZK-Haus', nameEn: 'FZK house', placement: PLACEMENT, regionCode: '360100' }, { tilesDir });
    created.push(result.id);
    readyId = result.id;
    expect(result).toMatchObject({ status: 'ready', cached: false, error: null, tilesetUrl: `/tiles/${result.id}/tileset.json` });
    const outDir = path.join(tilesDir, result.id);
    const properties = decodePropertiesFile(JSON.parse(readFileSync(path.join(outDir, 'properties.json'), 'utf8')));
    const importLines = readFileSync(path.join(outDir, 'import', 'elements.ndjson'), 'utf8').trim().split('\n');
    const report = JSON.parse(readFileSync(path.join(outDir, 'report.json'), 'utf8')) as { counts: { features: number } };
    const [{ n }] = await connection.db.select({ n: sql<number>`count(*)::int` }).from(elements).where(eq(elements.modelId, result.id));
    expect(n).toBe(properties.size);
    expect(n).toBe(importLines.length);
    expect(n).toBe(report.counts.features);
    expect(result.elementCount).toBe(n);
    expect(n).toBeGreaterThan(50);

    const detail = await caller.twin.models.byId({ id: result.id });
    expect(detail).toMatchObject({ name: 'FZK-Haus', nameEn: 'FZK house', status: 'ready', schema: 'IFC4', georefMethod: 'placement', elementCount: n, regionCode: '360100' });
    // The anchor is where the placement put the model origin: within 1e-7° (≈ 1 cm).
    expect(detail.anchor?.lonDeg).toBeCloseTo(PLACEMENT.lonDeg, 7);
    expect(detail.anchor?.latDeg).toBeCloseTo(PLACEMENT.latDeg, 7);
    // FZK-Haus is a two-storey house ≈ 12 m × 10 m in plan; its height is between 6 and 15 m.
    expect(detail.heightM).toBeGreaterThan(6);
    expect(detail.heightM).toBeLessThan(15);
    const area = await connection.pool.query<{ m2: number; near: boolean }>(
      `SELECT ST_Area(footprint::geography) AS m2,
              ST_DWithin(footprint::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, 30) AS near
         FROM models WHERE id = $1`,
      [result.id, PLACEMENT.lonDeg, PLACEMENT.latDeg],
    );
    expect(area.rows[0].m2).toBeGreaterThan(80);
    expect(area.rows[0].m2).toBeLessThan(600);
    expect(area.rows[0].near).toBe(true);

    const walls = await caller.twin.elements.list({ modelId: result.id, ifcClass: 'IfcWallStandardCase', limit: 500 });
    expect(walls.total).toBe(13);
    const picked = await caller.twin.elements.byGlobalId({ globalId: walls.items[0].globalId, modelId: result.id });
    expect(picked).toMatchObject({ modelName: 'FZK-Haus', modelNameEn: 'FZK house', ifcClass: 'IfcWallStandardCase' });
  });

  it('reuses the ready conversion for the same bytes + placement (cached, same id)', async () => {
    const again = await convertModel(connection.db, { sourcePath: FZK, name: 'FZK-Haus', placement: PLACEMENT, regionCode: '360100' }, { tilesDir });
    expect(again).toMatchObject({ id: readyId, status: 'ready', cached: true });
  });

  it('redoes a conversion made by another tiler version (same id, not cached)', async () => {
    await connection.db
      .update(models)
      .set({ report: sql`jsonb_set(${models.report}, '{generator}', '"GanTwin tiling 0.0"')` })
      .where(eq(models.id, readyId));
    const redone = await convertModel(connection.db, { sourcePath: FZK, name: 'FZK-Haus', placement: PLACEMENT, regionCode: '360100' }, { tilesDir });
    expect(redone).toMatchObject({ id: readyId, status: 'ready', cached: false, elementCount: 83 });
    const [row] = await connection.db.select({ report: models.report }).from(models).where(eq(models.id, readyId));
    expect((row.report as { generator: string }).generator).toBe(TILER_VERSION);
  });

  it('a truncated copy fails, is stored as failed, and leaves the ready model untouched', async () => {
    const before = await connection.db.select().from(models).where(eq(models.id, readyId));
    const bytes = readFileSync(FZK);
    const truncated = path.join(work, 'AC20-FZK-Haus-truncated.ifc');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const result = await convertModel(connection.db, { sourcePath: truncated, name: 'FZK-Haus', placement: PLACEMENT }, { tilesDir });
    created.push(result.id);
    expect(result.status).toBe('failed');
    expect(result.id).not.toBe(readyId);
    expect(result.error).toMatch(/truncat|ENDSEC|END-ISO|unexpected end|#\d+/i);
    expect(existsSync(path.join(tilesDir, result.id))).toBe(false);
    const after = await connection.db.select().from(models).where(eq(models.id, readyId));
    expect(after).toEqual(before);
    const [{ n }] = await connection.db.select({ n: sql<number>`count(*)::int` }).from(elements).where(eq(elements.modelId, readyId));
    expect(n).toBe(before[0].elementCount);
    expect(existsSync(path.join(tilesDir, readyId, 'tileset.json'))).toBe(true);
  });
});

const NANCHANG = path.join(env.SHARED_DATA_DIR, 'ifc/nanchang-residential-sample.ifc');
describe.skipIf(!existsSync(NANCHANG))('convertModel element bounds', () => {
  it('stores each element ENU bbox and its lon/lat outline near the model anchor', async () => {
    const result = await convertModel(connection.db, { sourcePath: NANCHANG, name: 'Nanchang sample', regionCode: '360100' }, { tilesDir });
    created.push(result.id);
    expect(result.status).toBe('ready');
    const rows = await connection.pool.query<{ n: string; far_m: number; top_m: number }>(
      `SELECT count(*) AS n,
              max(ST_Distance(e.footprint::geography, m.anchor::geography)) AS far_m,
              max((e.bbox_enu->'max'->>2)::float) AS top_m
         FROM elements e JOIN models m ON m.id = e.model_id
        WHERE e.model_id = $1 AND e.bbox_enu IS NOT NULL AND e.footprint IS NOT NULL`,
      [result.id],
    );
    expect(Number(rows.rows[0].n)).toBe(result.elementCount);
    // The 30 m × 12 m building starts at the anchor (local origin): no element lies farther than its diagonal.
    expect(rows.rows[0].far_m).toBeLessThan(33);
    // Top of the roof slab 18.03 m above the storey-1 floor (SOURCES.md), in ENU metres above the anchor.
    expect(rows.rows[0].top_m).toBeCloseTo(18.03, 1);
    // The model footprint is the tiler's plan outline: 30 m × 12 m = 360 m² plus the 200 mm exterior walls' outer
    // faces (≈ 30.2 × 12.2 = 368 m² … 30.6 × 12.6 = 386 m²), not the 669 m² east/north box of the rotated building.
    const model = await connection.pool.query<{ m2: number }>('SELECT ST_Area(footprint::geography) AS m2 FROM models WHERE id = $1', [result.id]);
    expect(model.rows[0].m2).toBeGreaterThan(360);
    expect(model.rows[0].m2).toBeLessThan(400);
  });
});
