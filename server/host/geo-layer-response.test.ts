import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layers } from '@server/db/schema/twin';
import { INTERNAL_ERROR_MESSAGE } from '@server/api/error-map';
import { createRecordingLogger } from '@server/api/recording-logger';
import { connectTestDb } from '@server/db/test-database';
import { GEO_LAYER_MAX_AGE_S, geoLayerResponse, type GeoLayerRouteDeps } from './geo-layer-response';
import { SERVER_PLATES } from '@server/plates';
import { seedLayers } from './seed-layers';
import type { GeoLayerSource } from './server-plate';

const connection = connectTestDb();
const logger = createRecordingLogger();
const errors = logger.errors;
const deps: GeoLayerRouteDeps = { getDb: () => connection.db, logger, plates: SERVER_PLATES };

beforeAll(() => seedLayers(connection.db, SERVER_PLATES.flatMap((plate) => plate.layers ?? [])));
afterAll(() => connection.pool.end());

describe('GET /api/geo/<layerId> (geoLayerResponse)', () => {
  it('serves a seeded layer as application/geo+json (a FeatureCollection even before regions are seeded)', async () => {
    const response = await geoLayerResponse(deps, new Request('http://localhost/api/geo/x'), 'regions-province');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe(`public, max-age=${GEO_LAYER_MAX_AGE_S}`);
    expect((JSON.parse(await response.text()) as { type: string }).type).toBe('FeatureCollection');
  });

  it('answers public layers from memory with a strong ETag, and 304 when it matches', async () => {
    const get = (headers: Record<string, string>) => geoLayerResponse(deps, new Request('http://localhost/api/geo/x', { headers }), 'regions-city');
    const first = await get({});
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const second = await get({});
    expect([second.headers.get('etag'), await second.text()]).toEqual([etag, body]);
    const notModified = await get({ 'if-none-match': `"other", ${etag}` });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect((await get({ 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('builds a public layer again when its catalogue row changes (a new seed), with a new ETag only if the body changed', async () => {
    const first = await geoLayerResponse(deps, new Request('http://localhost/api/geo/x'), 'regions-county');
    await connection.db.update(layers).set({ updatedAt: new Date(Date.now() + 1000) }).where(eq(layers.id, 'regions-county'));
    const queries: string[] = [];
    const counting: GeoLayerRouteDeps = {
      ...deps,
      plates: SERVER_PLATES.map((plate) => ({
        ...plate,
        geoLayers: Object.fromEntries(
          Object.entries(plate.geoLayers ?? {}).map(([id, source]): [string, GeoLayerSource] =>
            source.cache === 'public' ? [id, { cache: 'public', query: () => (queries.push(id), source.query()) }] : [id, source],
          ),
        ),
      })),
    };
    const second = await geoLayerResponse(counting, new Request('http://localhost/api/geo/x'), 'regions-county');
    const third = await geoLayerResponse(counting, new Request('http://localhost/api/geo/x'), 'regions-county');
    expect(queries).toEqual(['regions-county']);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it.each<[string, string, number, RegExp]>([
    ['traversal', '../etc/passwd', 400, /^geo: layer id must look like "regions-city", got "\.\.\/etc\/passwd"$/],
    ['upper case', 'Regions-City', 400, /^geo: layer id must look like/],
    ['a 10 kB id', 'a'.repeat(10_000), 400, /…$/],
    ['a NUL', 'regions\u0000city', 400, /^geo: layer id must look like/],
    ['an unknown layer', 'regions-village', 404, /^geo: no GeoJSON layer regions-village$/],
    ['a prototype key', 'constructor', 404, /^geo: no GeoJSON layer constructor$/],
  ])('answers %s with %i as text', async (_name, layerId, status, message) => {
    const response = await geoLayerResponse(deps, new Request('http://localhost/api/geo/x'), layerId);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toMatch(message);
  });

  it('answers 500 with the message hidden when the query fails, and logs it', async () => {
    errors.length = 0;
    const failing: GeoLayerRouteDeps = {
      logger,
      plates: SERVER_PLATES,
      getDb: () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      },
    };
    const response = await geoLayerResponse(failing, new Request('http://localhost/api/geo/x'), 'regions-city');
    expect([response.status, await response.text()]).toEqual([500, INTERNAL_ERROR_MESSAGE]);
    expect(errors).toEqual(['geo: connect ECONNREFUSED 127.0.0.1:1']);
  });
});
