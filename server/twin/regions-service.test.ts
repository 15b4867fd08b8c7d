import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestRegions, PROVINCE_READER, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { homeRegion } from './regions-service';

const connection = connectTestDb();

beforeAll(async () => {
  await ensureTestRegions(connection.db);
});
afterAll(async () => {
  await connection.pool.end();
});

describe('homeRegion', () => {
  it('gives a county account its county with the bounding box of its boundary', async () => {
    const home = await homeRegion(connection.db, { ...PROVINCE_READER, regionCode: TEST_REGIONS.donghu });
    expect(home).toMatchObject({ code: '360102', level: 'county' });
    // The stored boundary is the test fixture (a 0.02° square) or, when another test file seeded the real regions
    // first, 东湖区's real outline: compare with the extremes of its vertices, read as GeoJSON.
    const { rows } = await connection.db.execute<{ geojson: string }>(sql`SELECT ST_AsGeoJSON(boundary) AS geojson FROM regions WHERE code = '360102'`);
    const vertices = (JSON.parse(rows[0].geojson) as { coordinates: number[][][][] }).coordinates.flat(2);
    const lons = vertices.map(([lon]) => lon);
    const lats = vertices.map(([, lat]) => lat);
    const expected = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
    home!.bbox.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 9));
    expect(home!.bbox[0]).toBeLessThan(home!.center[0]);
    expect(home!.center[0]).toBeLessThan(home!.bbox[2]);
    expect(home!.bbox[1]).toBeLessThan(home!.center[1]);
    expect(home!.center[1]).toBeLessThan(home!.bbox[3]);
  });

  it('gives a city account its city', async () => {
    expect(await homeRegion(connection.db, { ...PROVINCE_READER, regionCode: TEST_REGIONS.jiujiang })).toMatchObject({ code: '360400', level: 'city' });
  });

  it('keeps anonymous visitors, province accounts and unknown region codes on the Jiangxi overview (null)', async () => {
    expect(await homeRegion(connection.db, null)).toBeNull();
    expect(await homeRegion(connection.db, PROVINCE_READER)).toBeNull();
    expect(await homeRegion(connection.db, { ...PROVINCE_READER, regionCode: '369999' })).toBeNull();
  });
});
