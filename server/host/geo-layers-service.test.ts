import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDb } from '@server/db/test-database';
import { env } from '@server/env';
import { InputError, NotFoundError } from '@kernel/errors';
import { SILENT_LOGGER } from '@kernel/logger';
import { SERVER_PLATES } from '@server/plates';
import { geoLayerGeoJson as geoLayerOfPlates } from './geo-layers-service';
import { seedPlates } from './seed-plates';

const geoLayerGeoJson = (db: Parameters<typeof geoLayerOfPlates>[0], actor: null, input: { layerId: string }) => geoLayerOfPlates(db, actor, SERVER_PLATES, input);

const hasData = existsSync(path.join(env.SHARED_DATA_DIR, 'geo/jiangxi_prefectures.geojson'));
const connection = connectTestDb();
afterAll(() => connection.pool.end());

interface Collection {
  type: string;
  features: { id: string; geometry: { type: string; coordinates: unknown[] }; properties: Record<string, unknown> }[];
}

describe.skipIf(!hasData)('geoLayerGeoJson (needs ../shared/data/geo)', () => {
  beforeAll(async () => {
    await seedPlates(connection.db, SERVER_PLATES, { logger: SILENT_LOGGER, sharedDataDir: env.SHARED_DATA_DIR });
  });

  it('serves the 11 city boundaries as WGS84 MultiPolygons with small properties, under 400 kB', async () => {
    const body = await geoLayerGeoJson(connection.db, null, { layerId: 'regions-city' });
    const collection = JSON.parse(body) as Collection;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => f.id)).toHaveLength(11);
    const nanchang = collection.features.find((f) => f.id === '360100');
    expect(nanchang?.geometry.type).toBe('MultiPolygon');
    expect(nanchang?.properties).toMatchObject({ code: '360100', name: '南昌市', level: 'city', parentCode: '360000' });
    expect(Buffer.byteLength(body)).toBeLessThan(400_000);
  });

  it('serves the 11 city label points (points kind) with name and code', async () => {
    const names = JSON.parse(await geoLayerGeoJson(connection.db, null, { layerId: 'regions-city-names' })) as Collection;
    expect(names.features).toHaveLength(11);
    const nanchang = names.features.find((f) => f.id === '360100');
    expect(nanchang?.geometry.type).toBe('Point');
    expect(nanchang?.properties).toEqual({ code: '360100', name: '南昌市', level: 'city' });
    const [lon, lat] = nanchang?.geometry.coordinates as number[];
    expect(Math.abs(lon - 115.86)).toBeLessThan(0.2);
    expect(Math.abs(lat - 28.68)).toBeLessThan(0.2);
  });

  it('serves 100 counties and 3,041 road segments inside the Nanchang bbox', async () => {
    const counties = JSON.parse(await geoLayerGeoJson(connection.db, null, { layerId: 'regions-county' })) as Collection;
    expect(counties.features).toHaveLength(100);
    const roads = JSON.parse(await geoLayerGeoJson(connection.db, null, { layerId: 'nanchang-roads' })) as Collection;
    expect(roads.features).toHaveLength(3041);
    const [lon, lat] = (roads.features[0].geometry.coordinates as number[][])[0];
    expect(lon).toBeGreaterThan(115.75);
    expect(lon).toBeLessThan(115.99);
    expect(lat).toBeGreaterThan(28.59);
    expect(lat).toBeLessThan(28.75);
    expect(Object.keys(roads.features[0].properties).sort()).toEqual(['lanes', 'lengthM', 'speedLimitMps']);
  });

  it('rejects unknown layers (NotFoundError) and malformed ids (InputError)', async () => {
    await expect(geoLayerGeoJson(connection.db, null, { layerId: 'no-such-layer' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(geoLayerGeoJson(connection.db, null, { layerId: '../etc' })).rejects.toBeInstanceOf(InputError);
  });
});
