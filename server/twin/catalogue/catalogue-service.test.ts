import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { accountsAuditLog } from '@server/db/schema/accounts';
import { layers } from '@server/db/schema/twin';
import { connectTestDb } from '@server/db/test-database';
import { listLayers } from '../layers-service';
import { CATALOGUE_LAYERS_MAX_PER_REGION } from './catalogue-service';
import { forgetTwinPageOrigins, twinPageOrigins } from './csp-origins';

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());

let provinceAdmin: Actor;
let nanchangAdmin: Actor;
let nanchangPlanner: Actor;
let jiujiangPlanner: Actor;
const caller = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));
const stamp = Math.random().toString(36).slice(2, 8);

const imagery = (regionCode: string, visibility: 'public' | 'internal', host: string) => ({
  kind: 'imagery' as const,
  url: `https://${host}/{z}/{x}/{y}.png`,
  options: { scheme: 'xyz' as const },
  title: `影像 ${host}`,
  titleEn: `Imagery ${host}`,
  cimLevel: 1,
  regionCode,
  visibility,
  attribution: '© 南昌市测绘院',
});

beforeAll(async () => {
  await ensureTestRegions(db);
  provinceAdmin = (await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor;
  nanchangAdmin = (await createTestAccount(db, 'admin', TEST_REGIONS.nanchang)).actor;
  nanchangPlanner = (await createTestAccount(db, 'planner', TEST_REGIONS.donghu)).actor;
  jiujiangPlanner = (await createTestAccount(db, 'planner', TEST_REGIONS.jiujiang)).actor;
});

describe('twin.catalogue register / update / remove', () => {
  it('a city admin registers for a county of its city; the row is marked registered, audited, and credits its attribution', async () => {
    const entry = await caller(nanchangAdmin).twin.catalogue.register(imagery(TEST_REGIONS.donghu, 'internal', `nc-${stamp}.example`));
    expect(entry).toMatchObject({ origin: 'registered', regionCode: TEST_REGIONS.donghu, visibility: 'internal', kind: 'imagery', attribution: '© 南昌市测绘院' });
    expect(entry.id).toMatch(/^catalogue-[0-9a-f]{12}$/);
    expect(entry.options).toMatchObject({ scheme: 'xyz', credit: '© 南昌市测绘院' });
    const [row] = await db.select({ createdBy: layers.createdBy }).from(layers).where(eq(layers.id, entry.id));
    expect(row.createdBy).toBe(nanchangAdmin.userId);
    const audit = await db.select().from(accountsAuditLog).where(and(eq(accountsAuditLog.recordId, entry.id), eq(accountsAuditLog.tableName, 'layers')));
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0].actorId).toBe(nanchangAdmin.userId);
  });

  it('a city admin cannot register for another city (FORBIDDEN, nothing written)', async () => {
    const before = await db.select({ id: layers.id }).from(layers);
    await expect(caller(nanchangAdmin).twin.catalogue.register(imagery(TEST_REGIONS.lianxi, 'public', `jj-${stamp}.example`))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('360402 lies outside your region 360100'),
    });
    expect((await db.select({ id: layers.id }).from(layers)).length).toBe(before.length);
  });

  it.each([
    ['javascript:alert(1)', 'must start with https:// or http://'],
    ['https://admin:pw@tiles.example/{z}/{x}/{y}.png', 'user name or password'],
    ['https://tiles.example/{z}/{x}.png', 'must contain {y}'],
  ])('refuses the hostile URL %j with BAD_REQUEST naming the problem', async (url, reason) => {
    await expect(caller(provinceAdmin).twin.catalogue.register({ ...imagery(TEST_REGIONS.nanchang, 'public', 'x.example'), url })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(reason),
    });
  });

  it('refuses unknown kind options and WMTS ids with markup', async () => {
    const base = imagery(TEST_REGIONS.nanchang, 'public', 'x.example');
    await expect(caller(provinceAdmin).twin.catalogue.register({ ...base, options: { scheme: 'xyz', evil: 1 } as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller(provinceAdmin).twin.catalogue.register({ ...base, url: 'https://w.example/{TileMatrix}/{TileRow}/{TileCol}', options: { scheme: 'wmts', layer: '<script>' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('options.layer') });
  });

  it('update and remove stay inside the scope and are audited', async () => {
    const entry = await caller(provinceAdmin).twin.catalogue.register(imagery(TEST_REGIONS.lianxi, 'internal', `jj2-${stamp}.example`));
    await expect(caller(nanchangAdmin).twin.catalogue.update({ id: entry.id, title: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller(provinceAdmin).twin.catalogue.update({ id: 'regions-city', title: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const updated = await caller(provinceAdmin).twin.catalogue.update({ id: entry.id, visibility: 'public', sortOrder: 5 });
    expect(updated).toMatchObject({ visibility: 'public', sortOrder: 5 });
    await caller(provinceAdmin).twin.catalogue.remove({ id: entry.id });
    expect(await db.select().from(layers).where(eq(layers.id, entry.id))).toEqual([]);
    const audit = await db.select().from(accountsAuditLog).where(eq(accountsAuditLog.recordId, entry.id)).orderBy(accountsAuditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[1].after).toEqual({ visibility: 'public', sortOrder: 5 });
  });
});

describe('the per-region cap', () => {
  it(`refuses a region's layer number ${CATALOGUE_LAYERS_MAX_PER_REGION + 1} with CONFLICT, and writes nothing`, async () => {
    const region = TEST_REGIONS.lianxi;
    const held = async () =>
      (await db.select({ count: sql<number>`count(*)::int` }).from(layers).where(and(eq(layers.regionCode, region), ne(layers.origin, 'seed'))))[0].count;
    const created: string[] = [];
    try {
      // One origin for all of them: the CSP budget is not what this test is about.
      for (let count = await held(); count < CATALOGUE_LAYERS_MAX_PER_REGION; count++) {
        created.push((await caller(provinceAdmin).twin.catalogue.register(imagery(region, 'internal', `cap-${stamp}.example`))).id);
      }
      expect(await held()).toBe(CATALOGUE_LAYERS_MAX_PER_REGION);
      await expect(caller(provinceAdmin).twin.catalogue.register(imagery(region, 'internal', `cap-${stamp}.example`))).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining(`at most ${CATALOGUE_LAYERS_MAX_PER_REGION}`),
      });
      expect(await held()).toBe(CATALOGUE_LAYERS_MAX_PER_REGION);
    } finally {
      if (created.length > 0) await db.delete(layers).where(inArray(layers.id, created));
    }
  });
});

describe('visibility of registered layers and their CSP origins', () => {
  it('anonymous and other cities never see an internal layer; its region sees it; public ones are seen by all', async () => {
    const internal = await caller(provinceAdmin).twin.catalogue.register(imagery(TEST_REGIONS.donghu, 'internal', `int-${stamp}.example`));
    const open = await caller(provinceAdmin).twin.catalogue.register({
      ...imagery(TEST_REGIONS.lianxi, 'public', `t{s}.pub-${stamp}.example`),
      options: { scheme: 'xyz', subdomains: ['0', '1'] },
    });
    const ids = async (actor: Actor | null) => (await listLayers(db, actor)).map((l) => l.id);
    expect(await ids(null)).not.toContain(internal.id);
    expect(await ids(null)).toContain(open.id);
    expect(await ids(jiujiangPlanner)).not.toContain(internal.id);
    expect(await ids(nanchangPlanner)).toContain(internal.id);
    expect(await ids({ ...nanchangPlanner, mustChangePassword: true })).not.toContain(internal.id);
    expect(await ids(provinceAdmin)).toContain(internal.id);

    forgetTwinPageOrigins();
    const anonymousOrigins = await twinPageOrigins(db, null);
    expect(anonymousOrigins).toEqual(expect.arrayContaining([`https://t0.pub-${stamp}.example`, `https://t1.pub-${stamp}.example`]));
    expect(anonymousOrigins).not.toContain(`https://int-${stamp}.example`);
    expect(anonymousOrigins.every((o) => !o.includes('*'))).toBe(true);
    expect(await twinPageOrigins(db, nanchangPlanner)).toContain(`https://int-${stamp}.example`);
    expect(await twinPageOrigins(db, jiujiangPlanner)).not.toContain(`https://int-${stamp}.example`);
  });

  it('reuses the origin list for 10 s, then reads it again', async () => {
    forgetTwinPageOrigins();
    const t0 = 1_000_000;
    await twinPageOrigins(db, null, t0);
    const later = await caller(provinceAdmin).twin.catalogue.register(imagery(TEST_REGIONS.nanchang, 'public', `late-${stamp}.example`));
    expect(await twinPageOrigins(db, null, t0 + 9_000)).not.toContain(`https://late-${stamp}.example`);
    expect(await twinPageOrigins(db, null, t0 + 10_001)).toContain(`https://late-${stamp}.example`);
    await caller(provinceAdmin).twin.catalogue.remove({ id: later.id });
  });
});
