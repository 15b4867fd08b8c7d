import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHttpResponse } from '@server/accounts/auth-http-handler';
import { TEST_REGIONS, createTestAccount, ensureTestRegions } from '@server/accounts/test-fixtures';
import { INTERNAL_ERROR_MESSAGE } from '@server/api/error-map';
import { createRecordingLogger } from '@server/api/recording-logger';
import { models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import { InvariantError } from '@kernel/errors';
import { IMMUTABLE_CACHE, MODEL_PUBLIC_IMMUTABLE_CACHE, REVALIDATE_CACHE } from './tile-files';
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
  writeFileSync(path.join(tilesRoot, 'model-r', 'tileset.json.br'), brotliCompressSync(TILESET_JSON));
  writeFileSync(path.join(tilesRoot, 'model-r', 'tileset.json.gz'), gzipSync(TILESET_JSON));
  mkdirSync(path.join(tilesRoot, 'model-r', 'import'));
  writeFileSync(path.join(tilesRoot, 'model-r', 'import', 'elements.json'), '{"elements":[]}');
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
    // An un-hashed glb of an older output can change on a reconversion in place: revalidated, not immutable.
    expect([glb.status, glb.headers.get('content-type'), glb.headers.get('cache-control')]).toEqual([200, 'model/gltf-binary', REVALIDATE_CACHE]);
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
    ['a brotli sibling by its own name', '', ['tileset.json.br'], 404],
    ['a gzip sibling by its own name', '', ['tileset.json.gz'], 404],
    ['the import folder', '', ['import', 'elements.json'], 404],
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
    expect(allowed.headers.get('cache-control')).toBe('private, no-cache');
    expect(allowed.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(allowed.headers.get('access-control-allow-origin')).toBeNull();
    await connection.db.delete(models).where(eq(models.id, row.id));
  });
});

describe('GET /tiles: precompressed siblings, entity tags and cache policy', () => {
  const PROPERTIES = JSON.stringify({ format: 'gantwin.properties/1', names: Array.from({ length: 400 }, (_, i) => `墙 wall ${i}`) });
  const GLB = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(4000, 7)]);
  const HASHED_GLB = 'root-0a1b2c3d4e5f.glb';
  let compressedModelId = '';

  /** A GET with these request headers, from an anonymous address. */
  const get = (segments: string[], headers: Record<string, string> = {}) =>
    tileResponse(deps, new Request('http://localhost/tiles/x', { headers: { 'x-forwarded-for': '192.0.2.41', ...headers } }), compressedModelId, segments);

  beforeAll(async () => {
    const dir = path.join(tilesRoot, 'model-c');
    mkdirSync(path.join(dir, 'tiles'), { recursive: true });
    for (const [name, bytes] of [['properties.json', Buffer.from(PROPERTIES)], [`tiles/${HASHED_GLB}`, GLB]] as const) {
      writeFileSync(path.join(dir, name), bytes);
      writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(bytes));
      writeFileSync(path.join(dir, `${name}.gz`), gzipSync(bytes));
    }
    writeFileSync(path.join(dir, 'tileset.json'), TILESET_JSON); // an older output: no siblings
    const [row] = await connection.db
      .insert(models)
      .values({ name: 'compressed', fileName: 'c.ifc', sourceSha256: `tile-compressed-${Date.now()}`, status: 'ready', tilesetDir: 'model-c', visibility: 'public' })
      .returning({ id: models.id });
    compressedModelId = row.id;
  });

  afterAll(async () => {
    await connection.db.delete(models).where(eq(models.id, compressedModelId));
  });

  it('sends br, gzip or identity by Accept-Encoding, with the original type, exact length and bytes that decode to the file', async () => {
    const cases: [string | undefined, string | null, (bytes: Buffer) => Buffer][] = [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
      ['br;q=0.2, gzip;q=0.9', 'gzip', gunzipSync],
      ['br;q=0, gzip;q=0', null, (b) => b],
      [undefined, null, (b) => b],
      ['%%%;q=;;,, ,q=9', null, (b) => b],
    ];
    const tags = new Set<string>();
    for (const [acceptEncoding, coding, decode] of cases) {
      for (const [segments, original, type] of [
        [['properties.json'], Buffer.from(PROPERTIES), 'application/json; charset=utf-8'],
        [['tiles', HASHED_GLB], GLB, 'model/gltf-binary'],
      ] as const) {
        const response = await get([...segments], acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding });
        const body = Buffer.from(await response.arrayBuffer());
        expect(response.status).toBe(200);
        expect(response.headers.get('content-encoding'), `${acceptEncoding} ${segments.join('/')}`).toBe(coding);
        expect(response.headers.get('content-type')).toBe(type);
        expect(response.headers.get('content-length')).toBe(String(body.byteLength));
        expect(response.headers.get('vary')).toBe('Accept-Encoding');
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        expect(decode(body).equals(original)).toBe(true);
        if (coding !== null) expect(body.byteLength).toBeLessThan(original.byteLength / 4);
        tags.add(`${segments.join('/')} ${response.headers.get('etag')}`);
      }
    }
    // One tag per representation: br, gzip and identity of two files; identity is weak (Next.js may gzip it).
    expect(tags.size).toBe(6);
    expect([...tags].every((t) => /^\S+ (W\/)?"[A-Za-z0-9_-]{22}"$/.test(t))).toBe(true);
    expect([...tags].filter((t) => t.includes(' W/"')).length).toBe(2);
  });

  it('answers 304 without a body to a matching If-None-Match, 200 to another representation\'s tag', async () => {
    const br = await get(['properties.json'], { 'accept-encoding': 'br' });
    const gzip = await get(['properties.json'], { 'accept-encoding': 'gzip' });
    const brTag = br.headers.get('etag') ?? '';
    expect(brTag).not.toBe(gzip.headers.get('etag'));
    const notModified = await get(['properties.json'], { 'accept-encoding': 'br', 'if-none-match': `"nope", ${brTag}` });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    expect(Object.fromEntries(notModified.headers)).toMatchObject({ etag: brTag, 'cache-control': REVALIDATE_CACHE, vary: 'Accept-Encoding' });
    expect(notModified.headers.get('content-encoding')).toBeNull();
    const otherRepresentation = await get(['properties.json'], { 'accept-encoding': 'gzip', 'if-none-match': brTag });
    expect([otherRepresentation.status, otherRepresentation.headers.get('content-encoding')]).toEqual([200, 'gzip']);
    const weakMatch = await get(['tileset.json'], { 'if-none-match': (await get(['tileset.json'])).headers.get('etag')?.replace(/^W\//, '') ?? '' });
    expect(weakMatch.status, 'If-None-Match compares weakly').toBe(304);
  });

  it('caches content-hashed names immutable for a year (5 minutes in shared caches), everything else no-cache', async () => {
    expect((await get(['tiles', HASHED_GLB], { 'accept-encoding': 'br' })).headers.get('cache-control')).toBe(MODEL_PUBLIC_IMMUTABLE_CACHE);
    expect(IMMUTABLE_CACHE).toBe('public, max-age=31536000, immutable');
    expect(MODEL_PUBLIC_IMMUTABLE_CACHE).toBe('public, max-age=31536000, s-maxage=300, immutable');
    for (const name of ['properties.json', 'tileset.json']) expect((await get([name])).headers.get('cache-control')).toBe('public, no-cache');
  });

  it('hashes a file once per version: the memo is keyed by path, size and mtime', async () => {
    const file = path.join(tilesRoot, 'model-c', 'tileset.json');
    const atime = new Date('2026-01-01T00:00:00Z');
    const mtime = new Date('2026-01-02T00:00:00Z'); // whole ms: utimes() round-trips them exactly
    utimesSync(file, atime, mtime);
    const first = (await get(['tileset.json'])).headers.get('etag');
    // Same size and mtime, other bytes: still the remembered tag (the file was not hashed again)…
    writeFileSync(file, TILESET_JSON.replace('1.1', '1.0'));
    utimesSync(file, atime, mtime);
    expect((await get(['tileset.json'])).headers.get('etag')).toBe(first);
    // …and a new mtime (a reconversion in place) gives the new bytes' tag.
    utimesSync(file, atime, new Date(mtime.getTime() + 5_000));
    const changed = await get(['tileset.json']);
    expect(changed.headers.get('etag')).not.toBe(first);
    expect(await changed.text()).toBe(TILESET_JSON.replace('1.1', '1.0'));
  });
});
