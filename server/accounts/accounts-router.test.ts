import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { connectTestDb } from '@server/db/test-database';
import { TEST_REGIONS, createTestAccount, createTestModel, ensureTestRegions } from './test-fixtures';

/**
 * Accounts procedures beyond the access walk (server/host/procedure-access.test.ts, rows in ./access-walk.ts): bad
 * input, and what an account with a pending one-time password may do.
 */

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;

const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));
let provinceAdmin: ReturnType<typeof callerOf>;
let modelA: { modelId: string; globalId: string };
let modelB: { modelId: string; globalId: string };
let publicModel: { modelId: string; globalId: string };

beforeAll(async () => {
  await ensureTestRegions(db);
  provinceAdmin = callerOf((await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor);
  modelA = await createTestModel(db, TEST_REGIONS.donghu);
  modelB = await createTestModel(db, TEST_REGIONS.lianxi);
  publicModel = await createTestModel(db, null, 'public');
});

describe('bad input to accounts procedures', () => {
  it('is BAD_REQUEST naming the field, also for NUL characters (never a 500)', async () => {
    await expect(provinceAdmin.accounts.users.disable({ id: 'a\u0000b' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('id: must not contain NUL') });
    await expect(provinceAdmin.accounts.audit.list({ actorId: '\u0000' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('actorId') });
    await expect(provinceAdmin.accounts.users.create({ email: 'not-an-email', name: 'x', role: 'planner', regionCode: '360100' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('email') });
    await expect(provinceAdmin.accounts.users.create({ email: 'a@b.cn', name: 'x', role: 'superadmin' as never, regionCode: '360100' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('role') });
  });
});

describe('a signed-in account whose one-time password is pending', () => {
  it('may ask who it is but nothing protected, and sees only public models', async () => {
    const { actor } = await createTestAccount(db, 'admin', TEST_REGIONS.province);
    const pending = callerOf({ ...actor, mustChangePassword: true });
    await expect(pending.accounts.me()).resolves.toMatchObject({ mustChangePassword: true });
    await expect(pending.accounts.users.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(pending.twin.models.byId({ id: modelA.modelId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(pending.twin.elements.byGlobalId({ globalId: modelB.globalId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = (await pending.twin.models.list()).map((m) => m.id);
    expect(listed).toContain(publicModel.modelId);
    expect(listed).not.toContain(modelA.modelId);
  });
});
