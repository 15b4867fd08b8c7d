import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { isolateSegment, MAX_ISOLATION_SEGMENTS, reachedNodesSql } from './isolation-service';
import { createTestNetwork, type TestNetworkIds } from './test-fixtures';

/**
 * Adversarial review of the `lifelines` plate (城市生命线), 2026-12: applicants, other cities and anonymous callers
 * against the procedures; hostile inputs; bounded work of 关阀分析.
 * Each block names what it attacks; the tests that failed before a fix name the fix.
 */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));

/** One node of an EXPLAIN (ANALYZE, FORMAT JSON) plan. */
type PlanNode = { 'Actual Rows': number; 'Actual Loops': number; Plans?: PlanNode[] };

/**
 * The work of the 关阀分析 walk from water segment `pipeId`, from EXPLAIN ANALYZE: the rows every plan node produced
 * over all its loops (Σ rows × loops) and the nodes reached. A row count measures work independently of the
 * machine's speed and load, unlike a stopwatch (wall-clock figures belong in `npm run bench:pipes`).
 */
async function walkWork(pipeId: string, nodeLimit = MAX_ISOLATION_SEGMENTS + 2): Promise<{ rowsProcessed: number; nodes: number }> {
  const { rows } = await db.execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    sql`EXPLAIN (ANALYZE, FORMAT JSON) ${reachedNodesSql(pipeId, 'water', nodeLimit)}`,
  );
  const plan = rows[0]['QUERY PLAN'][0].Plan;
  const processed = (node: PlanNode): number => node['Actual Rows'] * node['Actual Loops'] + (node.Plans ?? []).reduce((sum, child) => sum + processed(child), 0);
  return { rowsProcessed: processed(plan), nodes: plan['Actual Rows'] };
}

/** Code of a thrown tRPC error, or 'ok'. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

let main: TestNetworkIds;
beforeAll(async () => {
  await ensureTestRegions(db);
  // One DN1000 gas main in 九江 濂溪区, far from other tests' rows (116.08°E, 29.61°N).
  main = await createTestNetwork(
    db,
    TEST_REGIONS.lianxi,
    'gas',
    [
      { name: 'A', kind: 'junction', lonDeg: 116.08, latDeg: 29.61 },
      { name: 'B', kind: 'junction', lonDeg: 116.081, latDeg: 29.61 },
    ],
    [{ name: 'P', from: 'A', to: 'B', lengthM: 97, diameterMm: 1000 }],
  );
});

describe('applicants: no network data', () => {
  // Found: the GeoJSON network layers (since replaced by the network tiles, whose route has its own applicant test in
  // network-tiles/network-tile-response.test.ts) served applicants the mains every procedure refuses them.
  it('refuses an applicant of the region lifelines.pipes.inBbox and byId; a 九江 inspector reads the pipe', async () => {
    const applicant = (await createTestAccount(db, 'applicant', TEST_REGIONS.jiujiang)).actor;
    const inspector = (await createTestAccount(db, 'inspector', TEST_REGIONS.jiujiang)).actor;
    expect(await outcome(() => callerOf(applicant).lifelines.pipes.inBbox({ bbox: [116.07, 29.6, 116.09, 29.62] }))).toBe('FORBIDDEN');
    expect(await outcome(() => callerOf(applicant).lifelines.pipes.byId({ id: main.pipes.P }))).toBe('FORBIDDEN');
    expect(await outcome(() => callerOf(inspector).lifelines.pipes.byId({ id: main.pipes.P }))).toBe('ok');
  });
});

/**
 * A valve-free chain of `segments` water pipes (tees only) eastwards from (lon, lat), 1 m apart, in 濂溪区:
 * the worst case of 关阀分析, one recursion step per segment. Returns the id of its first segment.
 */
async function createChain(segments: number, lonDeg: number, latDeg: number): Promise<string> {
  const prefix = `ATK-${Math.random().toString(36).slice(2, 10)}`;
  await db.execute(sql`
    INSERT INTO lifelines_nodes (code, network, kind, geom, depth_m, region_code)
    SELECT ${prefix} || '-N' || i, 'water', 'tee', ST_SetSRID(ST_MakePoint(${lonDeg} + i * 0.00001, ${latDeg}, -1.5), 4326), 1.5, ${TEST_REGIONS.lianxi}
      FROM generate_series(0, ${segments}) AS i`);
  await db.execute(sql`
    INSERT INTO lifelines_pipes (code, network, geom, from_node_id, to_node_id, diameter_mm, material, install_year, owner,
                                 pressure_class, cover_from_m, cover_to_m, length_m, region_code)
    SELECT ${prefix} || '-P' || i, 'water', ST_MakeLine(a.geom, b.geom), a.id, b.id, 300, 'ductile-iron', 2010, '测试', '0.4MPa', 1.35, 1.35, 1, ${TEST_REGIONS.lianxi}
      FROM generate_series(0, ${segments} - 1) AS i
      JOIN lifelines_nodes a ON a.code = ${prefix} || '-N' || i
      JOIN lifelines_nodes b ON b.code = ${prefix} || '-N' || (i + 1)`);
  const { rows } = await db.execute<{ id: string }>(sql`SELECT id FROM lifelines_pipes WHERE code = ${`${prefix}-P0`}`);
  return rows[0].id;
}

/** Bound on the rows the walk's plan produces per reached node (a node lookup and two index lookups ≈ 17). */
const ROWS_PER_NODE = 50;

describe('关阀分析 on a huge valve-free component: bounded work', () => {
  // Fixed: the walk joined the node's segments with `from = node OR to = node`, which the planner ran as a scan of
  // the whole network per step: 19 s for a chain of 5 000 segments (and ~9 s to refuse a longer one) on this 2-core
  // machine — any reader could keep a database core busy. Now two index lookups per step (isolation-service.ts).
  it('walks a chain of MAX_ISOLATION_SEGMENTS segments and refuses a longer one with a bounded number of rows per node', async () => {
    const fits = await createChain(MAX_ISOLATION_SEGMENTS, 116.1, 29.55);
    const result = await isolateSegment(db, fits);
    expect(result.segments).toHaveLength(MAX_ISOLATION_SEGMENTS);
    expect(result.valves).toEqual([]);
    expect(result.isolatedLengthM).toBe(MAX_ISOLATION_SEGMENTS);
    const tooLong = await createChain(3 * MAX_ISOLATION_SEGMENTS, 116.1, 29.56);
    await expect(isolateSegment(db, tooLong)).rejects.toThrow(/more than 5000 segments are reachable/);
    // With `from = node OR to = node` the planner materialised the network's 20 000 pipes and joined each step
    // against all of them: 20 000 rows per node (10⁸ in all). Index lookups produce a few rows per node (≈ 17).
    const fitsWork = await walkWork(fits);
    const tooLongWork = await walkWork(tooLong);
    console.log(`isolation chain: ${JSON.stringify({ fitsWork, tooLongWork })}`);
    expect(fitsWork.nodes).toBe(MAX_ISOLATION_SEGMENTS + 1);
    expect(tooLongWork.nodes).toBe(MAX_ISOLATION_SEGMENTS + 2);
    expect(fitsWork.rowsProcessed / fitsWork.nodes).toBeLessThan(ROWS_PER_NODE);
    expect(tooLongWork.rowsProcessed / tooLongWork.nodes).toBeLessThan(ROWS_PER_NODE);
  }, 60_000);
});

/** A star: `leaves` water pipes from one tee (the hub) to as many junctions, in 濂溪区. Returns the first pipe's id. */
async function createStar(leaves: number, lonDeg: number, latDeg: number): Promise<string> {
  const prefix = `ATK-${Math.random().toString(36).slice(2, 10)}`;
  await db.execute(sql`
    INSERT INTO lifelines_nodes (code, network, kind, geom, depth_m, region_code)
    SELECT ${prefix} || '-N' || i, 'water', CASE WHEN i = 0 THEN 'tee' ELSE 'junction' END,
           ST_SetSRID(ST_MakePoint(${lonDeg} + i * 0.00001, ${latDeg} + CASE WHEN i = 0 THEN 0 ELSE 0.0001 END, -1.5), 4326), 1.5, ${TEST_REGIONS.lianxi}
      FROM generate_series(0, ${leaves}) AS i`);
  await db.execute(sql`
    INSERT INTO lifelines_pipes (code, network, geom, from_node_id, to_node_id, diameter_mm, material, install_year, owner,
                                 pressure_class, cover_from_m, cover_to_m, length_m, region_code)
    SELECT ${prefix} || '-P' || i, 'water', ST_MakeLine(a.geom, b.geom), a.id, b.id, 300, 'ductile-iron', 2010, '测试', '0.4MPa', 1.35, 1.35, 1, ${TEST_REGIONS.lianxi}
      FROM generate_series(1, ${leaves}) AS i
      JOIN lifelines_nodes a ON a.code = ${prefix} || '-N0'
      JOIN lifelines_nodes b ON b.code = ${prefix} || '-N' || i`);
  const { rows } = await db.execute<{ id: string }>(sql`SELECT id FROM lifelines_pipes WHERE code = ${`${prefix}-P1`}`);
  return rows[0].id;
}

describe('关阀分析 around a node of huge degree: bounded work', () => {
  // Fixed: the walk went over (segment, node) pairs and expanded a node once per segment reaching it: 4 000 pipes
  // on one tee were 16 M rows, 5.6 s, under the segment limit. It now walks nodes, each expanded once.
  it('isolates a star of 4 000 pipes on one tee expanding the tee once (was 16 M rows, 5.6 s)', async () => {
    const first = await createStar(4000, 116.1, 29.57);
    const result = await isolateSegment(db, first);
    expect(result.segments).toHaveLength(4000);
    const work = await walkWork(first);
    console.log(`isolation star: ${JSON.stringify(work)}`);
    expect(work.nodes).toBe(4001);
    expect(work.rowsProcessed / work.nodes).toBeLessThan(ROWS_PER_NODE);
  }, 120_000);
});
