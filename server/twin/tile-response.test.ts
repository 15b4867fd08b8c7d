import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHttpResponse } from '@server/accounts/auth-http-handler';
import { TEST_REGIONS, createTestAccount, ensureTestRegions } from '@server/accounts/test-fixtures';
import { INTERNAL_ERROR_MESSAGE } from '@server/api/error-map';
import { createRecordingLogger } from '@server/api/recording-logger';
import { models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import { InvariantError } from '@kernel/errors';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE } from './tile-files';
import { tileResponse, type TileRouteDeps } from './tile-response';

/** A request without a session cookie (the route only reads its headers). */
const ANONYMOUS_GET = new Request('http://localhost/tiles/x', { headers: { 'x-forwarded-for': '192.0.2.1' } });

const connection = connectTestDb();
const tilesRoot = mkdtempSync(path.join(tmpdir(), 'gantwin-tile-response-'));
const TILESET_JSON = '{"asset":{"version":"1.1"}}';
const logger = createRecordingLogger();
const errors = logger.errors;
const deps: TileRouteDeps = { getDb: () => connection.db, tilesRoot, logger };
let modelId = '';

beforeAll(async () => {
  mkdirSync(path.join(tilesRoot, 'model-r', 'tiles'), { recursive: true });
  writeFileSync(path.join(tilesRoot, 'model-r', 'tileset.json'), TILESET_JSON);
  writeFileSync(path.join(tilesRoot, 'model-r', 'tiles', '0.glb'), Buffer.from([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0]));
  writeFileSync(path.join(tilesRoot, 'secret.json'), '{"password":1}');
  const [row] = await connection.db
    .insert(models)
    .values({ name: 'route', fileName: 'r.ifc', sourceSha256: `tile-response-${Date.now()}`, status: 'ready', tilesetDir: 'model-r', visibility: 'public' })
    .returning({ id: models.id });
  modelId = row.id;
});

afterAll(async () => {
  await connection.db.delete(models).where(eq(models.id, modelId));
  await connection.pool.end();
  rmSync(tilesRoot, { recursive: true, force: true });
});

describe('GET /tiles/<modelId>/<path...> (tileResponse)', () => {
  it('sends tileset.json (revalidated) and a glb (immutable) with exact type, length and CORS', async () => {
    const json = await tileResponse(deps, ANONYMOUS_GET, modelId, ['tileset.json']);
    expect(json.status).toBe(200);
    expect(Object.fromEntries(json.headers)).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(TILESET_JSON.length),
      'cache-control': REVALIDATE_CACHE,
      'access-control-allow-origin': '*',
    });
    expect(await json.text()).toBe(TILESET_JSON);
    const glb = await tileResponse(deps, ANONYMOUS_GET, modelId, ['tiles', '0.glb']);
    expect([glb.status, glb.headers.get('content-type'), glb.headers.get('cache-control')]).toEqual([200, 'model/gltf-binary', IMMUTABLE_CACHE]);
    expect(new Uint8Array(await glb.arrayBuffer())).toEqual(new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0]));
  });

  it.each<[string, string, string[], number]>([
    ['a model id that is not a UUID', '..', ['secret.json'], 400],
    ['a 10 kB model id', 'x'.repeat(10_000), ['tileset.json'], 400],
    ['an unknown model', '00000000-0000-4000-8000-000000000000', ['tileset.json'], 404],
    ['traversal out of the model directory', '', ['..', 'secret.json'], 404],
    ['an encoded traversal', '', ['..%2Fsecret.json'], 404],
    ['a missing file', '', ['tiles', '9.glb'], 404],
    ['a directory', '', ['tiles'], 404],
    ['an unknown file type', '', ['tileset.json.bak'], 404],
    ['no path at all', '', [], 404],
  ])('answers %s with %i as text, no stack', async (_name, id, segments, status) => {
    const response = await tileResponse(deps, ANONYMOUS_GET, id || modelId, segments);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const text = await response.text();
    expect(text).toMatch(/^tiles: /);
    expect(text.length).toBeLessThan(200);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('answers 500 "Internal server error" when the database is unavailable, and logs why', async () => {
    errors.length = 0;
    const broken: TileRouteDeps = {
      ...deps,
      getDb: () => {
        throw new InvariantError('env: DATABASE_URL is not set (test)');
      },
    };
    const response = await tileResponse(broken, ANONYMOUS_GET, modelId, ['tileset.json']);
    expect([response.status, await response.text()]).toEqual([500, INTERNAL_ERROR_MESSAGE]);
    expect(errors).toEqual(['tiles: env: DATABASE_URL is not set (test)']);
  });
});

describe('GET /tiles of an internal model follows the region scope of the session', () => {
  it('anonymous, other-city and pending-password sessions get 404; an in-scope session gets the file, privately cached', async () => {
    await ensureTestRegions(connection.db);
    mkdirSync(path.join(tilesRoot, 'model-internal'), { recursive: true });
    writeFileSync(path.join(tilesRoot, 'model-internal', 'tileset.json'), TILESET_JSON);
    const [row] = await connection.db
      .insert(models)
      .values({ name: 'internal', fileName: 'i.ifc', sourceSha256: `tile-internal-${Date.now()}`, status: 'ready', tilesetDir: 'model-internal', regionCode: TEST_REGIONS.donghu })
      .returning({ id: models.id });

    /** A GET of the tileset carrying the session cookie of a fresh account in `region`. */
    const getAs = async (region: string | null, address: string, pendingPassword = false) => {
      const headers: Record<string, string> = { 'x-forwarded-for': address };
      if (region) {
        const { actor, password } = await createTestAccount(connection.db, 'inspector', region, 'inspector', { pendingPassword });
        const signIn = await authHttpResponse(
          new Request('http://localhost/api/auth/sign-in/email', {
            method: 'POST',
            body: JSON.stringify({ email: actor.email, password }),
            headers: { 'content-type': 'application/json', origin: 'http://localhost', 'x-forwarded-for': address },
          }),
          connection.db,
        );
        headers.cookie = (signIn.headers.getSetCookie().find((c) => c.startsWith('gantwin.session_token=')) ?? '').split(';')[0];
      }
      return tileResponse(deps, new Request('http://localhost/tiles/x', { headers }), row.id, ['tileset.json']);
    };

    expect((await getAs(null, '192.0.2.31')).status).toBe(404);
    expect((await getAs(TEST_REGIONS.jiujiang, '192.0.2.32')).status).toBe(404);
    expect((await getAs(TEST_REGIONS.nanchang, '192.0.2.34', true)).status, 'one-time password still pending').toBe(404);
    const allowed = await getAs(TEST_REGIONS.nanchang, '192.0.2.33');
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe(TILESET_JSON);
    expect(allowed.headers.get('cache-control')).toBe(REVALIDATE_CACHE.replace(/^public/, 'private'));
    expect(allowed.headers.get('access-control-allow-origin')).toBeNull();
    await connection.db.delete(models).where(eq(models.id, row.id));
  });
});
