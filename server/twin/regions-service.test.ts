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
  it('gives a county account its county with the bounding box of its boundary (the fixture: a 0.02° square)', async () => {
    const home = await homeRegion(connection.db, { ...PROVINCE_READER, regionCode: TEST_REGIONS.donghu });
    expect(home).toMatchObject({ code: '360102', level: 'county' });
    // 东湖区 fixture: label point (115.9, 28.69) ± 0.01°, to 1e-9° (the stored doubles).
    expect((home?.bbox ?? []).map((v) => Number(v.toFixed(9)))).toEqual([115.89, 28.68, 115.91, 28.7]);
    expect(home?.center).toEqual([115.9, 28.69]);
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
