import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { SILENT_LOGGER } from '@kernel/logger';
import { layers } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import { CATALOGUE_PUBLIC_MAX_AGE_S, catalogueTileResponse } from './catalogue-tile-response';
import type { UploadFields } from './inputs';
import { tilesetJsonAt, zipOf } from './tileset-fixture';
import { STALE_STAGING_AGE_MS, sweepStaleStaging, uploadTileset } from './tileset-upload';

const connection = connectTestDb();
const db = connection.db;
let tilesRoot: string;
let provinceAdmin: Actor;
let nanchangAdmin: Actor;
let jiujiangPlanner: Actor;

beforeAll(async () => {
  await ensureTestRegions(db);
  tilesRoot = await mkdtemp(path.join(os.tmpdir(), 'gantwin-catalogue-'));
  provinceAdmin = (await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor;
  nanchangAdmin = (await createTestAccount(db, 'admin', TEST_REGIONS.nanchang)).actor;
  jiujiangPlanner = (await createTestAccount(db, 'planner', TEST_REGIONS.jiujiang)).actor;
});
afterAll(async () => {
  await rm(tilesRoot, { recursive: true, force: true });
  await connection.pool.end();
});

const fields = (regionCode: string, visibility: 'public' | 'internal' = 'internal'): UploadFields => ({
  title: '红谷滩倾斜摄影',
  titleEn: 'Honggutan oblique',
  cimLevel: 3,
  regionCode,
  visibility,
  attribution: '',
  defaultVisible: true,
  sortOrder: 1000,
});

async function writeZip(bytes: Uint8Array): Promise<string> {
  const file = path.join(tilesRoot, `upload-${Math.random().toString(36).slice(2)}.zip`);
  await writeFile(file, bytes);
  return file;
}

/** Folder names under TILES_DIR/catalogue (staging folders included). */
async function storedFolders(): Promise<string[]> {
  return (await readdir(path.join(tilesRoot, 'catalogue')).catch(() => [])).filter((name) => name !== '.uploads');
}

const GLB = new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0, 12, 0, 0, 0]);

describe('uploadTileset', () => {
  it('stores a tileset from one top folder, registers an external-tileset layer and reports its centre', async () => {
    const zip = await writeZip(zipOf({ 'tileset.json': tilesetJsonAt(115.85, 28.68, 30), 'content.glb': GLB }, { topFolder: 'oblique' }));
    const result = await uploadTileset(db, nanchangAdmin, fields(TEST_REGIONS.donghu), zip, { tilesRoot, fileName: 'oblique.zip' });
    expect(result.url).toBe(`/tiles/catalogue/${result.id}/tileset.json`);
    // Independent forward formula in the fixture, inverse in the service: < 1e-9° (0.1 mm) and < 1 mm.
    expect(result.centre!.lonDeg).toBeCloseTo(115.85, 9);
    expect(result.centre!.latDeg).toBeCloseTo(28.68, 9);
    expect(result.centre!.heightEllipsoidalM).toBeCloseTo(30, 3);
    expect(await readFile(path.join(tilesRoot, 'catalogue', result.id, 'content.glb'))).toEqual(Buffer.from(GLB));
    const [row] = await db.select().from(layers).where(eq(layers.id, result.id));
    expect(row).toMatchObject({ origin: 'uploaded', kind: 'external-tileset', regionCode: TEST_REGIONS.donghu, visibility: 'internal' });
    expect(await storedFolders()).toEqual([result.id]);

    const deps = { getDb: () => db, tilesRoot, logger: SILENT_LOGGER };
    const anonymous = await catalogueTileResponse(deps, new Request('http://localhost/'), result.id, ['tileset.json']);
    expect(anonymous.status).toBe(404);
    const escape = await catalogueTileResponse(deps, new Request('http://localhost/'), result.id, ['..', 'x.json']);
    expect(escape.status).toBe(404);
  });

  it.each([
    ['zip-slip', { '../evil.json': '{}', 'tileset.json': tilesetJsonAt(115.85, 28.68, 0) }, 'unsafe entry: invalid relative path: ../evil.json'],
    ['absolute path', { '/etc/evil.json': '{}', 'tileset.json': tilesetJsonAt(115.85, 28.68, 0) }, 'unsafe entry: absolute path'],
    ['backslash', { 'a\\..\\evil.json': '{}', 'tileset.json': tilesetJsonAt(115.85, 28.68, 0) }, 'unsafe entry: invalid relative path'],
    ['no tileset.json', { 'content.glb': GLB }, 'tileset.json must be at the root'],
    ['two top folders', { 'a/tileset.json': tilesetJsonAt(115.85, 28.68, 0), 'b/content.glb': GLB }, 'tileset.json must be at the root'],
    ['a script inside', { 'tileset.json': tilesetJsonAt(115.85, 28.68, 0), 'index.html': '<script>' }, 'file type .html'],
    ['asset.version 2.0', { 'tileset.json': tilesetJsonAt(115.85, 28.68, 0, '2.0') }, 'asset.version must be "1.0" or "1.1"'],
    ['broken JSON', { 'tileset.json': '{"asset":' }, 'not valid JSON'],
  ])('refuses %s and leaves nothing behind', async (_name, files, reason) => {
    const before = await storedFolders();
    const layerCount = (await db.select({ id: layers.id }).from(layers)).length;
    const zip = await writeZip(zipOf(files as Record<string, string | Uint8Array>));
    await expect(uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang), zip, { tilesRoot, fileName: 'x.zip' })).rejects.toThrow(reason);
    expect(await storedFolders()).toEqual(before);
    expect((await db.select({ id: layers.id }).from(layers)).length).toBe(layerCount);
  });

  it.each([
    // Two entries of one name (names patched after zipping: fflate cannot write duplicates), and a file that is also a folder.
    ['a duplicate entry', { 'tileset.json': tilesetJsonAt(115.85, 28.68, 0), 'content.glb': GLB, 'content.glx': GLB }, 'duplicate entry "content.glb"'],
    ['a file that is also a folder', { 'tileset.json': tilesetJsonAt(115.85, 28.68, 0), 'a.glb': GLB, 'a.glb/b.glb': GLB }, 'entry "a.glb" is both a file and a folder'],
    ['a file name longer than the file system allows', { 'tileset.json': tilesetJsonAt(115.85, 28.68, 0), [`${'a'.repeat(300)}.glb`]: GLB }, 'name segment longer than 255 bytes'],
  ])('refuses %s as bad input, without naming a server path, and leaves nothing behind', async (_name, files, reason) => {
    const before = await storedFolders();
    const bytes = Buffer.from(zipOf(files as Record<string, string | Uint8Array>));
    for (let at = bytes.indexOf('content.glx'); at !== -1; at = bytes.indexOf('content.glx', at + 1)) bytes.write('content.glb', at, 'latin1');
    const error = await uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang), await writeZip(bytes), { tilesRoot, fileName: 'x.zip' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INPUT', message: expect.stringContaining(reason) });
    expect((error as Error).message).not.toContain(tilesRoot);
    expect(await storedFolders()).toEqual(before);
  });

  it.each([
    ['an absolute URL', 'https://tracker.example/t.glb'],
    ['a scheme-relative URL', '//tracker.example/t.glb'],
    ['a same-origin path', '/api/trpc/twin.layers.list'],
    ['a path out of the folder', '../catalogue-0123456789ab/content.glb'],
    ['an encoded path out of the folder', '%2e%2e/%2E%2e/content.glb'],
    ['a backslash', '..\\content.glb'],
  ])('refuses a tileset whose content URI is %s (every visitor\'s browser would fetch it)', async (_name, uri) => {
    const tileset = JSON.parse(tilesetJsonAt(115.85, 28.68, 0)) as { root: { content: { uri: string } } };
    tileset.root.content.uri = uri;
    const before = await storedFolders();
    const zip = await writeZip(zipOf({ 'tileset.json': JSON.stringify(tileset), 'content.glb': GLB }));
    await expect(uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang), zip, { tilesRoot, fileName: 'x.zip' })).rejects.toMatchObject({
      code: 'INPUT',
      message: expect.stringContaining('tileset.json: root.content.uri must be a relative path inside the tileset'),
    });
    expect(await storedFolders()).toEqual(before);
  });

  it('checks the URIs of external tilesets inside the archive too', async () => {
    const child = JSON.parse(tilesetJsonAt(115.85, 28.68, 0)) as { root: { children?: unknown[]; content: { uri: string } } };
    child.root.children = [{ boundingVolume: { sphere: [0, 0, 0, 1] }, geometricError: 0, content: { uri: 'https://tracker.example/t.glb' } }];
    const zip = await writeZip(zipOf({ 'tileset.json': tilesetJsonAt(115.85, 28.68, 0).replace('content.glb', 'sub/child.json'), 'sub/child.json': JSON.stringify(child), 'sub/content.glb': GLB }));
    await expect(uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang), zip, { tilesRoot, fileName: 'x.zip' })).rejects.toThrow(
      'sub/child.json: root.children[0].content.uri must be a relative path inside the tileset',
    );
    const fine = await writeZip(zipOf({ 'tileset.json': tilesetJsonAt(115.85, 28.68, 0).replace('content.glb', 'sub/child.json'), 'sub/child.json': tilesetJsonAt(115.85, 28.68, 0), 'sub/content.glb': GLB }));
    await expect(uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang, 'public'), fine, { tilesRoot, fileName: 'x.zip' })).resolves.toMatchObject({ url: expect.stringContaining('/tiles/catalogue/') });
  });

  it('refuses a symbolic-link entry', async () => {
    const bytes = zipSync({ 'tileset.json': new TextEncoder().encode(tilesetJsonAt(115.85, 28.68, 0)), 'link.json': [new TextEncoder().encode('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    await expect(uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang), await writeZip(bytes), { tilesRoot, fileName: 'x.zip' })).rejects.toThrow('symbolic link');
  });

  it('refuses a zip bomb (declared sizes) and too many entries, as TOO_LARGE', async () => {
    const zeros = new Uint8Array(2 * 1024 * 1024);
    const bomb = await writeZip(zipOf({ 'tileset.json': tilesetJsonAt(115.85, 28.68, 0), 'a.glb': zeros }));
    expect((await readFile(bomb)).length).toBeLessThan(20_000); // 2 MiB of zeros deflate to a few kB
    const limits = { maxEntries: 10, maxUncompressedBytes: 1024 * 1024 };
    await expect(uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang), bomb, { tilesRoot, fileName: 'x.zip', limits })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`t${i}.json`, '{}']));
    await expect(uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.nanchang), await writeZip(zipOf(many)), { tilesRoot, fileName: 'x.zip', limits })).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: expect.stringContaining('11 entries'),
    });
  });

  it('refuses a city admin uploading for another city, and serves a public upload to anyone but an internal one only in scope', async () => {
    const zip = await writeZip(zipOf({ 'tileset.json': tilesetJsonAt(116.0, 29.7, 0), 'content.glb': GLB }));
    await expect(uploadTileset(db, nanchangAdmin, fields(TEST_REGIONS.lianxi), zip, { tilesRoot, fileName: 'x.zip' })).rejects.toMatchObject({ code: 'SCOPE' });
    const internal = await uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.lianxi), zip, { tilesRoot, fileName: 'x.zip' });
    const deps = { getDb: () => db, tilesRoot, logger: SILENT_LOGGER };
    // The response reads the actor from the session cookie; without one the caller is anonymous.
    expect((await catalogueTileResponse(deps, new Request('http://localhost/'), internal.id, ['tileset.json'])).status).toBe(404);
    const open = await uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.lianxi, 'public'), zip, { tilesRoot, fileName: 'x.zip' });
    const response = await catalogueTileResponse(deps, new Request('http://localhost/'), open.id, ['tileset.json']);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(await response.text())).toMatchObject({ asset: { version: '1.1' } });
    expect(response.headers.get('cache-control')).toBe('public, no-cache');
    // An un-hashed tile name may change in place: revalidated like tileset.json.
    const tile = await catalogueTileResponse(deps, new Request('http://localhost/'), open.id, ['content.glb']);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('cache-control')).toBe('public, no-cache');
    // A content-hashed name of a public upload: shared caches keep it 5 minutes, not a year (the admin may make it internal).
    const hashed = await uploadTileset(db, provinceAdmin, fields(TEST_REGIONS.lianxi, 'public'), await writeZip(zipOf({ 'tileset.json': tilesetJsonAt(116.0, 29.7, 0), 'content-0123456789ab.glb': GLB })), { tilesRoot, fileName: 'y.zip' });
    const hashedTile = await catalogueTileResponse(deps, new Request('http://localhost/', { headers: { 'accept-encoding': 'br, gzip' } }), hashed.id, ['content-0123456789ab.glb']);
    expect([hashedTile.status, hashedTile.headers.get('content-encoding')]).toEqual([200, null]); // an upload has no siblings
    expect(hashedTile.headers.get('cache-control')).toBe(`public, max-age=${CATALOGUE_PUBLIC_MAX_AGE_S}`);
    expect(hashedTile.headers.get('vary')).toBe('Accept-Encoding');
    expect(jiujiangPlanner.regionCode).toBe(TEST_REGIONS.jiujiang);
  });
});

describe('sweepStaleStaging', () => {
  it('removes staging folders older than a day and keeps young ones and committed layers', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'gantwin-staging-'));
    try {
      for (const name of ['.tmp-catalogue-old', '.tmp-catalogue-young', 'catalogue-0123456789ab']) await mkdir(path.join(folder, name));
      const dayAndMinuteAgo = new Date(Date.now() - STALE_STAGING_AGE_MS - 60_000);
      await utimes(path.join(folder, '.tmp-catalogue-old'), dayAndMinuteAgo, dayAndMinuteAgo);
      await utimes(path.join(folder, 'catalogue-0123456789ab'), dayAndMinuteAgo, dayAndMinuteAgo);
      expect(await sweepStaleStaging(folder)).toEqual(['.tmp-catalogue-old']);
      expect((await readdir(folder)).sort()).toEqual(['.tmp-catalogue-young', 'catalogue-0123456789ab']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
