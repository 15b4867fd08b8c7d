import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDb } from '@server/db/test-database';
import { env } from '@server/env';
import { SILENT_LOGGER } from '@kernel/logger';
import { buildNetworkTiles } from './network-tiles/build-network-tiles';
import { isolateSegment } from './isolation-service';
import { ROAD_NETWORK_FILE, seedDemoNetwork, type SeedNetworkResult } from './seed-network';

const hasData = existsSync(path.join(env.SHARED_DATA_DIR, ROAD_NETWORK_FILE));
const connection = connectTestDb();
afterAll(() => connection.pool.end());
const q = async <T,>(text: string, values: unknown[] = []) => (await connection.pool.query(text, values)).rows as T[];

describe.skipIf(!hasData)('seedDemoNetwork on the CityBrain roads (needs ../shared/data/geo)', () => {
  let first: SeedNetworkResult;
  let firstMs: number;
  beforeAll(async () => {
    const started = performance.now();
    first = await seedDemoNetwork(connection.db, env.SHARED_DATA_DIR);
    firstMs = performance.now() - started;
  }, 60_000);

  it('lays ≥ 500 km of pipe in four networks, and a second run changes nothing (its time: npm run bench:pipes)', async () => {
    console.info(`seed-network: ${JSON.stringify(first)} in ${Math.round(firstMs)} ms`);
    const rows = await q<{ network: string; km: number; n: number }>(
      `SELECT network, sum(length_m) / 1000 AS km, count(*)::int AS n FROM lifelines_pipes WHERE is_demo GROUP BY network ORDER BY network`,
    );
    expect(rows.map((r) => r.network)).toEqual(['gas', 'sewage', 'storm', 'water']);
    const total = rows.reduce((sum, r) => sum + r.km, 0);
    expect(total).toBeGreaterThan(500);
    // Each network follows all 1,302 km of road (plus corner pieces), so each is 1.30–1.40 × 10³ km.
    for (const r of rows) expect(r.km).toBeGreaterThan(1300), expect(r.km).toBeLessThan(1400);
    // The stored length agrees with the geometry (geography length, 2D) within 0.5 %.
    const [check] = await q<{ worst: number }>(`SELECT max(abs(ST_Length(geom::geography) / length_m - 1)) AS worst FROM lifelines_pipes WHERE is_demo`);
    expect(check.worst).toBeLessThan(0.005);
    const started = performance.now();
    const again = await seedDemoNetwork(connection.db, env.SHARED_DATA_DIR);
    console.info(`seed-network: second run ${again.action} in ${Math.round(performance.now() - started)} ms`);
    expect(again).toMatchObject({ action: 'skipped', pipes: first.pipes, nodes: first.nodes });
  }, 60_000);

  it('keeps the topology exact: each segment starts and ends on its nodes (< 1 cm), at its depth, same network', async () => {
    const [r] = await q<{ bad: number; badDepth: number; wrongNetwork: number; valves: number }>(`
      SELECT count(*) FILTER (WHERE ST_Distance(ST_StartPoint(p.geom)::geography, f.geom::geography) > 0.01
                              OR ST_Distance(ST_EndPoint(p.geom)::geography, t.geom::geography) > 0.01)::int AS bad,
             count(*) FILTER (WHERE abs(ST_Z(ST_StartPoint(p.geom)) + p.cover_from_m + p.diameter_mm / 2000.0) > 0.002)::int AS "badDepth",
             count(*) FILTER (WHERE f.network <> p.network OR t.network <> p.network)::int AS "wrongNetwork",
             (SELECT count(*)::int FROM lifelines_nodes WHERE is_demo AND network = 'water' AND kind = 'valve') AS valves
        FROM lifelines_pipes p JOIN lifelines_nodes f ON f.id = p.from_node_id JOIN lifelines_nodes t ON t.id = p.to_node_id
       WHERE p.is_demo`);
    expect(r).toEqual({ bad: 0, badDepth: 0, wrongNetwork: 0, valves: expect.any(Number) });
    expect(r.valves).toBeGreaterThan(500);
    // Water at 1.2 m cover: a DN400 main's axis is at −1.4 m; sewage at 2.5 m cover starts deeper than storm's 1.8 m.
    const [depths] = await q<{ water: number; sewage: number }>(`
      SELECT (SELECT ST_Z(ST_StartPoint(geom)) FROM lifelines_pipes WHERE is_demo AND network = 'water' AND diameter_mm = 400 LIMIT 1) AS water,
             (SELECT min(cover_from_m) FROM lifelines_pipes WHERE is_demo AND network = 'sewage') AS sewage`);
    expect(depths.water).toBeCloseTo(-1.4, 3);
    expect(depths.sewage).toBeGreaterThanOrEqual(2.5);
  });

  it('isolates a demo water segment: a finite set, every valve on the boundary', async () => {
    const pipes = await q<{ id: string }>(`SELECT id FROM lifelines_pipes WHERE is_demo AND network = 'water' ORDER BY code LIMIT 40`);
    let slowestMs = 0;
    for (const { id } of pipes) {
      const started = performance.now();
      const result = await isolateSegment(connection.db, id);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      expect(result.segments.length).toBeGreaterThan(0);
      expect(result.segments.map((s) => s.id)).toContain(id);
      const isolated = new Set(result.segments.map((s) => s.id));
      // Every valve returned touches an isolated segment, and none is in the middle of the isolated area: each valve
      // also touches at least one pipe that stays in service (or it is a dead end), and no non-valve node on the
      // boundary connects an isolated segment to a live one.
      for (const valve of result.valves) {
        const touching = await q<{ id: string }>(`SELECT id FROM lifelines_pipes WHERE from_node_id = $1 OR to_node_id = $1`, [valve.id]);
        expect(touching.some((t) => isolated.has(t.id))).toBe(true);
      }
      const [leak] = await q<{ n: number }>(`
        SELECT count(*)::int AS n FROM lifelines_pipes p JOIN lifelines_pipes o ON o.id <> p.id
           AND (o.from_node_id IN (p.from_node_id, p.to_node_id) OR o.to_node_id IN (p.from_node_id, p.to_node_id))
          JOIN lifelines_nodes n ON n.id IN (p.from_node_id, p.to_node_id) AND n.id IN (o.from_node_id, o.to_node_id)
         WHERE p.id = ANY($1::uuid[]) AND NOT (o.id = ANY($1::uuid[])) AND n.kind <> 'valve'`, [[...isolated]]);
      expect(leak.n).toBe(0);
      expect(result.isolatedLengthM).toBeCloseTo(result.segments.reduce((sum, s) => sum + s.lengthM, 0), 3);
    }
    console.info(`seed-network: slowest isolation of 40 demo water segments ${slowestMs.toFixed(1)} ms`);
  }, 60_000);

  it('builds the demo water tiles of the busiest region: all its pipes, no GLB over 1 MB, mains in the root', async () => {
    const [busiest] = await q<{ region_code: string; n: number }>(
      `SELECT region_code, count(*)::int AS n FROM lifelines_pipes WHERE is_demo AND network = 'water' GROUP BY region_code ORDER BY n DESC LIMIT 1`,
    );
    const files = new Map<string, Uint8Array>();
    const started = performance.now();
    const result = await buildNetworkTiles(connection.db, { network: 'water', regionCode: busiest.region_code }, {}, {
      logger: SILENT_LOGGER,
      writeFile: async (relPath, bytes) => void files.set(relPath, bytes),
    });
    console.info(`seed-network: water tiles of ${busiest.region_code}: ${JSON.stringify({ ...result, ms: Math.round(performance.now() - started) })}`);
    expect(result!.pipeCount).toBe(busiest.n);
    expect(result!.tileCount).toBeGreaterThan(1);
    for (const [name, bytes] of files) if (name.endsWith('.glb')) expect(bytes.byteLength).toBeLessThan(1_000_000);
    const tileset = JSON.parse(new TextDecoder().decode(files.get('tileset.json')!)) as { root: { content?: { uri: string }; geometricError: number } };
    expect(tileset.root.content?.uri).toBe('tiles/0-0-0.glb');
    expect(tileset.root.geometricError).toBeGreaterThan(0);
  });
});
