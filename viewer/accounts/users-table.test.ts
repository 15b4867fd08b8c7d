import { describe, expect, it } from 'vitest';
import { isPeerAdmin } from './users-table';

describe('isPeerAdmin (mirrors the server rule: admins are managed from a wider region)', () => {
  const admin = (id: string, regionCode: string) => ({ id, role: 'admin' as const, regionCode });
  it('locks another admin of the same city or county', () => {
    expect(isPeerAdmin(admin('b', '360100'), 'a', '360100')).toBe(true);
    expect(isPeerAdmin(admin('b', '360102'), 'a', '360102')).toBe(true);
  });
  it('leaves oneself, narrower admins, non-admins and everything for a province admin', () => {
    expect(isPeerAdmin(admin('a', '360100'), 'a', '360100')).toBe(false);
    expect(isPeerAdmin(admin('b', '360102'), 'a', '360100')).toBe(false);
    expect(isPeerAdmin({ id: 'b', role: 'planner', regionCode: '360100' }, 'a', '360100')).toBe(false);
    expect(isPeerAdmin(admin('b', '360000'), 'a', '360000')).toBe(false);
  });
});
