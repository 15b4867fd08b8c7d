import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { connectTestDb } from '@server/db/test-database';
import { env } from '@server/env';
import { gcj02PositionToWgs84 } from './gcj02-geometry';
import { seedRegions } from './seed-regions';

const hasData = existsSync(path.join(env.SHARED_DATA_DIR, 'geo/jiangxi_prefectures.geojson'));
const connection = connectTestDb();
afterAll(() => connection.pool.end());

/** 八一广场, Nanchang, WGS84 (28°40′38″N 115°53′58″E). */
const BAYI_SQUARE_WGS84: [number, number] = [115.8994, 28.6772];
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_28_7N = 111_320 * Math.cos((28.68 * Math.PI) / 180);
const distanceM = (a: [number, number], b: [number, number]): number =>
  Math.hypot((a[0] - b[0]) * M_PER_DEG_LON_28_7N, (a[1] - b[1]) * M_PER_DEG_LAT);

describe.skipIf(!hasData)('seedRegions (needs ../shared/data/geo)', () => {
  beforeAll(async () => {
    await seedRegions(connection.db, { sharedDataDir: env.SHARED_DATA_DIR });
  });

  it('seeds 1 province, 11 cities and 100 counties, idempotently, all with valid SRID-4326 geometries', async () => {
    const again = await seedRegions(connection.db, { sharedDataDir: env.SHARED_DATA_DIR });
    expect(again).toEqual({ province: 1, city: 11, county: 100 });
    const { rows } = await connection.pool.query<{ invalid: number; srid0: number; empty: number }>(
      `SELECT count(*) FILTER (WHERE NOT ST_IsValid(boundary) OR NOT ST_IsValid(center))::int AS invalid,
              count(*) FILTER (WHERE ST_SRID(boundary) <> 4326)::int AS srid0,
              count(*) FILTER (WHERE ST_IsEmpty(boundary))::int AS empty FROM regions`,
    );
    expect(rows[0]).toEqual({ invalid: 0, srid0: 0, empty: 0 });
  });

  it('records the source CRS and nests every county in its city (≥ 95 % of its area)', async () => {
    const crs = await connection.db.execute<{ source_crs: string }>(sql`SELECT DISTINCT source_crs FROM regions`);
    expect(crs.rows.map((r) => r.source_crs)).toEqual([expect.stringContaining('GCJ-02')]);
    const { rows } = await connection.pool.query<{ code: string; share: number }>(
      `SELECT c.code, ST_Area(ST_Intersection(c.boundary, p.boundary)) / ST_Area(c.boundary) AS share
         FROM regions c JOIN regions p ON p.code = c.parent_code WHERE c.level = 'county'`,
    );
    expect(rows).toHaveLength(100);
    expect(rows.filter((r) => r.share < 0.95)).toEqual([]);
  });

  it('makes the province the union of the cities: Jiangxi ≈ 166,900 km² (official 166,900 km²) ± 2 %', async () => {
    const { rows } = await connection.pool.query<{ km2: number; parts: number; rings: number }>(
      `SELECT ST_Area(boundary::geography) / 1e6 AS km2, ST_NumGeometries(boundary) AS parts, ST_NRings(boundary) AS rings
         FROM regions WHERE code = '360000'`,
    );
    expect(rows[0].km2).toBeGreaterThan(166_900 * 0.98);
    expect(rows[0].km2).toBeLessThan(166_900 * 1.02);
    expect(rows[0]).toMatchObject({ parts: 1, rings: 1 });
  });

  it('converts the 南昌市 label point from GCJ-02: ≈600 m shift, inside the city, ≈1.2 km from 八一广场', async () => {
    const caller = createCaller(createTrpcContext(connection.db));
    const [nanchang] = await caller.twin.regions.list({ level: 'city', parentCode: '360000' }).then((r) => r.filter((c) => c.code === '360100'));
    expect(nanchang.name).toBe('南昌市');
    const expected = gcj02PositionToWgs84([115.892151, 28.676493]);
    expect(nanchang.center[0]).toBeCloseTo(expected[0], 6);
    expect(nanchang.center[1]).toBeCloseTo(expected[1], 6);
    const shiftM = distanceM(nanchang.center, [115.892151, 28.676493]);
    expect(shiftM).toBeGreaterThan(300);
    expect(shiftM).toBeLessThan(700);
    expect(distanceM(nanchang.center, BAYI_SQUARE_WGS84)).toBeLessThan(1_500);
    const inside = await connection.pool.query(
      `SELECT ST_Contains(boundary, ST_SetSRID(ST_MakePoint($1, $2), 4326)) AS inside FROM regions WHERE code = '360100'`,
      nanchang.center,
    );
    expect(inside.rows[0].inside).toBe(true);
  });

  it('twin.regions.list filters by parent: 南昌市 has its 9 districts/counties, the province 11 cities', async () => {
    const caller = createCaller(createTrpcContext(connection.db));
    const counties = await caller.twin.regions.list({ parentCode: '360100' });
    expect(counties.map((c) => c.code)).toEqual(['360102', '360103', '360104', '360105', '360111', '360112', '360121', '360123', '360124']);
    expect(counties.find((c) => c.code === '360102')).toMatchObject({ name: '东湖区', level: 'county', parentCode: '360100' });
    expect(await caller.twin.regions.list({ level: 'city' })).toHaveLength(11);
    expect(await caller.twin.regions.list({ level: 'province' })).toEqual([
      { code: '360000', name: '江西省', level: 'province', parentCode: null, center: [expect.any(Number), expect.any(Number)] },
    ]);
    expect(await caller.twin.regions.list()).toHaveLength(112);
  });
});
