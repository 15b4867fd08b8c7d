import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { LocalObjectStore } from '@server/storage/local-store';
import { createTestGrid } from '../test-fixtures';
import { enqueueNetworkTilesBuild } from './build-network-tiles-job';
import { publishNetworkTiles } from './publish-network-tiles';
import { networkTileResponse } from './network-tile-response';

const connection = connectTestDb();
let storeDir: string;
afterAll(async () => {
  await connection.pool.end();
  if (storeDir) await rm(storeDir, { recursive: true, force: true });
});

/** Heat pipes in 东湖区 (Nanchang, city A): the demo network has no heat pipes and no other test writes them there. */
const REGION_A = TEST_REGIONS.donghu;

describe('network tiles: publish job and the scope-checked tile route', () => {
  let store: LocalObjectStore;
  let prefix: string;
  const get = (cookie: string | null, network: string, ...segments: string[]) =>
    networkTileResponse(connection.db, store, new Request(`http://localhost/tiles/lifelines/${network}/${segments.join('/')}`, { headers: cookie ? { cookie } : {} }), network, segments);

  beforeAll(async () => {
    storeDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-network-tiles-test-'));
    store = new LocalObjectStore(storeDir);
    await ensureTestRegions(connection.db);
    await createTestGrid(connection.db, REGION_A, 115.9, 28.69, 'heat');
    const queued = await enqueueNetworkTilesBuild(connection.db, { networks: ['heat'], regionPrefix: REGION_A });
    expect(queued.map((q) => `${q.network}:${q.regionCode}`)).toEqual([`heat:${REGION_A}`]);
    const output = await publishNetworkTiles(connection.db, { network: 'heat', regionCode: REGION_A }, { logger: SILENT_LOGGER, objectStore: store });
    if (output.status !== 'published') throw new Error('expected a published build');
    expect(output.pipeCount).toBe(14);
    prefix = output.prefix;
  });

  it('records the build and queues nothing more while the tiles are current', async () => {
    const { rows } = await connection.db.execute<{ prefix: string; pipe_count: number; tile_count: number }>(sql`
      SELECT prefix, pipe_count, tile_count FROM lifelines_network_tilesets WHERE network = 'heat' AND region_code = ${REGION_A}`);
    expect(rows).toEqual([{ prefix, pipe_count: 14, tile_count: 1 }]);
    expect(prefix).toMatch(new RegExp(`^lifelines/networks/heat/${REGION_A}/\\d{8}T\\d{9}Z-[0-9a-f]{12}$`));
    expect(await enqueueNetworkTilesBuild(connection.db, { networks: ['heat'], regionPrefix: REGION_A })).toEqual([]);
  });

  it('a city-A inspector gets the composed root and the files of the version, with cache headers', async () => {
    const { cookie } = await signedInCookie(connection.db, 'inspector', TEST_REGIONS.nanchang);
    const root = await get(cookie, 'heat', 'tileset.json');
    expect(root.status).toBe(200);
    expect(root.headers.get('cache-control')).toBe('private, no-cache');
    expect(root.headers.get('vary')).toBe('Cookie');
    const json = (await root.json()) as { root: { refine: string; children: { content: { uri: string }; boundingVolume: { region: number[] } }[] } };
    const publishId = prefix.slice(prefix.lastIndexOf('/') + 1);
    const mine = json.root.children.find((c) => c.content.uri.startsWith(`${REGION_A}/`));
    expect(mine?.content.uri).toBe(`${REGION_A}/${publishId}/tileset.json`);
    // The grid spans 115.9–115.903 E, 28.69–28.6918 N: inside the child's region (radians).
    const [w, s, e, n] = mine!.boundingVolume.region.map((r) => (r * 180) / Math.PI);
    expect(w).toBeLessThan(115.9);
    expect(e).toBeGreaterThan(115.903);
    expect(s).toBeLessThan(28.69);
    expect(n).toBeGreaterThan(28.6918);
    const tileset = await get(cookie, 'heat', REGION_A, publishId, 'tileset.json');
    expect(tileset.status).toBe(200);
    expect(tileset.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const inner = (await tileset.json()) as { root: { content: { uri: string } } };
    const glb = await get(cookie, 'heat', REGION_A, publishId, ...inner.root.content.uri.split('/'));
    expect(glb.status).toBe(200);
    expect(new TextDecoder().decode((await glb.arrayBuffer()).slice(0, 4))).toBe('glTF');
  });

  it('a city-B (Jiujiang) inspector, an applicant of city A and anonymous callers get 404 on city-A files', async () => {
    const publishId = prefix.slice(prefix.lastIndexOf('/') + 1);
    const { cookie: cityB } = await signedInCookie(connection.db, 'inspector', TEST_REGIONS.jiujiang);
    const { cookie: applicant } = await signedInCookie(connection.db, 'applicant', TEST_REGIONS.nanchang);
    for (const cookie of [cityB, applicant, null]) {
      expect((await get(cookie, 'heat', REGION_A, publishId, 'tileset.json')).status).toBe(404);
    }
    // City B's root lists no city-A build; applicants and anonymous callers get an empty root.
    const rootB = (await (await get(cityB, 'heat', 'tileset.json')).json()) as { root: { children?: { content: { uri: string } }[] } };
    expect((rootB.root.children ?? []).some((c) => c.content.uri.startsWith('3601'))).toBe(false);
    for (const cookie of [applicant, null]) {
      const empty = await get(cookie, 'heat', 'tileset.json');
      expect(empty.status).toBe(200);
      expect(((await empty.json()) as { root: { children?: unknown[] } }).root.children).toBeUndefined();
    }
  });

  it('refuses unknown networks and paths outside a version (404)', async () => {
    const { cookie } = await signedInCookie(connection.db, 'admin', TEST_REGIONS.province);
    const publishId = prefix.slice(prefix.lastIndexOf('/') + 1);
    expect((await get(cookie, 'oil', 'tileset.json')).status).toBe(404);
    expect((await get(cookie, 'heat', REGION_A, publishId, '..', 'x.glb')).status).toBe(404);
    expect((await get(cookie, 'heat', REGION_A, publishId, 'publish-manifest.json')).status).toBe(404);
    expect((await get(cookie, 'heat', REGION_A, '20260101T000000000Z-000000000000', 'tileset.json')).status).toBe(404);
  });
});
