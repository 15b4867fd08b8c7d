import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@server/api/actor';
import { appRouter, createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { connectTestDb } from '@server/db/test-database';
import { TEST_REGIONS, createTestAccount, createTestModel, ensureTestRegions } from './test-fixtures';

/**
 * Walks every tRPC procedure of the app with four callers (issue #3): anonymous, a signed-in account of the
 * wrong role, a city-A (南昌) account aimed at a city-B (九江) record, and the province account aimed at the
 * same record. A procedure added without a row here fails the first test.
 */

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;

type Caller = ReturnType<typeof createCaller>;
/** What a call must give: success (optionally checked), or a tRPC error code. */
type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | ((result: unknown) => void);

interface Targets {
  /** City-B (九江 濂溪区) internal model and one of its elements. */
  modelB: { modelId: string; globalId: string };
  /** City-A (南昌 东湖区) internal model. */
  modelA: { modelId: string; globalId: string };
  /** A public model without region. */
  publicModel: { modelId: string; globalId: string };
  /** A fresh city-B account for each mutating call. */
  userB: () => Promise<string>;
}

interface Row {
  call: (caller: Caller, t: Targets) => Promise<unknown>;
  anonymous: Outcome;
  /** Signed in with a role the procedure does not allow (null: every signed-in role may call it). */
  wrongRole: Outcome | null;
  /** 南昌市 caller (admin where the procedure needs one) on the 九江 record. */
  cityAOnB: Outcome;
  /** Province caller (admin where needed) on the same record. */
  province: Outcome;
}

const ids = (result: unknown) => (result as { id: string }[]).map((m) => m.id);

let targets: Targets;
const callers: Record<'anonymous' | 'planner' | 'cityAdmin' | 'cityPlanner' | 'provinceAdmin' | 'provincePlanner', Caller> = {} as never;

const TABLE: Record<string, Row> = {
  'twin.models.list': {
    call: (c) => c.twin.models.list(),
    anonymous: (r) => {
      expect(ids(r)).toContain(targets.publicModel.modelId);
      expect(ids(r)).not.toContain(targets.modelA.modelId);
    },
    wrongRole: null,
    cityAOnB: (r) => {
      expect(ids(r)).toContain(targets.modelA.modelId);
      expect(ids(r)).not.toContain(targets.modelB.modelId);
    },
    province: (r) => expect(ids(r)).toEqual(expect.arrayContaining([targets.modelA.modelId, targets.modelB.modelId])),
  },
  'twin.models.byId': { call: (c, t) => c.twin.models.byId({ id: t.modelB.modelId }), anonymous: 'NOT_FOUND', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
  'twin.elements.list': { call: (c, t) => c.twin.elements.list({ modelId: t.modelB.modelId }), anonymous: 'NOT_FOUND', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
  'twin.elements.facets': { call: (c, t) => c.twin.elements.facets({ modelId: t.modelB.modelId }), anonymous: 'NOT_FOUND', wrongRole: null, cityAOnB: 'NOT_FOUND', province: 'ok' },
  'twin.elements.byGlobalId': {
    call: (c, t) => c.twin.elements.byGlobalId({ globalId: t.modelB.globalId }),
    anonymous: 'NOT_FOUND',
    wrongRole: null,
    cityAOnB: 'NOT_FOUND',
    province: (r) => expect((r as { modelId: string }).modelId).toBe(targets.modelB.modelId),
  },
  'twin.layers.list': {
    call: (c) => c.twin.layers.list(),
    anonymous: (r) => {
      expect(ids(r)).toContain(`model-${targets.publicModel.modelId}`);
      expect(ids(r)).not.toContain(`model-${targets.modelA.modelId}`);
    },
    wrongRole: null,
    cityAOnB: (r) => {
      expect(ids(r)).toContain(`model-${targets.modelA.modelId}`);
      expect(ids(r)).not.toContain(`model-${targets.modelB.modelId}`);
    },
    province: (r) => expect(ids(r)).toEqual(expect.arrayContaining([`model-${targets.modelA.modelId}`, `model-${targets.modelB.modelId}`])),
  },
  'twin.regions.list': { call: (c) => c.twin.regions.list({}), anonymous: 'ok', wrongRole: null, cityAOnB: 'ok', province: 'ok' },
  'accounts.me': {
    call: (c) => c.accounts.me(),
    anonymous: (r) => expect(r).toBeNull(),
    wrongRole: null,
    cityAOnB: (r) => expect(r).toMatchObject({ regionCode: TEST_REGIONS.nanchang, regionName: '南昌市', role: 'admin' }),
    province: (r) => expect(r).toMatchObject({ regionCode: TEST_REGIONS.province, role: 'admin' }),
  },
  'accounts.users.list': {
    call: (c) => c.accounts.users.list({}),
    anonymous: 'UNAUTHORIZED',
    wrongRole: 'FORBIDDEN',
    cityAOnB: (r) => expect((r as { regionCode: string }[]).every((u) => u.regionCode.startsWith('3601'))).toBe(true),
    province: (r) => expect((r as { regionCode: string }[]).some((u) => u.regionCode.startsWith('3604'))).toBe(true),
  },
  'accounts.users.create': {
    call: (c) =>
      c.accounts.users.create({ email: `new.${Math.random().toString(36).slice(2)}@test.gantwin.local`, name: '新用户', role: 'planner', regionCode: TEST_REGIONS.lianxi }),
    anonymous: 'UNAUTHORIZED',
    wrongRole: 'FORBIDDEN',
    cityAOnB: 'FORBIDDEN',
    province: (r) => expect((r as { oneTimePassword: string }).oneTimePassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/),
  },
  'accounts.users.update': {
    call: async (c, t) => c.accounts.users.update({ id: await t.userB(), role: 'inspector' }),
    anonymous: 'UNAUTHORIZED',
    wrongRole: 'FORBIDDEN',
    cityAOnB: 'NOT_FOUND',
    province: (r) => expect(r).toMatchObject({ role: 'inspector' }),
  },
  'accounts.users.disable': {
    call: async (c, t) => c.accounts.users.disable({ id: await t.userB() }),
    anonymous: 'UNAUTHORIZED',
    wrongRole: 'FORBIDDEN',
    cityAOnB: 'NOT_FOUND',
    province: (r) => expect(r).toMatchObject({ disabled: true }),
  },
  'accounts.users.enable': {
    call: async (c, t) => c.accounts.users.enable({ id: await t.userB() }),
    anonymous: 'UNAUTHORIZED',
    wrongRole: 'FORBIDDEN',
    cityAOnB: 'NOT_FOUND',
    province: (r) => expect(r).toMatchObject({ disabled: false }),
  },
  'accounts.users.resetPassword': {
    call: async (c, t) => c.accounts.users.resetPassword({ id: await t.userB() }),
    anonymous: 'UNAUTHORIZED',
    wrongRole: 'FORBIDDEN',
    cityAOnB: 'NOT_FOUND',
    province: (r) => expect(r).toMatchObject({ user: { mustChangePassword: true } }),
  },
  'accounts.audit.list': {
    call: (c) => c.accounts.audit.list({ tableName: 'accounts_users' }),
    anonymous: 'UNAUTHORIZED',
    wrongRole: 'FORBIDDEN',
    cityAOnB: (r) => {
      const rows = (r as { items: { recordRegionCode: string | null; actorRegionCode: string | null }[] }).items;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(`${row.recordRegionCode}|${row.actorRegionCode}`).toMatch(/(^3601|\|3601)/);
    },
    province: (r) => expect((r as { items: { recordRegionCode: string }[] }).items.some((row) => row.recordRegionCode?.startsWith('3604'))).toBe(true),
  },
};

async function outcomeOf(promise: Promise<unknown>): Promise<{ code: string; result?: unknown }> {
  try {
    return { code: 'ok', result: await promise };
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code };
    throw error;
  }
}

async function expectOutcome(expected: Outcome, promise: Promise<unknown>): Promise<void> {
  const { code, result } = await outcomeOf(promise);
  if (typeof expected === 'function') {
    expect(code).toBe('ok');
    expected(result);
  } else {
    expect(code).toBe(expected);
  }
}

const callerOf = (actor: Actor | null) => createCaller(createTrpcContext(db, actor));

beforeAll(async () => {
  await ensureTestRegions(db);
  const account = async (role: Parameters<typeof createTestAccount>[1], region: string) => (await createTestAccount(db, role, region)).actor;
  callers.anonymous = callerOf(null);
  callers.planner = callerOf(await account('planner', TEST_REGIONS.jiujiang));
  callers.cityAdmin = callerOf(await account('admin', TEST_REGIONS.nanchang));
  callers.cityPlanner = callerOf(await account('planner', TEST_REGIONS.nanchang));
  callers.provinceAdmin = callerOf(await account('admin', TEST_REGIONS.province));
  callers.provincePlanner = callerOf(await account('planner', TEST_REGIONS.province));
  targets = {
    modelA: await createTestModel(db, TEST_REGIONS.donghu),
    modelB: await createTestModel(db, TEST_REGIONS.lianxi),
    publicModel: await createTestModel(db, null, 'public'),
    userB: async () => (await createTestAccount(db, 'planner', TEST_REGIONS.lianxi)).actor.userId,
  };
});

describe('every tRPC procedure under anonymous, wrong-role, city-A-on-city-B and province callers', () => {
  it('has a row for every procedure of appRouter (and none for a procedure that is gone)', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  /** Admin-only procedures are called by admins; the others by planners (the role is not what is tested). */
  const needsAdmin = (name: string) => name.startsWith('accounts.users') || name.startsWith('accounts.audit') || name === 'accounts.me';

  for (const [name, row] of Object.entries(TABLE)) {
    it(`${name}: anonymous → ${typeof row.anonymous === 'string' ? row.anonymous : 'checked'}`, async () => {
      await expectOutcome(row.anonymous, row.call(callers.anonymous, targets));
    });
    if (row.wrongRole) {
      const wrongRole = row.wrongRole;
      it(`${name}: wrong role (planner) → ${typeof wrongRole === 'string' ? wrongRole : 'checked'}`, async () => {
        await expectOutcome(wrongRole, row.call(callers.planner, targets));
      });
    }
    it(`${name}: 南昌市 caller on a 九江市 record → ${typeof row.cityAOnB === 'string' ? row.cityAOnB : 'checked'}`, async () => {
      await expectOutcome(row.cityAOnB, row.call(needsAdmin(name) ? callers.cityAdmin : callers.cityPlanner, targets));
    });
    it(`${name}: province caller → ${typeof row.province === 'string' ? row.province : 'checked'}`, async () => {
      await expectOutcome(row.province, row.call(needsAdmin(name) ? callers.provinceAdmin : callers.provincePlanner, targets));
    });
  }
});

describe('bad input to accounts procedures', () => {
  it('is BAD_REQUEST naming the field, also for NUL characters (never a 500)', async () => {
    await expect(callers.provinceAdmin.accounts.users.disable({ id: 'a\u0000b' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('id: must not contain NUL') });
    await expect(callers.provinceAdmin.accounts.audit.list({ actorId: '\u0000' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('actorId') });
    await expect(callers.provinceAdmin.accounts.users.create({ email: 'not-an-email', name: 'x', role: 'planner', regionCode: '360100' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('email') });
    await expect(callers.provinceAdmin.accounts.users.create({ email: 'a@b.cn', name: 'x', role: 'superadmin' as never, regionCode: '360100' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('role') });
  });
});

describe('a signed-in account whose one-time password is pending', () => {
  it('may ask who it is but nothing protected, and sees only public models', async () => {
    const { actor } = await createTestAccount(db, 'admin', TEST_REGIONS.province);
    const pending = callerOf({ ...actor, mustChangePassword: true });
    await expect(pending.accounts.me()).resolves.toMatchObject({ mustChangePassword: true });
    await expect(pending.accounts.users.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(pending.twin.models.byId({ id: targets.modelA.modelId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(pending.twin.elements.byGlobalId({ globalId: targets.modelB.globalId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const listed = (await pending.twin.models.list()).map((m) => m.id);
    expect(listed).toContain(targets.publicModel.modelId);
    expect(listed).not.toContain(targets.modelA.modelId);
  });
});
