import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VILLAGES_LAYERS } from '@data/villages/layers';
import { SILENT_LOGGER } from '@kernel/logger';
import { connectTestDb } from '@server/db/test-database';
import { geoLayerResponse } from '@server/host/geo-layer-response';
import { seedLayers } from '@server/host/seed-layers';
import { SERVER_PLATES } from '@server/plates';
import { markVillagesLayersChanged } from './geo-layer-sources';
import { upsertPublishedTestVillage, testPublicVillage } from './test-fixtures';

/** The villages GeoJSON sources through the host's `/api/geo/<id>` handler: published documents only, refreshed on publish. */

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());

const PUBLISHED = '360402100031';
const DRAFT = '360402100032';
const POI = '00000000-0000-4000-8000-000000000031';

interface Feature {
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

async function features(layerId: string): Promise<Feature[]> {
  const deps = { getDb: () => db, logger: SILENT_LOGGER, plates: SERVER_PLATES };
  const response = await geoLayerResponse(deps, new Request(`http://localhost/api/geo/${layerId}`), layerId);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toMatch(/^public/);
  return ((await response.json()) as { features: Feature[] }).features;
}

describe('villages GeoJSON sources', () => {
  let villageId: string;
  beforeAll(async () => {
    await seedLayers(db, VILLAGES_LAYERS);
    const doc = testPublicVillage(PUBLISHED, '发布村', [116.03, 29.68], {
      isPositionVerified: false,
      boundary: { type: 'Polygon', coordinates: [[[116.02, 29.67], [116.04, 29.67], [116.04, 29.69], [116.02, 29.67]]] },
      cover: {
        id: '00000000-0000-4000-8000-000000000032', kind: 'photo', altZh: '村景', altEn: null, captionZh: '', captionEn: null, credit: '', width: 1600, height: 900, isGenerated: true, buildingId: null,
        variants: [
          { url: '/media/villages/a/1600.avif', format: 'avif', width: 1600, height: 900 },
          { url: '/media/villages/a/640.webp', format: 'webp', width: 640, height: 360 },
          { url: '/media/villages/a/320.avif', format: 'avif', width: 320, height: 180 },
          { url: '/media/villages/a/320.jpeg', format: 'jpeg', width: 320, height: 180 },
        ],
      },
      pois: [{ id: POI, kind: 'well', nameZh: '古井', nameEn: 'Old well', descriptionZh: '明代古井', descriptionEn: null, position: [116.031, 29.681] }],
    });
    villageId = await upsertPublishedTestVillage(db, PUBLISHED, '360402', [116.03, 29.68], doc, '发布村');
    // Working rows only: never on the map.
    await upsertPublishedTestVillage(db, DRAFT, '360402', [116.05, 29.68], null, '草稿村');
  });

  it('villages-points: published villages only, with the public properties and the cover thumbnail', async () => {
    const list = await features('villages-points');
    expect(list.some((f) => f.id === DRAFT)).toBe(false);
    const mine = list.find((f) => f.id === PUBLISHED)!;
    expect(mine.geometry).toEqual({ type: 'Point', coordinates: [116.03, 29.68] });
    expect(mine.properties).toEqual({
      code: PUBLISHED, name: '发布村', nameEn: null, county: '测试县', isPositionVerified: false, positionState: 'unverified', nationalBatch: 3, coverUrl: '/media/villages/a/320.jpeg', isDemo: false,
    });
  });

  it('villages-boundaries and villages-pois: from the published document', async () => {
    const boundary = (await features('villages-boundaries')).find((f) => f.id === PUBLISHED)!;
    expect(boundary.geometry.type).toBe('Polygon');
    const poi = (await features('villages-pois')).find((f) => f.id === POI)!;
    expect(poi.properties).toMatchObject({ villageCode: PUBLISHED, villageName: '发布村', kind: 'well', name: '古井', nameEn: 'Old well', description: '明代古井' });
  });

  it('a publish that marks the layers changed shows at the next request (the public cache is per catalogue version)', async () => {
    expect((await features('villages-points')).find((f) => f.id === PUBLISHED)?.properties.name).toBe('发布村');
    await db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE villages_villages SET published = jsonb_set(published, '{nameZh}', '"改名村"') WHERE id = ${villageId}`);
      expect(await markVillagesLayersChanged(tx)).toBe(VILLAGES_LAYERS.length);
    });
    expect((await features('villages-points')).find((f) => f.id === PUBLISHED)?.properties.name).toBe('改名村');
  });
});
