import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { connectTestDb } from '@server/db/test-database';
import { LocalObjectStore } from '@server/storage/local-store';
import { upsertPublishedTestVillage, rectangleFootprint, testBuilding, testPublicVillage } from '../test-fixtures';
import { enqueueSceneTilesBuild } from './build-scene-tiles-job';
import { publishSceneTiles } from './publish-scene-tiles';
import { sceneTileResponse } from './scene-tile-response';

const connection = connectTestDb();
const db = connection.db;
let storeDir: string;
afterAll(async () => {
  await connection.pool.end();
  if (storeDir) await rm(storeDir, { recursive: true, force: true });
});

const PUBLISHED = '360402100011';
const NEVER_PUBLISHED = '360402100012';
const LON = 116.01;
const LAT = 29.66;
const B1 = '00000000-0000-4000-8000-000000000011';
const B2 = '00000000-0000-4000-8000-000000000012';

describe('scene tiles: publish job, atomic replacement and the public tile route', () => {
  let store: LocalObjectStore;
  let villageId: string;
  let hiddenId: string;
  let firstPrefix: string;
  const get = (...segments: string[]) => sceneTileResponse(db, store, new Request(`http://localhost/tiles/villages/${segments.join('/')}`), segments);
  const publishIdOf = (prefix: string) => prefix.slice(prefix.lastIndexOf('/') + 1);
  const publish = (id: string) => publishSceneTiles(db, { villageId: id }, { logger: SILENT_LOGGER, objectStore: store });

  beforeAll(async () => {
    storeDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-scene-tiles-test-'));
    store = new LocalObjectStore(storeDir);
    const doc = testPublicVillage(PUBLISHED, '公开村', [LON, LAT], { buildings: [testBuilding(B1, '祠堂', rectangleFootprint(LON, LAT, 12, 8), 7)] });
    villageId = await upsertPublishedTestVillage(db, PUBLISHED, '360402', [LON, LAT], doc, '公开村');
    // A village with working rows but never published: it must never reach the route.
    hiddenId = await upsertPublishedTestVillage(db, NEVER_PUBLISHED, '360402', [LON + 0.01, LAT], null, '草稿村');
  });

  it('queues the build in the caller’s transaction (rolled back with it)', async () => {
    const count = async () => Number((await db.execute<{ n: string }>(sql`SELECT count(*)::text AS n FROM pgboss.job WHERE name = 'villages.build-scene-tiles' AND data->>'villageId' = ${villageId}`)).rows[0].n);
    const before = await count();
    await db.transaction(async (tx) => {
      const jobId = await enqueueSceneTilesBuild(tx, villageId);
      expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    });
    expect(await count()).toBe(before + 1);
    await db
      .transaction(async (tx) => {
        await enqueueSceneTilesBuild(tx, villageId);
        throw new Error('publish failed');
      })
      .catch(() => undefined);
    expect(await count()).toBe(before + 1);
    await expect(enqueueSceneTilesBuild(db, 'not-a-uuid')).rejects.toThrow(/villageId: must be a UUID/);
  });

  it('publishes a version and records it; a never-published village gets no row', async () => {
    const output = await publish(villageId);
    if (output.status !== 'published') throw new Error(`expected published, got ${output.status}`);
    expect(output).toMatchObject({ buildingCount: 1, triangleCount: 14, skipped: [] });
    expect(output.prefix).toMatch(new RegExp(`^villages/scenes/${PUBLISHED}/\\d{8}T\\d{9}Z-[0-9a-f]{12}$`));
    firstPrefix = output.prefix;
    const { rows } = await db.execute<{ prefix: string; building_count: number; bounding_region: number[] }>(sql`
      SELECT prefix, building_count, bounding_region FROM villages_scene_tilesets WHERE village_id = ${villageId}`);
    expect(rows[0]).toMatchObject({ prefix: firstPrefix, building_count: 1 });
    expect((rows[0].bounding_region[0] * 180) / Math.PI).toBeCloseTo(LON, 4);
    expect(await publish(hiddenId)).toMatchObject({ status: 'unpublished' });
    await expect(publish('00000000-0000-4000-8000-00000000ffff')).rejects.toThrow(/no village/);
  });

  it('serves anonymously the composed root of published villages only, and the files of the current version', async () => {
    const root = await get('tileset.json');
    expect(root.status).toBe(200);
    expect(root.headers.get('cache-control')).toBe('public, max-age=60');
    const json = (await root.json()) as { root: { refine: string; children: { content: { uri: string }; geometricError: number }[] } };
    expect(json.root.refine).toBe('ADD');
    const uris = json.root.children.map((c) => c.content.uri);
    expect(uris).toContain(`${PUBLISHED}/${publishIdOf(firstPrefix)}/tileset.json`);
    expect(uris.some((uri) => uri.startsWith(NEVER_PUBLISHED))).toBe(false);
    const child = await get(PUBLISHED, publishIdOf(firstPrefix), 'tileset.json');
    expect(child.status).toBe(200);
    expect(child.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const glb = await get(PUBLISHED, publishIdOf(firstPrefix), 'buildings.glb');
    expect(glb.status).toBe(200);
    expect(new TextDecoder().decode(new Uint8Array(await glb.arrayBuffer()).slice(0, 4))).toBe('glTF');
    // Hostile or unknown paths: 404, never a stack.
    for (const segments of [[PUBLISHED, publishIdOf(firstPrefix), '..', 'x'], [PUBLISHED, '../../etc', 'tileset.json'], ['x'], [NEVER_PUBLISHED, publishIdOf(firstPrefix), 'tileset.json'], [PUBLISHED, publishIdOf(firstPrefix), 'other.glb']]) {
      expect((await get(...segments)).status).toBe(404);
    }
  });

  it('a second build replaces the first atomically: the row moves to the new version, the old one answers 404', async () => {
    const doc = testPublicVillage(PUBLISHED, '公开村', [LON, LAT], {
      buildings: [testBuilding(B1, '祠堂', rectangleFootprint(LON, LAT, 12, 8), 7), testBuilding(B2, '民居', rectangleFootprint(LON + 0.0003, LAT, 10, 10), null)],
    });
    await db.execute(sql`UPDATE villages_villages SET published = ${JSON.stringify(doc)}::jsonb WHERE id = ${villageId}`);
    const second = await publish(villageId);
    if (second.status !== 'published') throw new Error('expected published');
    expect(second.buildingCount).toBe(2);
    expect(second.prefix).not.toBe(firstPrefix);
    const { rows } = await db.execute<{ prefix: string; building_count: number }>(sql`SELECT prefix, building_count FROM villages_scene_tilesets WHERE village_id = ${villageId}`);
    expect(rows).toEqual([{ prefix: second.prefix, building_count: 2 }]);
    // Both versions are complete in the store (readers holding the old root finish their loads from storage) …
    expect(await store.head(`${firstPrefix}/buildings.glb`)).not.toBeNull();
    expect(await store.head(`${second.prefix}/buildings.glb`)).not.toBeNull();
    // … but the route serves only the current one.
    expect((await get(PUBLISHED, publishIdOf(firstPrefix), 'tileset.json')).status).toBe(404);
    expect((await get(PUBLISHED, publishIdOf(second.prefix), 'tileset.json')).status).toBe(200);
  });

  it('unpublishing removes the village from the root and its files from the route', async () => {
    const before = (await db.execute<{ prefix: string }>(sql`SELECT prefix FROM villages_scene_tilesets WHERE village_id = ${villageId}`)).rows[0].prefix;
    await db.execute(sql`UPDATE villages_villages SET published = NULL WHERE id = ${villageId}`);
    // Even before the rebuild job runs, the route checks `published`.
    expect((await get(PUBLISHED, publishIdOf(before), 'buildings.glb')).status).toBe(404);
    const root = (await (await get('tileset.json')).json()) as { root: { children?: { content: { uri: string } }[] } };
    expect((root.root.children ?? []).some((c) => c.content.uri.startsWith(PUBLISHED))).toBe(false);
    expect(await publish(villageId)).toMatchObject({ status: 'unpublished' });
    expect((await db.execute(sql`SELECT 1 FROM villages_scene_tilesets WHERE village_id = ${villageId}`)).rows).toEqual([]);
  });
});
