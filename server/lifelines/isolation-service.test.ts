import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestAccount, createTestModel, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { isolateSegment, isolationForSegment } from './isolation-service';
import { createTestGrid, type TestNetworkIds } from './test-fixtures';

const connection = connectTestDb();
afterAll(() => connection.pool.end());

/**
 * The hand-made grid (test-fixtures.ts `createTestGrid`), valves marked V:
 *
 *   N02V ── H02 ── N12 ── H12 ── N22V
 *    │V01           │V11           │V21
 *   N01 ── H01 ── N11V ── H11 ── N21 ── B ── EV ── EF ── F
 *    │V00           │V10           │V20
 *   N00 ── H00 ── N10V ── H10 ── N20
 */
describe('isolateSegment on a hand-made 3 × 3 grid with 5 valves', () => {
  let grid: TestNetworkIds;
  const names = (ids: string[], table: Record<string, string>) => ids.map((id) => Object.keys(table).find((name) => table[name] === id)).sort();
  beforeAll(async () => {
    grid = await createTestGrid(connection.db, TEST_REGIONS.lianxi, 116.0, 29.67);
  });

  it('burst V20: close N10, N11, N22 and E; V20, H10, H11, V21 and B (450 m) are out; EF and the rest stay', async () => {
    const result = await isolateSegment(connection.db, grid.pipes.V20);
    expect(names(result.valves.map((v) => v.id), grid.nodes)).toEqual(['E', 'N10', 'N11', 'N22']);
    expect(names(result.segments.map((s) => s.id), grid.pipes)).toEqual(['B', 'H10', 'H11', 'V20', 'V21']);
    expect(result.isolatedLengthM).toBeCloseTo(450, 6);
    expect(result.burst).toEqual({ id: grid.pipes.V20, code: `${grid.codePrefix}-V20`, network: 'water' });
    // Valve positions are the stored nodes (N10 at 116.001, 29.67, −1.5 m).
    const n10 = result.valves.find((v) => v.id === grid.nodes.N10)!;
    expect(n10.position[0]).toBeCloseTo(116.001, 9);
    expect(n10.position[1]).toBeCloseTo(29.67, 9);
    expect(n10.position[2]).toBeCloseTo(-1.5, 9);
  });

  it('burst H00 goes round the west side: close N10, N11, N02; H00, V00, H01, V01 (400 m) are out', async () => {
    const result = await isolateSegment(connection.db, grid.pipes.H00);
    expect(names(result.valves.map((v) => v.id), grid.nodes)).toEqual(['N02', 'N10', 'N11']);
    expect(names(result.segments.map((s) => s.id), grid.pipes)).toEqual(['H00', 'H01', 'V00', 'V01']);
    expect(result.isolatedLengthM).toBeCloseTo(400, 6);
  });

  it('burst H12 (valve N22 at one end): close N02, N11, N22; H02, H12, V11 are out', async () => {
    // H12: N12–N22V. N12 → H02 (to N02V), V11 (to N11V). So: close N02, N11, N22; out: H02, H12, V11.
    const result = await isolateSegment(connection.db, grid.pipes.H12);
    expect(names(result.valves.map((v) => v.id), grid.nodes)).toEqual(['N02', 'N11', 'N22']);
    expect(names(result.segments.map((s) => s.id), grid.pipes)).toEqual(['H02', 'H12', 'V11']);
  });

  it('burst EF between valve E and dead end F: only EF, only E', async () => {
    const result = await isolateSegment(connection.db, grid.pipes.EF);
    expect(names(result.valves.map((v) => v.id), grid.nodes)).toEqual(['E']);
    expect(names(result.segments.map((s) => s.id), grid.pipes)).toEqual(['EF']);
    expect(result.isolatedLengthM).toBeCloseTo(50, 6);
  });

  it('stops with a clear error past maxSegments, and refuses unknown segments and drainage networks', async () => {
    await expect(isolateSegment(connection.db, grid.pipes.V20, 4)).rejects.toThrow(/more than 4 segments are reachable from TEST-.*-V20 without passing a valve/);
    await expect(isolateSegment(connection.db, grid.pipes.V20, 5)).resolves.toMatchObject({ isolatedLengthM: 450 });
    await expect(isolateSegment(connection.db, grid.pipes.V20, 0)).rejects.toThrow(/maxSegments must be 1–100000, got 0/);
    await expect(isolateSegment(connection.db, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const storm = await createTestGrid(connection.db, TEST_REGIONS.lianxi, 116.01, 29.67, 'storm');
    await expect(isolateSegment(connection.db, storm.pipes.H00)).rejects.toThrow(/storm network, which has no valves/);
  });
});

/**
 * Affected buildings on the same grid at 116.02°E (so that the footprints of this file's other grids are far):
 * metres per degree at 29.67°N are 96 755 m (longitude) and 110 880 m (latitude). Burst V20 isolates V20, H10, H11,
 * V21 and B; footprints are 10 m squares (0.0001° sides) beside V20 (lon 116.022), mid-height (lat 29.6704–29.67049):
 *   A: west side 116.02221 → 0.00021° × 96 755 = 20.3 m east of V20: within 30 m, affected;
 *   C: west side 116.02241 → 39.7 m east of V20, 44 m north of H10's line, 45 m south of B: not affected;
 *   W: 10 m west of V00 (lon 116.02, not isolated): not affected by V20, affected by H00 (V00 is isolated there);
 *   H: like A but internal to 东湖区 (南昌): the 九江 inspector does not see it.
 */
describe('isolationForSegment lists the buildings within 30 m of the isolated segments', () => {
  const lon0 = 116.02;
  const lat0 = 29.67;
  const square = (west: number, south: number) => ({
    type: 'Polygon' as const,
    coordinates: [[[west, south], [west + 0.0001, south], [west + 0.0001, south + 0.00009], [west, south + 0.00009], [west, south]]],
  });
  const building = async (name: string, regionCode: string, footprint: ReturnType<typeof square>) => {
    const { modelId } = await createTestModel(connection.db, regionCode, 'internal');
    await connection.db.execute(sql`UPDATE models SET name = ${name}, footprint = ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(footprint)}), 4326) WHERE id = ${modelId}`);
    return modelId;
  };
  let grid: TestNetworkIds;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    await ensureTestRegions(connection.db);
    grid = await createTestGrid(connection.db, TEST_REGIONS.lianxi, lon0, lat0);
    ids.A = await building('A 旁侧住宅', TEST_REGIONS.lianxi, square(lon0 + 0.00221, lat0 + 0.0004));
    ids.C = await building('C 远侧住宅', TEST_REGIONS.lianxi, square(lon0 + 0.00241, lat0 + 0.0004));
    ids.W = await building('W 西侧住宅', TEST_REGIONS.lianxi, square(lon0 - 0.0002, lat0 + 0.0004));
    ids.H = await building('H 南昌内部', TEST_REGIONS.donghu, square(lon0 + 0.00221, lat0 + 0.0003));
  });

  it('burst V20: only A (20.3 m ± 0.3 m); C at 39.7 m and W by an open segment are not; H is out of scope', async () => {
    const { actor } = await createTestAccount(connection.db, 'inspector', TEST_REGIONS.jiujiang);
    const result = await isolationForSegment(connection.db, actor, { id: grid.pipes.V20 });
    expect(result.serviceDistanceM).toBe(30);
    expect(result.affectedBuildings.map((b) => b.id)).toEqual([ids.A]);
    expect(result.affectedBuildings[0].distanceM).toBeGreaterThan(20.0);
    expect(result.affectedBuildings[0].distanceM).toBeLessThan(20.6);
    expect(result.affectedBuildings[0].name).toBe('A 旁侧住宅');
    expect(result.affectedBuildings[0].footprint.coordinates[0][0][0]).toBeCloseTo(lon0 + 0.00221, 7);
  });

  it('burst H00 (V00 isolated): W at 9.7 m; a province actor sees H too on V20', async () => {
    const { actor } = await createTestAccount(connection.db, 'inspector', TEST_REGIONS.jiujiang);
    const west = await isolationForSegment(connection.db, actor, { id: grid.pipes.H00 });
    expect(west.affectedBuildings.map((b) => b.id)).toEqual([ids.W]);
    // W's east side is lon0 − 0.0001: 0.0001° × 96 755 = 9.7 m from V00/V01 at lon0.
    expect(west.affectedBuildings[0].distanceM).toBeCloseTo(9.68, 1);
    const { actor: province } = await createTestAccount(connection.db, 'inspector', TEST_REGIONS.province);
    const all = await isolationForSegment(connection.db, province, { id: grid.pipes.V20 });
    expect(all.affectedBuildings.map((b) => b.id).sort()).toEqual([ids.A, ids.H].sort());
  });
});
