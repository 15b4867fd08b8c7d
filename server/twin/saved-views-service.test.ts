import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import { connectTestDb } from '@server/db/test-database';
import { SAVED_VIEWS_MAX_PER_ACCOUNT } from '@kernel/saved-view';

/** `twin.savedViews.*` against real PostgreSQL: own views only, name and camera checks, the per-account limit. */

const connection = connectTestDb();
const db = connection.db;
let mine: Actor;
let theirs: Actor;
const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));
const CAMERA = { lonDeg: 115.8549, latDeg: 28.6916, heightEllipsoidalM: 700, headingDeg: 20, pitchDeg: -35, rollDeg: 0 };

beforeAll(async () => {
  await ensureTestRegions(db);
  mine = (await createTestAccount(db, 'planner', TEST_REGIONS.nanchang)).actor;
  theirs = (await createTestAccount(db, 'inspector', TEST_REGIONS.jiujiang)).actor;
});
afterAll(() => connection.pool.end());

describe('twin.savedViews', () => {
  it('creates, lists (newest first) and removes my views, keeping camera and layer switches as given', async () => {
    const me = callerOf(mine).twin.savedViews;
    const first = await me.create({ name: '  红谷滩 示范区  ', camera: CAMERA, layerVisibility: { 'nanchang-roads': false, 'regions-county': true } });
    expect(first).toMatchObject({ name: '红谷滩 示范区', camera: CAMERA, layerVisibility: { 'nanchang-roads': false, 'regions-county': true } });
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    // CesiumJS reads a level camera's roll as 360 as often as 0.
    const second = await me.create({ name: 'Province', camera: { ...CAMERA, heightEllipsoidalM: 900_000, pitchDeg: -90, rollDeg: 360 } });
    expect(second.layerVisibility).toEqual({});
    expect((await me.list()).map((view) => view.id)).toEqual([second.id, first.id]);
    expect(await me.remove({ id: first.id })).toEqual({ id: first.id });
    expect((await me.list()).map((view) => view.id)).toEqual([second.id]);
    await expect(me.remove({ id: first.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `saved view ${first.id} does not exist` });
  });

  it('another account neither lists nor removes my view; anonymous callers are refused', async () => {
    const view = await callerOf(mine).twin.savedViews.create({ name: 'mine only', camera: CAMERA });
    const other = callerOf(theirs).twin.savedViews;
    expect((await other.list()).map((v) => v.id)).not.toContain(view.id);
    await expect(other.remove({ id: view.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await callerOf(mine).twin.savedViews.list()).map((v) => v.id)).toContain(view.id);
    await expect(callerOf(null).twin.savedViews.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerOf(null).twin.savedViews.create({ name: 'x', camera: CAMERA })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses bad names, cameras and layer maps with a message naming the field', async () => {
    const me = callerOf(mine).twin.savedViews;
    const refused = (input: unknown) => me.create(input as Parameters<typeof me.create>[0]);
    await expect(refused({ name: '   ', camera: CAMERA })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: name: must not be empty' });
    await expect(refused({ name: 'a\u0000b', camera: CAMERA })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: name: must not contain NUL (U+0000)' });
    await expect(refused({ name: '视'.repeat(81), camera: CAMERA })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: name: must be at most 80 characters, got 81' });
    await expect(refused({ name: 'x', camera: { ...CAMERA, latDeg: 91 } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: camera.latDeg: must be a number -90..90, got 91' });
    await expect(refused({ name: 'x', camera: { ...CAMERA, lonDeg: Number.NaN } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(refused({ name: 'x', camera: CAMERA, layerVisibility: { 'Not A Layer': true } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const tooMany = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`layer-${i}`, true]));
    await expect(refused({ name: 'x', camera: CAMERA, layerVisibility: tooMany })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid input: layerVisibility: must name at most 200 layers' });
    await expect(me.remove({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it(`keeps at most ${SAVED_VIEWS_MAX_PER_ACCOUNT} views per account, also when creates arrive at once`, async () => {
    const { actor } = await createTestAccount(db, 'officer', TEST_REGIONS.nanchang);
    const views = callerOf(actor).twin.savedViews;
    const outcomes = await Promise.allSettled(Array.from({ length: SAVED_VIEWS_MAX_PER_ACCOUNT + 5 }, (_, i) => views.create({ name: `view ${i}`, camera: CAMERA })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(SAVED_VIEWS_MAX_PER_ACCOUNT);
    const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refusals).toHaveLength(5);
    for (const refusal of refusals) expect(refusal.reason).toMatchObject({ code: 'CONFLICT', message: 'saved views: at most 50 per account; delete one first' });
    expect(await views.list()).toHaveLength(SAVED_VIEWS_MAX_PER_ACCOUNT);
  });
});
