import { expect } from 'vitest';
import { definePlateAccessWalk } from '@server/host/access-walk';
import { TEST_REGIONS } from './test-fixtures';

/**
 * The accounts plate's rows of the access walk (server/host/procedure-access.test.ts): every procedure is an
 * admin's, so the city and province callers are admins; city B's record is a fresh 九江 planner per call.
 */

interface AccountsTargets {
  /** A fresh city-B account for each mutating call. */
  userB: () => Promise<string>;
}

/** The accounts plate's access walk. */
export const ACCESS_WALK = definePlateAccessWalk<AccountsTargets>({
  async setUp({ account }) {
    return { userB: async () => (await account('planner', TEST_REGIONS.lianxi)).userId };
  },
  rows: {
    'accounts.me': {
      callerRole: 'admin',
      call: (c) => c.accounts.me(),
      anonymous: (r) => expect(r).toBeNull(),
      wrongRole: null,
      cityAOnB: (r) => expect(r).toMatchObject({ regionCode: TEST_REGIONS.nanchang, regionName: '南昌市', role: 'admin' }),
      province: (r) => expect(r).toMatchObject({ regionCode: TEST_REGIONS.province, role: 'admin' }),
    },
    'accounts.users.list': {
      callerRole: 'admin',
      call: (c) => c.accounts.users.list({}),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: (r) => expect((r as { regionCode: string }[]).every((u) => u.regionCode.startsWith('3601'))).toBe(true),
      province: (r) => expect((r as { regionCode: string }[]).some((u) => u.regionCode.startsWith('3604'))).toBe(true),
    },
    'accounts.users.create': {
      callerRole: 'admin',
      call: (c) =>
        c.accounts.users.create({ email: `new.${Math.random().toString(36).slice(2)}@test.gantwin.local`, name: '新用户', role: 'planner', regionCode: TEST_REGIONS.lianxi }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'FORBIDDEN',
      province: (r) => expect((r as { oneTimePassword: string }).oneTimePassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/),
    },
    'accounts.users.update': {
      callerRole: 'admin',
      call: async (c, t) => c.accounts.users.update({ id: await t.userB(), role: 'inspector' }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ role: 'inspector' }),
    },
    'accounts.users.disable': {
      callerRole: 'admin',
      call: async (c, t) => c.accounts.users.disable({ id: await t.userB() }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ disabled: true }),
    },
    'accounts.users.enable': {
      callerRole: 'admin',
      call: async (c, t) => c.accounts.users.enable({ id: await t.userB() }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ disabled: false }),
    },
    'accounts.users.resetPassword': {
      callerRole: 'admin',
      call: async (c, t) => c.accounts.users.resetPassword({ id: await t.userB() }),
      anonymous: 'UNAUTHORIZED',
      wrongRole: 'FORBIDDEN',
      cityAOnB: 'NOT_FOUND',
      province: (r) => expect(r).toMatchObject({ user: { mustChangePassword: true } }),
    },
    'accounts.audit.list': {
      callerRole: 'admin',
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

  },
});
