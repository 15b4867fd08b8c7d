import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotFoundError, ScopeError } from '@kernel/errors';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { createCallerFactory, createTrpcContext } from '@server/api/trpc';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { villagesMedia, villagesPanoramas, villagesVillages } from '@server/db/schema/villages';
import { connectTestDb } from '@server/db/test-database';
import { LocalObjectStore } from '@server/storage/local-store';
import { createMedia, deleteMedia, listVillageMedia, updateMedia } from './media-service';
import { villagesMediaRouter } from './media-router';
import { createDraftTestVillage, createTestBuilding, testJpeg } from '../test-fixtures';

const connection = connectTestDb();
const db = connection.db;
let storeDir: string;
let store: LocalObjectStore;
const actors: Record<string, Actor> = {};
let village: { id: string; code: string };
let otherVillage: { id: string; code: string };

beforeAll(async () => {
  await ensureTestRegions(db);
  storeDir = await mkdtemp(path.join(os.tmpdir(), 'villages-media-service-'));
  store = new LocalObjectStore(storeDir);
  actors.lianxiOfficer = (await createTestAccount(db, 'officer', TEST_REGIONS.lianxi)).actor;
  actors.jiujiangAdmin = (await createTestAccount(db, 'admin', TEST_REGIONS.jiujiang)).actor;
  actors.donghuOfficer = (await createTestAccount(db, 'officer', TEST_REGIONS.donghu)).actor;
  actors.lianxiApplicant = (await createTestAccount(db, 'applicant', TEST_REGIONS.lianxi)).actor;
  actors.lianxiInspector = (await createTestAccount(db, 'inspector', TEST_REGIONS.lianxi)).actor;
  village = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { hasDraftChanges: false });
  otherVillage = await createDraftTestVillage(db, TEST_REGIONS.lianxi, { hasDraftChanges: false });
});
afterAll(async () => {
  await rm(storeDir, { recursive: true, force: true });
  await connection.pool.end();
});

const villageRow = async (id: string) => (await db.select().from(villagesVillages).where(eq(villagesVillages.id, id)))[0];

describe('createMedia', () => {
  it('stores the variants, inserts the row, flags the village as changed and audits it', async () => {
    const before = await villageRow(village.id);
    expect(before.hasDraftChanges).toBe(false);
    const media = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: '村口的古樟树', credit: '测试' }, await testJpeg(2000, 1500, 1), store);
    expect(media).toMatchObject({ villageId: village.id, kind: 'photo', altZh: '村口的古樟树', altEn: null, captionZh: '', credit: '测试', width: 2000, height: 1500, isGenerated: false, buildingId: null });
    expect(media.variants.map((v) => `${v.width}x${v.height}.${v.format}`)).toEqual([
      '480x360.avif', '480x360.webp', '480x360.jpeg', '960x720.avif', '960x720.webp', '960x720.jpeg', '1600x1200.avif', '1600x1200.webp', '1600x1200.jpeg',
    ]);
    for (const variant of media.variants) {
      expect(variant.key).toBe(`villages/media/${media.sourceSha256}/${variant.width}.${variant.format}`);
      expect((await store.head(variant.key))?.size).toBe(variant.bytes);
    }
    const after = await villageRow(village.id);
    expect(after.hasDraftChanges).toBe(true);
    expect(after.updatedBy).toBe(actors.lianxiOfficer.userId);
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    const audit = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.tableName, 'villages_media'), eq(accountsAuditLog.recordId, media.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorId: actors.lianxiOfficer.userId, recordRegionCode: TEST_REGIONS.lianxi });
    expect(audit[0].after).toMatchObject({ kind: 'photo', sourceSha256: media.sourceSha256, width: 2000, height: 1500 });
  });

  it('refuses the same image twice in one village (409), but a city admin may add it to another village of the city', async () => {
    const bytes = await testJpeg(800, 600, 2);
    const first = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: '一' }, bytes, store);
    const again = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: '二' }, bytes, store).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as Error).message).toBe(`villages: this image is already media ${first.id} of the village ("一")`);
    const elsewhere = await createMedia(db, actors.jiujiangAdmin, { villageId: otherVillage.id, kind: 'photo', altZh: '三' }, bytes, store);
    expect(elsewhere.sourceSha256).toBe(first.sourceSha256);
    expect(elsewhere.variants).toEqual(first.variants);
  });

  it('refuses a curator of another county (NotFoundError, no probing), an applicant and an inspector (ScopeError), and writes nothing', async () => {
    const bytes = await testJpeg(800, 600, 3);
    const input = { villageId: village.id, kind: 'photo' as const, altZh: '越权' };
    const other = await createMedia(db, actors.donghuOfficer, input, bytes, store).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(NotFoundError);
    expect((other as Error).message).toBe(`villages: no village ${village.id} in your region`);
    for (const actor of [actors.lianxiApplicant, actors.lianxiInspector]) {
      const refused = await createMedia(db, actor, input, bytes, store).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ScopeError);
      expect((refused as Error).message).toMatch(/^villages: role (applicant|inspector) may not curate village media/);
    }
    expect(await db.select().from(villagesMedia).where(eq(villagesMedia.altZh, '越权'))).toEqual([]);
  });

  it('refuses a non-image, a panorama that is not 2:1 and a building of another village (InputError)', async () => {
    const php = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: 'x' }, Buffer.from('<?php echo 1; ?>'), store).catch((e: unknown) => e);
    expect(php).toBeInstanceOf(InputError);
    expect((php as Error).message).toMatch(/a php file \(detected by content\)/);
    const pano = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'panorama', altZh: 'x' }, await testJpeg(2400, 1600, 4), store).catch((e: unknown) => e);
    expect((pano as Error).message).toMatch(/must be equirectangular, 2:1/);
    const foreign = await createTestBuilding(db, otherVillage.id);
    const building = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: 'x', buildingId: foreign }, await testJpeg(800, 600, 5), store).catch((e: unknown) => e);
    expect((building as Error).message).toBe(`buildingId: ${foreign} is not a building of village ${village.id}`);
  });
});

describe('updateMedia, deleteMedia, listVillageMedia', () => {
  it('updates the text and building, auditing only the changed fields', async () => {
    const media = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: '旧', sortOrder: 5 }, await testJpeg(800, 600, 6), store);
    const building = await createTestBuilding(db, village.id);
    const updated = await updateMedia(db, actors.jiujiangAdmin, { id: media.id, altZh: '新', altEn: 'New', buildingId: building, sortOrder: 5 });
    expect(updated).toMatchObject({ altZh: '新', altEn: 'New', buildingId: building, sortOrder: 5 });
    const [audit] = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.recordId, media.id), eq(accountsAuditLog.action, 'update')));
    expect(audit.before).toEqual({ altZh: '旧', altEn: null, buildingId: null });
    expect(audit.after).toEqual({ altZh: '新', altEn: 'New', buildingId: building });
    await expect(updateMedia(db, actors.donghuOfficer, { id: media.id, altZh: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses to delete a panorama image in use or the cover (409), deletes otherwise and keeps the objects', async () => {
    const pano = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'panorama', altZh: '全景' }, await testJpeg(2048, 1024, 7), store);
    await db.insert(villagesPanoramas).values({ villageId: village.id, mediaId: pano.id, titleZh: '祠堂前' });
    const inUse = await deleteMedia(db, actors.lianxiOfficer, pano.id).catch((e: unknown) => e);
    expect(inUse).toBeInstanceOf(ConflictError);
    expect((inUse as Error).message).toBe(`villages: media ${pano.id} is the image of panorama "祠堂前"; delete or change the panorama first`);
    const cover = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: '封面' }, await testJpeg(800, 600, 8), store);
    await db.update(villagesVillages).set({ coverMediaId: cover.id }).where(eq(villagesVillages.id, village.id));
    await expect(deleteMedia(db, actors.lianxiOfficer, cover.id)).rejects.toThrow(/is the village's cover/);
    const plain = await createMedia(db, actors.lianxiOfficer, { villageId: village.id, kind: 'photo', altZh: '删除' }, await testJpeg(800, 600, 9), store);
    await expect(deleteMedia(db, actors.donghuOfficer, plain.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await deleteMedia(db, actors.lianxiOfficer, plain.id)).toEqual({ id: plain.id });
    expect(await db.select().from(villagesMedia).where(eq(villagesMedia.id, plain.id))).toEqual([]);
    expect(await store.exists(plain.variants[0].key)).toBe(true);
    const [audit] = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.recordId, plain.id), eq(accountsAuditLog.action, 'delete')));
    expect(audit.before).toMatchObject({ altZh: '删除', kind: 'photo' });
  });

  it('lists panoramas first, then by sort order; the router refuses an applicant (FORBIDDEN) and a foreign curator', async () => {
    const list = await listVillageMedia(db, actors.lianxiOfficer, village.id);
    expect(list[0].kind).toBe('panorama');
    expect(list.slice(1).every((m) => m.kind === 'photo')).toBe(true);
    const sortOrders = list.slice(1).map((m) => m.sortOrder);
    expect(sortOrders).toEqual([...sortOrders].sort((a, b) => a - b));
    const caller = createCallerFactory(villagesMediaRouter);
    expect((await caller(createTrpcContext(db, actors.lianxiOfficer)).list({ villageId: village.id })).map((m) => m.id)).toEqual(list.map((m) => m.id));
    await expect(caller(createTrpcContext(db, actors.lianxiApplicant)).list({ villageId: village.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller(createTrpcContext(db, actors.donghuOfficer)).list({ villageId: village.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller(createTrpcContext(db, actors.lianxiOfficer)).update({ id: list[0].id })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/nothing to change/) });
  });
});
