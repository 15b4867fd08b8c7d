import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REGIONS, ensureTestRegions, signedInCookie } from '@server/accounts/test-fixtures';
import { createRecordingLogger } from '@server/api/recording-logger';
import { models } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import { MODEL_PUBLIC_SHARED_MAX_AGE_S } from './tile-files';
import { tileResponse, type TileRouteDeps } from './tile-response';

/**
 * Issue #13 review: the model tile route as a hostile client sees it — shared caches, 304s to callers out of scope,
 * hostile headers, HEAD, and the entity-tag memo across models.
 */

const connection = connectTestDb();
const tilesRoot = mkdtempSync(path.join(tmpdir(), 'gantwin-tile-attack-'));
const logger = createRecordingLogger();
const deps: TileRouteDeps = { getDb: () => connection.db, tilesRoot, logger };
const HASHED = 'root-0a1b2c3d4e5f.glb';
const GLB_A = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(3000, 1)]);
const GLB_B = Buffer.concat([Buffer.from('glTF'), Buffer.alloc(3000, 2)]);
const ids: string[] = [];

/** A GET (or `method`) of `segments` of `modelId` with these headers, from `address` unless a header says otherwise. */
const request = (modelId: string, segments: string[], headers: Record<string, string> = {}, method = 'GET') =>
  tileResponse(deps, new Request('http://localhost/tiles/x', { method, headers: { 'x-forwarded-for': '192.0.2.71', ...headers } }), modelId, segments);

/** A model directory holding one content-hashed GLB (with siblings) and a tileset.json; returns the model id. */
async function modelWith(dir: string, glb: Buffer, visibility: 'public' | 'internal'): Promise<string> {
  mkdirSync(path.join(tilesRoot, dir, 'tiles'), { recursive: true });
  writeFileSync(path.join(tilesRoot, dir, 'tileset.json'), '{"asset":{"version":"1.1"}}');
  writeFileSync(path.join(tilesRoot, dir, 'tiles', HASHED), glb);
  writeFileSync(path.join(tilesRoot, dir, 'tiles', `${HASHED}.br`), brotliCompressSync(glb));
  writeFileSync(path.join(tilesRoot, dir, 'tiles', `${HASHED}.gz`), gzipSync(glb));
  mkdirSync(path.join(tilesRoot, dir, 'import'), { recursive: true });
  writeFileSync(path.join(tilesRoot, dir, 'import', 'elements.json'), '[]');
  const [row] = await connection.db
    .insert(models)
    .values({ name: dir, fileName: `${dir}.ifc`, sourceSha256: `${dir}-${Date.now()}`, status: 'ready', tilesetDir: dir, visibility, regionCode: TEST_REGIONS.donghu })
    .returning({ id: models.id });
  ids.push(row.id);
  return row.id;
}

let publicA = '';
let publicB = '';
beforeAll(async () => {
  await ensureTestRegions(connection.db);
  publicA = await modelWith('attack-a', GLB_A, 'public');
  publicB = await modelWith('attack-b', GLB_B, 'public');
});

afterAll(async () => {
  if (ids.length > 0) await connection.db.delete(models).where(inArray(models.id, ids));
  await connection.pool.end();
  rmSync(tilesRoot, { recursive: true, force: true });
});

describe('tile route: shared caches and 304s (issue #13 review)', () => {
  it('lets a shared cache keep a public model\'s content-hashed file 5 minutes only (browsers: a year, immutable)', async () => {
    const answer = await request(publicA, ['tiles', HASHED], { 'accept-encoding': 'br' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe(`public, max-age=31536000, s-maxage=${MODEL_PUBLIC_SHARED_MAX_AGE_S}, immutable`);
    expect(MODEL_PUBLIC_SHARED_MAX_AGE_S).toBe(300);
    expect((await request(publicA, ['tileset.json'])).headers.get('cache-control')).toBe('public, no-cache');
  });

  it('answers 404, not 304, to anyone who may no longer see a model, whatever If-None-Match says', async () => {
    const id = await modelWith('attack-turned', GLB_A, 'public');
    const tag = (await request(id, ['tiles', HASHED], { 'accept-encoding': 'br' })).headers.get('etag') ?? '';
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    await connection.db.update(models).set({ visibility: 'internal' }).where(eq(models.id, id));
    for (const ifNoneMatch of [tag, '*', `W/${tag}`]) {
      const answer = await request(id, ['tiles', HASHED], { 'accept-encoding': 'br', 'if-none-match': ifNoneMatch });
      expect([answer.status, answer.headers.get('etag'), answer.headers.get('cache-control')], ifNoneMatch).toEqual([404, null, 'no-store']);
    }
    // In scope, the 304 of the internal model is private and varies on the cookie too.
    const { cookie } = await signedInCookie(connection.db, 'inspector', TEST_REGIONS.nanchang);
    const inScope = await request(id, ['tiles', HASHED], { 'accept-encoding': 'br', 'if-none-match': tag, cookie });
    expect(inScope.status).toBe(304);
    expect(Object.fromEntries(inScope.headers)).toMatchObject({ 'cache-control': 'private, max-age=31536000, immutable', vary: 'Accept-Encoding, Cookie' });
    expect(inScope.headers.get('access-control-allow-origin')).toBeNull();
    const outOfScope = await signedInCookie(connection.db, 'inspector', TEST_REGIONS.jiujiang);
    expect((await request(id, ['tiles', HASHED], { 'if-none-match': '*', cookie: outOfScope.cookie })).status).toBe(404);
  });

  it('never serves import/ in any spelling, to anyone, as GET or HEAD', async () => {
    const { cookie } = await signedInCookie(connection.db, 'admin', TEST_REGIONS.province);
    const spellings = [['import', 'elements.json'], ['IMPORT', 'elements.json'], ['Import', 'elements.json'], ['.', 'import', 'elements.json'], ['tiles', '..', 'import', 'elements.json'], ['import.', 'elements.json'], ['import ', 'elements.json'], ['%69mport', 'elements.json'], ['import%2Felements.json'], ['import/elements.json']];
    for (const segments of spellings) {
      for (const method of ['GET', 'HEAD']) {
        const answer = await request(publicA, segments, { cookie }, method);
        expect(answer.status, `${method} ${segments.join('|')}`).toBe(404);
        expect(answer.headers.get('cache-control')).toBe('no-store');
      }
    }
  });
});

describe('tile route: hostile headers, HEAD and the entity-tag memo (issue #13 review)', () => {
  it('stays fast and correct under a 16 KB Accept-Encoding, a 2 000-tag If-None-Match and a Range', async () => {
    const brTag = (await request(publicA, ['tiles', HASHED], { 'accept-encoding': 'br' })).headers.get('etag') ?? '';
    const acceptEncoding = `${'x-junk;q=0.5, '.repeat(1200)}br`;
    const ifNoneMatch = [...Array.from({ length: 2000 }, (_, i) => `"tag${i}"`), brTag].join(', ');
    const started = performance.now();
    const ignoredBr = await request(publicA, ['tiles', HASHED], { 'accept-encoding': acceptEncoding });
    const notModified = await request(publicA, ['tiles', HASHED], { 'accept-encoding': 'br', 'if-none-match': ifNoneMatch });
    expect(performance.now() - started).toBeLessThan(500);
    expect(acceptEncoding.length).toBeGreaterThan(16_000);
    // `br` sits beyond the first 32 items: not read, so identity is sent.
    expect([ignoredBr.status, ignoredBr.headers.get('content-encoding')]).toEqual([200, null]);
    expect(notModified.status).toBe(304);
    const ranged = await request(publicA, ['tiles', HASHED], { range: 'bytes=0-3' });
    expect([ranged.status, ranged.headers.get('content-length'), ranged.headers.get('content-range')]).toEqual([200, String(GLB_A.byteLength), null]);
  });

  it('answers HEAD with the length of the representation and no body', async () => {
    await request(publicA, ['tiles', HASHED], { 'accept-encoding': 'gzip' }); // the tag is memoised
    const head = await request(publicA, ['tiles', HASHED], { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(head.headers.get('content-length')).toBe(String(gzipSync(GLB_A).byteLength));
    expect(head.headers.get('content-encoding')).toBe('gzip');
  });

  it('keeps the memo apart per model: the same path in two models has two tags, and neither answers the other\'s 304', async () => {
    const tagA = (await request(publicA, ['tiles', HASHED])).headers.get('etag') ?? '';
    const tagB = (await request(publicB, ['tiles', HASHED])).headers.get('etag') ?? '';
    expect(tagA).not.toBe(tagB);
    expect((await request(publicB, ['tiles', HASHED], { 'if-none-match': tagA })).status).toBe(200);
    expect((await request(publicA, ['tiles', HASHED], { 'if-none-match': tagA })).status).toBe(304);
    expect(logger.errors).toEqual([]);
  });
});
