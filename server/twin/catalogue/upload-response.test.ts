import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Role } from '@server/db/schema/accounts';
import { connectTestDb } from '@server/db/test-database';
import { SILENT_LOGGER } from '@kernel/logger';
import { tilesetJsonAt, zipOf } from './tileset-fixture';
import { catalogueUploadResponse, type UploadRouteDeps } from './upload-response';

const connection = connectTestDb();
const db = connection.db;
let tilesRoot: string;
let deps: UploadRouteDeps;
const cookies: Partial<Record<string, string>> = {};

/** A session cookie of a fresh account signed in through the real auth handler. */
async function sessionOf(role: Role, region: string): Promise<string> {
  return (await signedInCookie(db, role, region)).cookie;
}

beforeAll(async () => {
  await ensureTestRegions(db);
  tilesRoot = await mkdtemp(path.join(os.tmpdir(), 'gantwin-upload-'));
  deps = { getDb: () => db, tilesRoot, maxBytes: 64 * 1024, logger: SILENT_LOGGER };
  cookies.admin = await sessionOf('admin', TEST_REGIONS.nanchang);
  cookies.planner = await sessionOf('planner', TEST_REGIONS.nanchang);
});
afterAll(async () => {
  await rm(tilesRoot, { recursive: true, force: true });
  await connection.pool.end();
});

const FIELDS = { title: '白模', titleEn: 'Massing', cimLevel: '3', regionCode: TEST_REGIONS.donghu, visibility: 'internal' };

/** A multipart upload request as a browser's FormData sends it. */
function upload(fields: Record<string, string>, file: Uint8Array, headers: Record<string, string>): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', new Blob([new Uint8Array(file)]), 'massing.zip');
  return new Request('http://localhost/api/twin/catalogue/tilesets', { method: 'POST', body, headers: { host: 'localhost', ...headers } });
}

const ZIP = zipOf({ 'tileset.json': tilesetJsonAt(115.9, 28.69, 10) });

describe('POST /api/twin/catalogue/tilesets', () => {
  it('stores an admin upload (201 with the centre) and deletes the streamed file', async () => {
    const response = await catalogueUploadResponse(deps, upload(FIELDS, ZIP, { cookie: cookies.admin!, origin: 'http://localhost' }), 'tileset');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; centre: { lonDeg: number; latDeg: number } };
    expect(body.centre.lonDeg).toBeCloseTo(115.9, 9);
    expect(await readdir(path.join(tilesRoot, 'catalogue', '.uploads'))).toEqual([]);
  });

  it('refuses anonymous (401), a planner (403), a cross-origin form (403) and bad fields (400)', async () => {
    expect((await catalogueUploadResponse(deps, upload(FIELDS, ZIP, {}), 'tileset')).status).toBe(401);
    expect((await catalogueUploadResponse(deps, upload(FIELDS, ZIP, { cookie: cookies.planner! }), 'tileset')).status).toBe(403);
    expect((await catalogueUploadResponse(deps, upload(FIELDS, ZIP, { cookie: cookies.admin!, origin: 'https://evil.example' }), 'tileset')).status).toBe(403);
    const bad = await catalogueUploadResponse(deps, upload({ ...FIELDS, regionCode: '110000', visibility: 'secret' }, ZIP, { cookie: cookies.admin! }), 'tileset');
    expect(bad.status).toBe(400);
    const message = await bad.text();
    expect(message).toContain('regionCode');
    expect(message).toContain('visibility');
    const otherCity = await catalogueUploadResponse(deps, upload({ ...FIELDS, regionCode: TEST_REGIONS.lianxi }, ZIP, { cookie: cookies.admin! }), 'tileset');
    expect(otherCity.status).toBe(403);
  });

  it('answers 413 past the size limit, while streaming, and leaves no file behind', async () => {
    const big = new Uint8Array(100 * 1024).map((_, i) => (i * 7919) % 251);
    const response = await catalogueUploadResponse(deps, upload(FIELDS, big, { cookie: cookies.admin! }), 'tileset');
    expect(response.status).toBe(413);
    expect(await readdir(path.join(tilesRoot, 'catalogue', '.uploads'))).toEqual([]);
  });

  it('answers 400 to a body cut off inside the file part, leaving no file and no unhandled rejection', async () => {
    const boundary = 'gantwin-cut';
    const head = [...Object.entries(FIELDS).map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`), `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="massing.zip"\r\ncontent-type: application/zip\r\n\r\n`].join('');
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(head));
        controller.enqueue(new Uint8Array(8 * 1024).fill(7));
        await new Promise((resolve) => setTimeout(resolve, 20));
        controller.error(new Error('client went away'));
      },
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const request = new Request('http://localhost/api/twin/catalogue/tilesets', {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { host: 'localhost', cookie: cookies.admin!, 'content-type': `multipart/form-data; boundary=${boundary}` },
      } as RequestInit);
      const response = await catalogueUploadResponse(deps, request, 'tileset');
      expect(response.status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(unhandled).toEqual([]);
      expect(await readdir(path.join(tilesRoot, 'catalogue', '.uploads'))).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('refuses a body that is not multipart', async () => {
    const request = new Request('http://localhost/api/twin/catalogue/tilesets', { method: 'POST', body: '{}', headers: { cookie: cookies.admin!, 'content-type': 'application/json' } });
    const response = await catalogueUploadResponse(deps, request, 'tileset');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('multipart/form-data');
  });
});
