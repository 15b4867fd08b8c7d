import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createDb, type DbConnection } from '@server/db/client';
import { villagesSections, villagesVillages } from '@server/db/schema/villages';
import { connectTestDb, testDatabaseUrl } from '@server/db/test-database';
import { geoLayerResponse } from '@server/host/geo-layer-response';
import { seedLayers } from '@server/host/seed-layers';
import { SERVER_PLATES } from '@server/plates';
import { LocalObjectStore } from '@server/storage/local-store';
import { VILLAGES_LAYER_IDS } from '@data/villages/layers';
import { jiangxiMap } from './jiangxi-map';
import { storeGeneratedMedia } from './media/demo-imagery';
import { mediaResponse } from './media/media-response';
import { listPublicVillages } from './public-list';
import { publicVillageByCode, publishVillage } from './public-village';
import { publishedVillageCodes } from './published-codes';
import { composedSceneTileset, sceneTileResponse } from './scene-tiles/scene-tile-response';
import { searchVillages } from './search-villages';
import { createDraftTestVillage, testJpeg } from './test-fixtures';

/**
 * What anonymous readers of the village museum can reach, proven with the database's own privileges: every anonymous
 * code path of the plate (tRPC `villages.public.*` and `villages.scene.*`, the header search, the GeoJSON layers,
 * the scene tiles, the media route, and what the pages and the sitemap call) runs here as a PostgreSQL role that
 * may read ONLY the columns `id, code, region_code, published, published_at` of `villages_villages`, the media rows,
 * the scene tilesets, the shared `regions` and the layer catalogue. A path that touched another plate's tables
 * (submissions, pipes, sensors, accounts) or a village's working rows (drafts: sections, buildings, POIs, tours, the
 * editable columns) would fail with "permission denied" — so none does. On top, marker strings planted in a draft
 * edit, an unpublished village and an account never appear in any answer.
 */

const PROBE_ROLE = 'gantwin_villages_probe';
const PROBE_PASSWORD = 'villages-probe';
const connection = connectTestDb();
const db = connection.db;
let probe: DbConnection;
let storeDir: string;
let store: LocalObjectStore;
let publishedCode: string;
let draftCode: string;
let mediaUrl: string;

/** The same URL as `url` for another role. */
function asRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}

beforeAll(async () => {
  await ensureTestRegions(db);
  await seedLayers(db, SERVER_PLATES.flatMap((plate) => plate.layers ?? []));
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'villages-exposure-'));
  store = new LocalObjectStore(storeDir);

  const curator: Actor = (await createTestAccount(db, 'officer', TEST_REGIONS.lianxi, 'ACCOUNT-MARKER')).actor;
  const published = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: '公开村' });
  await db.insert(villagesSections).values({ villageId: published.id, kind: 'overview', bodyZh: '已发布的概况' });
  const { media } = await storeGeneratedMedia(db, { villageId: published.id, kind: 'photo', altZh: '测试照片', altEn: null, bytes: await testJpeg(960, 640, 7), sortOrder: 0 }, store);
  await db.update(villagesVillages).set({ coverMediaId: media.id }).where(eq(villagesVillages.id, published.id));
  await publishVillage(db, curator, { code: published.code });
  // After publishing: a draft edit, an unpublished village and its own image.
  await db.update(villagesSections).set({ bodyZh: 'DRAFT-MARKER 草稿' }).where(eq(villagesSections.villageId, published.id));
  await db.update(villagesVillages).set({ summaryZh: 'DRAFT-MARKER', hasDraftChanges: true }).where(eq(villagesVillages.id, published.id));
  const draft = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { nameZh: 'UNPUB-MARKER村' });
  await storeGeneratedMedia(db, { villageId: draft.id, kind: 'photo', altZh: 'UNPUB-MARKER 照片', altEn: null, bytes: await testJpeg(960, 640, 8), sortOrder: 0 }, store);
  publishedCode = published.code;
  draftCode = draft.code;
  mediaUrl = (await publicVillageByCode(db, publishedCode))!.cover!.variants[0]!.url;

  // The probe role: read access to the public columns and shared reference data only.
  const admin = new pg.Client({ connectionString: testDatabaseUrl('owner') });
  await admin.connect();
  try {
    const database = (await admin.query<{ name: string }>('SELECT current_database() AS name')).rows[0]!.name;
    const adminRoot = new pg.Client({ connectionString: inject('databaseAdminUrl') });
    await adminRoot.connect();
    try {
      const exists = (await adminRoot.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [PROBE_ROLE])).rowCount;
      await adminRoot.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${PROBE_ROLE} LOGIN PASSWORD '${PROBE_PASSWORD}'`);
      await adminRoot.query(`GRANT CONNECT ON DATABASE "${database}" TO ${PROBE_ROLE}`);
    } finally {
      await adminRoot.end();
    }
    await admin.query(`GRANT USAGE ON SCHEMA public TO ${PROBE_ROLE}`);
    await admin.query(`GRANT SELECT (id, code, region_code, published, published_at) ON villages_villages TO ${PROBE_ROLE}`);
    await admin.query(`GRANT SELECT ON villages_media, villages_scene_tilesets, regions, layers TO ${PROBE_ROLE}`);
  } finally {
    await admin.end();
  }
  probe = createDb(asRole(testDatabaseUrl(), PROBE_ROLE, PROBE_PASSWORD), 2);
}, 120_000);

afterAll(async () => {
  await probe?.pool.end();
  await connection.pool.end();
  await rm(storeDir, { recursive: true, force: true });
});

/** Fails when any marker planted in non-public data shows up in `text`. */
function expectNoMarker(text: string): void {
  expect(text).not.toMatch(/DRAFT-MARKER|UNPUB-MARKER|ACCOUNT-MARKER/);
}

describe('the anonymous surface of the villages plate reads only published columns', () => {
  it('cannot read working rows or other plates at all (the probe role is really restricted)', async () => {
    for (const table of ['villages_sections', 'villages_buildings', 'villages_tours', 'accounts_users', 'review_submissions', 'lifelines_pipes', 'sensors_devices']) {
      await expect(probe.pool.query(`SELECT 1 FROM ${table} LIMIT 1`), table).rejects.toThrow(/permission denied/);
    }
    await expect(probe.pool.query('SELECT summary_zh FROM villages_villages LIMIT 1')).rejects.toThrow(/permission denied/);
  });

  it('tRPC public and scene procedures and the header search answer from published documents only', async () => {
    const anonymous = createCaller(createTrpcContext(probe.db, null));
    const list = await anonymous.villages.public.list({ countyCode: TEST_REGIONS.lianxi, limit: 100 });
    expect(list.items.map((item) => item.code)).toContain(publishedCode);
    expect(list.items.map((item) => item.code)).not.toContain(draftCode);
    const village = await anonymous.villages.public.byCode({ code: publishedCode });
    expect(village.sections).toEqual([{ kind: 'overview', bodyZh: '已发布的概况', bodyEn: null }]);
    await expect(anonymous.villages.public.byCode({ code: draftCode })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const scene = await anonymous.villages.scene.byCode({ code: publishedCode });
    await expect(anonymous.villages.scene.byCode({ code: draftCode })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const found = await probe.db.transaction((tx) => searchVillages(tx, null, 'MARKER', 20, Date.now() + 1500));
    expect(found).toEqual([]);
    for (const answer of [list, village, scene, await listPublicVillages(probe.db, { q: 'UNPUB', limit: 100, offset: 0 })]) expectNoMarker(JSON.stringify(answer));
  });

  it('GeoJSON layers, scene tiles, media, map and sitemap answer from published documents only', async () => {
    const deps = { getDb: () => probe.db, logger: SILENT_LOGGER, plates: SERVER_PLATES, actorOf: async () => null };
    for (const layerId of [VILLAGES_LAYER_IDS.points, VILLAGES_LAYER_IDS.boundaries, VILLAGES_LAYER_IDS.pois]) {
      const response = await geoLayerResponse(deps, new Request(`http://localhost/api/geo/${layerId}`), layerId);
      expect(response.status, layerId).toBe(200);
      const body = await response.text();
      expectNoMarker(body);
      if (layerId === VILLAGES_LAYER_IDS.points) {
        expect(body).toContain(publishedCode);
        expect(body).not.toContain(draftCode);
      }
    }
    expectNoMarker(JSON.stringify(await composedSceneTileset(probe.db)));
    const tileset = await sceneTileResponse(probe.db, store, new Request('http://localhost/tiles/villages/tileset.json'), ['tileset.json']);
    expect(tileset.status).toBe(200);
    const draftTiles = await sceneTileResponse(probe.db, store, new Request(`http://localhost/tiles/villages/${draftCode}/x/tileset.json`), [draftCode, 'x', 'tileset.json']);
    expect(draftTiles.status).toBe(404);

    const mediaDeps = { getDb: () => probe.db, getStore: () => store, logger: SILENT_LOGGER };
    const segments = mediaUrl.replace(/^\/media\/villages\//, '').split('/');
    const image = await mediaResponse(mediaDeps, new Request(`http://localhost${mediaUrl}`), segments);
    expect(image.status).toBe(200);
    expect(image.headers.get('cache-control')).toContain('public');
    const [draftMedia] = (await db.execute<{ key: string }>(sql`SELECT m.variants->0->>'key' AS key FROM villages_media m JOIN villages_villages v ON v.id = m.village_id WHERE v.code = ${draftCode}`)).rows;
    const draftImage = await mediaResponse(mediaDeps, new Request(`http://localhost/media/${draftMedia!.key}`), draftMedia!.key.replace(/^villages\//, '').split('/'));
    expect(draftImage.status).toBe(404);

    const codes = await publishedVillageCodes(probe.db);
    expect(codes.map((row) => row.code)).toContain(publishedCode);
    expect(codes.map((row) => row.code)).not.toContain(draftCode);
    const map = await jiangxiMap(probe.db);
    expect(map.counties.length).toBeGreaterThan(0);
  });
});
