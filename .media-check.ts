import { readFile, writeFile, rm } from 'node:fs/promises';
import { dropDatabase } from '@server/db/local-cluster';
import { provisionDatabase } from '@server/db/provision';
import { createDb } from '@server/db/client';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { villagesPanoramas, villagesVillages } from '@server/db/schema/villages';
import { LocalObjectStore } from '@server/storage/local-store';
import { publishVillage } from '@server/villages/public-village';
import { createMedia } from '@server/villages/media/media-service';
import { createTestBuilding, createTestVillage } from '@server/villages/media/media-test-fixtures';
import { eq } from 'drizzle-orm';
const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = 'gantwin_e2e_media';
await dropDatabase(admin, name).catch(() => undefined);
await rm('.gantwin/media-check-storage', { recursive: true, force: true });
const database = await provisionDatabase(admin, name, {});
const { db, pool } = createDb(database.appUrl, 2);
await ensureTestRegions(db);
const { actor } = await createTestAccount(db, 'officer', TEST_REGIONS.lianxi);
const village = await createTestVillage(db, TEST_REGIONS.lianxi);
await db.update(villagesVillages).set({ isDemo: true, nameEn: 'Test Village' }).where(eq(villagesVillages.id, village.id));
const building = await createTestBuilding(db, village.id);
const store = new LocalObjectStore('.gantwin/media-check-storage');
const p1 = await createMedia(db, actor, { villageId: village.id, kind: 'panorama', altZh: '生成的示例全景：河边的村落', altEn: 'Generated sample panorama: the village by the river' }, await readFile('/tmp/demo/pano-5.jpg'), store);
const p2 = await createMedia(db, actor, { villageId: village.id, kind: 'panorama', altZh: '生成的示例全景：村口', altEn: null }, await readFile('/tmp/demo/pano-6.jpg'), store);
const [a] = await db.insert(villagesPanoramas).values({ villageId: village.id, mediaId: p1.id, titleZh: '河边', titleEn: 'Riverside', headingDeg: 30, hotspots: [] }).returning({ id: villagesPanoramas.id });
const [b] = await db.insert(villagesPanoramas).values({ villageId: village.id, mediaId: p2.id, titleZh: '村口', titleEn: null, headingDeg: 200, hotspots: [] }).returning({ id: villagesPanoramas.id });
await db.update(villagesPanoramas).set({ hotspots: [
  { yawDeg: 0, pitchDeg: 0, target: { kind: 'building', id: building }, labelZh: '测试祠堂 <b>x</b>', labelEn: 'Test hall' },
  { yawDeg: 60, pitchDeg: -5, target: { kind: 'panorama', id: b.id }, labelZh: '去村口', labelEn: 'To the entrance' },
] }).where(eq(villagesPanoramas.id, a.id));
await db.update(villagesPanoramas).set({ hotspots: [{ yawDeg: -90, pitchDeg: 0, target: { kind: 'panorama', id: a.id }, labelZh: '回河边', labelEn: null }] }).where(eq(villagesPanoramas.id, b.id));
await publishVillage(db, actor, { code: village.code });
await writeFile('/tmp/media-check.json', JSON.stringify({ appUrl: database.appUrl, code: village.code, a: a.id, b: b.id, building }));
await pool.end();
