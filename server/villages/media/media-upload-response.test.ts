import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { villagesMedia } from '@server/db/schema/villages';
import { connectTestDb } from '@server/db/test-database';
import { LocalObjectStore } from '@server/storage/local-store';
import { villagesEnv } from '../villages-env';
import { mediaUploadResponse, type MediaUploadRouteDeps } from './media-upload-response';
import { createDraftTestVillage, testJpeg } from '../test-fixtures';

const connection = connectTestDb();
const db = connection.db;
let deps: MediaUploadRouteDeps;
let storeDir: string;
const cookies: Record<string, string> = {};
let village: { id: string; code: string };

beforeAll(async () => {
  await ensureTestRegions(db);
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'villages-media-upload-store-'));
  const store = new LocalObjectStore(storeDir);
  deps = { getDb: () => db, getStore: () => store, uploadDir: await mkdtemp(path.join(os.tmpdir(), 'villages-media-upload-')), logger: SILENT_LOGGER };
  cookies.officer = (await signedInCookie(db, 'officer', TEST_REGIONS.lianxi)).cookie;
  cookies.foreignOfficer = (await signedInCookie(db, 'officer', TEST_REGIONS.donghu)).cookie;
  cookies.applicant = (await signedInCookie(db, 'applicant', TEST_REGIONS.lianxi)).cookie;
  village = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { hasDraftChanges: false });
});
afterAll(async () => {
  await rm(deps.uploadDir, { recursive: true, force: true });
  await rm(storeDir, { recursive: true, force: true });
  await connection.pool.end();
});

const SAME_ORIGIN = { origin: 'http://localhost' };

/** A multipart request as a browser's FormData sends it (fields first, then the files). */
function upload(fields: Record<string, string>, files: { bytes: Uint8Array; name: string; type?: string }[], headers: Record<string, string>): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }), file.name);
  return new Request('http://localhost/api/villages/media', { method: 'POST', body, headers: { host: 'localhost', ...headers } });
}

describe('POST /api/villages/media', () => {
  it('stores a photo for a curator of the region (201 with the row), trims fields, deletes the temporary file', async () => {
    const response = await mediaUploadResponse(
      deps,
      upload({ villageId: village.id, kind: 'photo', altZh: '  石板巷  ', altEn: '', captionZh: `清晨的石板巷${'巷'.repeat(1500)}`, credit: '测试', sortOrder: '3' }, [{ bytes: await testJpeg(1200, 800, 11), name: 'lane.jpg' }], {
        cookie: cookies.officer,
        ...SAME_ORIGIN,
      }),
    );
    expect(response.status).toBe(201);
    const media = (await response.json()) as { id: string; altZh: string; altEn: string | null; sortOrder: number; variants: { width: number }[] };
    // A caption of 1 506 Chinese characters (4 518 bytes) passes: the field limit follows the caption limit.
    expect(media).toMatchObject({ altZh: '石板巷', altEn: null, sortOrder: 3, captionZh: `清晨的石板巷${'巷'.repeat(1500)}`, width: 1200, height: 800 });
    expect([...new Set(media.variants.map((v) => v.width))]).toEqual([480, 960, 1200]);
    expect(await db.select({ id: villagesMedia.id }).from(villagesMedia).where(eq(villagesMedia.id, media.id))).toHaveLength(1);
    expect(await readdir(deps.uploadDir)).toEqual([]);
  });

  it('refuses anonymous (401), an applicant (403), a curator of another county (404, as if absent) and a cross-origin form (403)', async () => {
    const files = [{ bytes: await testJpeg(800, 600, 12), name: 'a.jpg' }];
    const fields = { villageId: village.id, kind: 'photo', altZh: '拒绝' };
    expect((await mediaUploadResponse(deps, upload(fields, files, SAME_ORIGIN))).status).toBe(401);
    expect((await mediaUploadResponse(deps, upload(fields, files, { cookie: cookies.applicant, ...SAME_ORIGIN }))).status).toBe(403);
    const foreign = await mediaUploadResponse(deps, upload(fields, files, { cookie: cookies.foreignOfficer, ...SAME_ORIGIN }));
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).toBe(`villages: no village ${village.id} in your region`);
    expect((await mediaUploadResponse(deps, upload(fields, files, { cookie: cookies.officer, origin: 'https://evil.example' }))).status).toBe(403);
    expect(await db.select().from(villagesMedia).where(eq(villagesMedia.altZh, '拒绝'))).toEqual([]);
  });

  it('answers bad multipart bodies: no file, two files, bad fields (400), too big (413), wrong type by content (400)', async () => {
    const fields = { villageId: village.id, kind: 'photo', altZh: '坏' };
    const auth = { cookie: cookies.officer, ...SAME_ORIGIN };
    const noFile = await mediaUploadResponse(deps, upload(fields, [], auth));
    expect([noFile.status, await noFile.text()]).toEqual([400, 'upload: no file part named "file"']);
    const jpeg = await testJpeg(800, 600, 13);
    const two = await mediaUploadResponse(deps, upload(fields, [{ bytes: jpeg, name: 'a.jpg' }, { bytes: jpeg, name: 'b.jpg' }], auth));
    expect(two.status).toBe(400);
    expect(await two.text()).toMatch(/^upload: (exactly one file part named "file" is expected|only one file per upload)$/);
    const badFields = await mediaUploadResponse(deps, upload({ villageId: 'x', kind: 'video', altZh: '' }, [{ bytes: jpeg, name: 'a.jpg' }], auth));
    expect(badFields.status).toBe(400);
    expect(await badFields.text()).toBe('upload: villageId: must be a UUID, got "x"; kind: must be photo or panorama; altZh: is required');
    const maxBytes = villagesEnv().VILLAGES_MEDIA_MAX_BYTES;
    const big = await mediaUploadResponse(deps, upload(fields, [{ bytes: new Uint8Array(maxBytes + 1), name: 'big.jpg' }], auth));
    expect([big.status, await big.text()]).toEqual([413, `upload: the file exceeds the limit of ${maxBytes} bytes`]);
    const declared = await mediaUploadResponse(deps, upload(fields, [{ bytes: jpeg, name: 'a.jpg' }], { ...auth, 'content-length': String(maxBytes * 2) }));
    expect(declared.status).toBe(413);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
    const wrongType = await mediaUploadResponse(deps, upload(fields, [{ bytes: svg, name: 'photo.jpg', type: 'image/jpeg' }], auth));
    expect([wrongType.status, await wrongType.text()]).toEqual([400, 'image: the file is a svg file (detected by content), not JPEG, PNG, WebP or AVIF']);
    const php = await mediaUploadResponse(deps, upload(fields, [{ bytes: Buffer.from('<?php system($_GET["c"]); ?>'), name: 'shell.jpg' }], auth));
    expect([php.status, await php.text()]).toEqual([400, 'image: the file is a php file (detected by content), not JPEG, PNG, WebP or AVIF']);
    expect(await readdir(deps.uploadDir)).toEqual([]);
    expect(await db.select().from(villagesMedia).where(eq(villagesMedia.altZh, '坏'))).toEqual([]);
  });
});
