import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { createTestGrid, type TestNetworkIds } from './test-fixtures';

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));

/** A grid in 九江 濂溪区 far from every other test's rows (116.05°E, 29.65°N). */
const GRID_BBOX: [number, number, number, number] = [116.049, 29.649, 116.054, 29.653];

describe('lifelines router: roles, hostile inputs, bbox limits, summary', () => {
  let grid: TestNetworkIds;
  let inspector: ReturnType<typeof callerOf>;
  beforeAll(async () => {
    await ensureTestRegions(db);
    grid = await createTestGrid(db, TEST_REGIONS.lianxi, 116.05, 29.65);
    inspector = callerOf((await createTestAccount(db, 'inspector', TEST_REGIONS.jiujiang)).actor);
  });

  it('lets a 九江 inspector, officer and admin read; refuses an applicant (FORBIDDEN) and anonymous (UNAUTHORIZED)', async () => {
    const result = await inspector.lifelines.pipes.inBbox({ bbox: GRID_BBOX });
    expect(result.features.map((f) => f.id).sort()).toEqual(Object.values(grid.pipes).sort());
    expect(result.truncated).toBe(false);
    for (const role of ['officer', 'admin'] as const) {
      const caller = callerOf((await createTestAccount(db, role, TEST_REGIONS.lianxi)).actor);
      await expect(caller.lifelines.pipes.byId({ id: grid.pipes.H00 })).resolves.toMatchObject({ id: grid.pipes.H00 });
    }
    const applicant = callerOf((await createTestAccount(db, 'applicant', TEST_REGIONS.jiujiang)).actor);
    await expect(applicant.lifelines.pipes.inBbox({ bbox: GRID_BBOX })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(applicant.lifelines.isolation.forSegment({ id: grid.pipes.H00 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerOf(null).lifelines.networks.summary()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // A 东湖区 (南昌) inspector sees none of the 九江 grid.
    const donghu = callerOf((await createTestAccount(db, 'inspector', TEST_REGIONS.donghu)).actor);
    expect((await donghu.lifelines.pipes.inBbox({ bbox: GRID_BBOX })).features).toEqual([]);
    await expect(donghu.lifelines.isolation.forSegment({ id: grid.pipes.V20 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers byId with the end nodes and the attributes, and isolation through the procedure', async () => {
    const detail = await inspector.lifelines.pipes.byId({ id: grid.pipes.V20 });
    expect(detail.properties).toMatchObject({ network: 'water', diameterMm: 300, lengthM: 100, regionCode: TEST_REGIONS.lianxi, isDemo: false });
    expect(detail.fromNode).toMatchObject({ id: grid.nodes.N20, kind: 'tee', depthM: 1.5 });
    expect(detail.toNode).toMatchObject({ id: grid.nodes.N21, kind: 'tee' });
    expect(detail.geometry.coordinates[0]).toEqual([116.052, 29.65, -1.5]);
    const isolation = await inspector.lifelines.isolation.forSegment({ id: grid.pipes.V20 });
    expect(isolation.valves.map((v) => v.code).sort()).toEqual(['E', 'N10', 'N11', 'N22'].map((name) => `${grid.codePrefix}-${name}`));
    expect(isolation.isolatedLengthM).toBeCloseTo(450, 6);
  });

  it('cuts a bbox answer at limit (largest diameters first) and filters by network and diameter', async () => {
    const cut = await inspector.lifelines.pipes.inBbox({ bbox: GRID_BBOX, limit: 3 });
    expect(cut.features).toHaveLength(3);
    expect(cut.truncated).toBe(true);
    expect((await inspector.lifelines.pipes.inBbox({ bbox: GRID_BBOX, networks: ['gas'] })).features).toEqual([]);
    expect((await inspector.lifelines.pipes.inBbox({ bbox: GRID_BBOX, minDiameterMm: 301 })).features).toEqual([]);
  });

  it.each([
    ['a bbox over 0.05°', { bbox: [116.0, 29.6, 116.1, 29.62] }, /each side must be ≤ 0\.05°/],
    ['an inverted bbox', { bbox: [116.06, 29.65, 116.05, 29.66] }, /west must be < east/],
    ['a bbox outside Jiangxi', { bbox: [0, 0, 0.01, 0.01] }, /longitude must be 110–121°E/],
    ['NaN in a bbox', { bbox: [Number.NaN, 29.6, 116.01, 29.61] }, /longitude/],
    ['a limit of 1e9', { bbox: GRID_BBOX, limit: 1e9 }, /limit: must be an integer 1\.\.5000/],
    ['an unknown network', { bbox: GRID_BBOX, networks: ['oil'] }, /networks/],
    ['an extra field', { bbox: GRID_BBOX, sql: 'DROP TABLE' }, /Unrecognized key|unrecognized/i],
  ])('refuses %s (BAD_REQUEST)', async (_name, input, message) => {
    const call = inspector.lifelines.pipes.inBbox(input as never);
    await expect(call).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(call).rejects.toThrow(message);
  });

  it('refuses a malformed id (BAD_REQUEST) and an unknown one (NOT_FOUND)', async () => {
    await expect(inspector.lifelines.pipes.byId({ id: "1' OR '1'='1" })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(inspector.lifelines.isolation.forSegment({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('sums kilometres per network and region in scope', async () => {
    const rows = await inspector.lifelines.networks.summary();
    const water = rows.find((row) => row.network === 'water' && row.regionCode === TEST_REGIONS.lianxi);
    // At least this file's grid: 12 × 100 m + 2 × 50 m = 1.3 km (other test files may add more in 濂溪区).
    expect(water!.km).toBeGreaterThanOrEqual(1.3);
    expect(rows.every((row) => row.regionCode.startsWith('3604'))).toBe(true);
  });
});
