import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { ensureTestRegions, signedInCookie, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { villagesVillages } from '@server/db/schema/villages';
import { connectTestDb } from '@server/db/test-database';
import { LocalObjectStore } from '@server/storage/local-store';
import { mediaVariantUrl, publishVillage } from '../public-village';
import { mediaResponse, type MediaRouteDeps } from './media-response';
import { createMedia, type MediaRecord } from './media-service';
import { createDraftTestVillage, testJpeg } from '../test-fixtures';

const connection = connectTestDb();
const db = connection.db;
let deps: MediaRouteDeps;
let storeDir: string;
const cookies: Record<string, string> = {};
let officer: Actor;
let village: { id: string; code: string };
let media: MediaRecord;

beforeAll(async () => {
  await ensureTestRegions(db);
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'villages-media-route-'));
  const store = new LocalObjectStore(storeDir);
  deps = { getDb: () => db, getStore: () => store, logger: SILENT_LOGGER };
  const signedIn = await signedInCookie(db, 'officer', TEST_REGIONS.lianxi);
  cookies.officer = signedIn.cookie;
  officer = signedIn.actor;
  cookies.foreignOfficer = (await signedInCookie(db, 'officer', TEST_REGIONS.donghu)).cookie;
  cookies.applicant = (await signedInCookie(db, 'applicant', TEST_REGIONS.lianxi)).cookie;
  village = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { hasDraftChanges: false });
  media = await createMedia(db, officer, { villageId: village.id, kind: 'photo', altZh: '祠堂' }, await testJpeg(1000, 700, 21), store);
});
afterAll(async () => {
  await rm(storeDir, { recursive: true, force: true });
  await connection.pool.end();
});

/** GET of a variant's public URL, as the app route app/media/villages/[...key] passes it (the segments after /media/villages/). */
function get(key: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = mediaVariantUrl({ key });
  expect(url).toBe(`/media/${key}`);
  const segments = url.split('/').slice(3);
  return mediaResponse(deps, new Request(`http://localhost${url}`, { headers: { host: 'localhost', 'x-forwarded-for': '192.0.2.77', ...headers } }), segments);
}

describe('GET /media/villages/<key>', () => {
  it('hides a draft village’s media: anonymous, an applicant and a foreign curator get 404; a curator of the region gets it privately', async () => {
    const webp = media.variants.find((v) => v.format === 'webp' && v.width === 480)!;
    const callers: Record<string, string>[] = [{}, { cookie: cookies.applicant }, { cookie: cookies.foreignOfficer }];
    for (const headers of callers) {
      const hidden = await get(webp.key, headers);
      expect([hidden.status, await hidden.text(), hidden.headers.get('cache-control')]).toEqual([404, 'Not found', 'no-store']);
    }
    const own = await get(webp.key, { cookie: cookies.officer });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toBe('image/webp');
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    expect((await own.arrayBuffer()).byteLength).toBe(webp.bytes);
  });

  it('serves published media to everyone: content type by format, strong ETag, immutable, 304 on If-None-Match', async () => {
    const published = { code: village.code, photos: [{ id: media.id, variants: media.variants.map((v) => ({ url: mediaVariantUrl(v), format: v.format, width: v.width, height: v.height })) }] };
    await db.update(villagesVillages).set({ published, publishedAt: new Date() }).where(eq(villagesVillages.id, village.id));
    for (const variant of media.variants) {
      const response = await get(variant.key);
      expect(response.status, variant.key).toBe(200);
      expect(response.headers.get('content-type')).toBe({ avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' }[variant.format]);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(Number(response.headers.get('content-length'))).toBe(variant.bytes);
      expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/);
      expect((await response.arrayBuffer()).byteLength).toBe(variant.bytes);
    }
    const jpeg = media.variants.find((v) => v.format === 'jpeg')!;
    const etag = (await get(jpeg.key)).headers.get('etag')!;
    const again = await get(jpeg.key, { 'if-none-match': etag });
    expect([again.status, again.headers.get('etag')]).toEqual([304, etag]);
  });

  it('serves the media of a village published by publishVillage (the real public document) and hides a later draft', async () => {
    const other = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { hasDraftChanges: false });
    const photo = await createMedia(db, officer, { villageId: other.id, kind: 'photo', altZh: '古桥' }, await testJpeg(900, 600, 22), deps.getStore());
    const key = photo.variants.find((v) => v.format === 'avif')!.key;
    expect((await get(key)).status).toBe(404);
    await publishVillage(db, officer, { code: other.code });
    const published = await get(key);
    expect([published.status, published.headers.get('content-type'), published.headers.get('cache-control')]).toEqual([200, 'image/avif', 'public, max-age=31536000, immutable']);
    const draft = await createMedia(db, officer, { villageId: other.id, kind: 'photo', altZh: '草稿' }, await testJpeg(900, 600, 23), deps.getStore());
    expect((await get(draft.variants[0].key)).status).toBe(404);
    expect((await get(draft.variants[0].key, { cookie: cookies.officer })).status).toBe(200);
  });

  it('answers 404 for keys that are malformed, not a variant of a row, or unknown', async () => {
    const sha = media.sourceSha256;
    for (const key of [`villages/media/${sha}/9999.webp`, `villages/media/${sha}/480.png`, `villages/media/${sha}/../../x`, `villages/media/${'0'.repeat(64)}/480.jpeg`, 'villages/tilesets/x/tileset.json']) {
      expect((await get(key, { cookie: cookies.officer })).status, key).toBe(404);
    }
  });
});
