import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { villagesMedia, villagesVillages } from '@server/db/schema/villages';
import { connectTestDb } from '@server/db/test-database';
import { LocalObjectStore } from '@server/storage/local-store';
import { DEMO_PHOTO_SUBJECTS, generateDemoPanorama, generateDemoPhoto, storeGeneratedMedia } from './demo-imagery';
import { buildImageVariants } from './image-variants';
import { createDraftTestVillage } from '../test-fixtures';

const connection = connectTestDb();
const db = connection.db;
let storeDir: string;
let store: LocalObjectStore;

beforeAll(async () => {
  await ensureTestRegions(db);
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'villages-demo-imagery-'));
  store = new LocalObjectStore(storeDir);
});
afterAll(async () => {
  await rm(storeDir, { recursive: true, force: true });
  await connection.pool.end();
});

describe('generated demo imagery', () => {
  it('a panorama is a 4096 × 2048 JPEG, deterministic per seed, made in < 1.5 s of CPU, and passes the panorama checks', async () => {
    // CPU time of this process (libvips threads included), not wall time: other processes on the machine do not count.
    const started = process.cpuUsage();
    const panorama = await generateDemoPanorama(7);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(1500);
    const metadata = await sharp(panorama).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', 4096, 2048]);
    expect((await generateDemoPanorama(7)).equals(panorama)).toBe(true);
    expect((await generateDemoPanorama(8)).equals(panorama)).toBe(false);
    const image = await buildImageVariants(panorama, 'panorama');
    expect([...new Set(image.variants.map((v) => v.width))]).toEqual([2048, 4096]);
    // The seam: the first and last pixel columns are neighbours on the sphere and must look alike (mean |Δ| < 12 of 255).
    const { data, info } = await sharp(panorama).raw().toBuffer({ resolveWithObject: true });
    let difference = 0;
    for (let y = 0; y < info.height; y++) {
      for (let c = 0; c < 3; c++) difference += Math.abs(data[(y * info.width) * 3 + c] - data[(y * info.width + info.width - 1) * 3 + c]);
    }
    expect(difference / (info.height * 3)).toBeLessThan(12);
  });

  it('photos of every subject are 1600 × 1067 JPEGs, different per subject', async () => {
    const hashes = new Set<string>();
    for (const subject of DEMO_PHOTO_SUBJECTS) {
      const started = process.cpuUsage();
      const photo = await generateDemoPhoto(3, subject);
      const used = process.cpuUsage(started);
      expect((used.user + used.system) / 1000).toBeLessThan(1000);
      const metadata = await sharp(photo).metadata();
      expect([subject, metadata.format, metadata.width, metadata.height]).toEqual([subject, 'jpeg', 1600, 1067]);
      hashes.add(photo.toString('base64'));
    }
    expect(hashes.size).toBe(DEMO_PHOTO_SUBJECTS.length);
  });

  it('storeGeneratedMedia stores once per village (idempotent), marks rows generated, audits as cli:seed', async () => {
    const village = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { hasDraftChanges: false });
    const bytes = await generateDemoPhoto(11, 'bridge');
    const input = { villageId: village.id, kind: 'photo' as const, altZh: '生成的示例图像：石拱桥', altEn: 'Generated sample image: a stone arch bridge', bytes, sortOrder: 2 };
    const first = await storeGeneratedMedia(db, input, store);
    expect(first.created).toBe(true);
    expect(first.media).toMatchObject({ isGenerated: true, credit: '示例图像（程序生成）', altZh: '生成的示例图像：石拱桥', sortOrder: 2, width: 1600, height: 1067 });
    for (const variant of first.media.variants) expect(await store.exists(variant.key)).toBe(true);
    const second = await storeGeneratedMedia(db, input, store);
    expect(second).toEqual({ media: first.media, created: false });
    expect(await db.select({ id: villagesMedia.id }).from(villagesMedia).where(eq(villagesMedia.villageId, village.id))).toHaveLength(1);
    const audit = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.tableName, 'villages_media'), eq(accountsAuditLog.recordId, first.media.id)));
    expect(audit.map((row) => [row.action, row.actorLabel, row.actorId])).toEqual([['create', 'cli:seed', null]]);
    const [row] = await db.select({ hasDraftChanges: villagesVillages.hasDraftChanges, updatedBy: villagesVillages.updatedBy }).from(villagesVillages).where(eq(villagesVillages.id, village.id));
    expect(row).toEqual({ hasDraftChanges: true, updatedBy: null });
  });
});
