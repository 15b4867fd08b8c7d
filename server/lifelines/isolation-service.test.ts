import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { isolateSegment } from './isolation-service';
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
