import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsAuditLog, accountsCredentials, accountsUsers } from '@server/db/schema/accounts';
import { connectTestDb } from '@server/db/test-database';
import { ConflictError, ScopeError } from '@kernel/errors';
import { InputError } from '@kernel/errors';
import { verifyPassword } from './password';
import { TEST_REGIONS, createTestAccount, ensureTestRegions } from './test-fixtures';
import { createUser, resetPassword, setUserDisabled, updateUser } from './users-service';

/** Account writes and their audit rows (issue #3: who, when, which record, before/after, address). */

const connection = connectTestDb();
afterAll(() => connection.pool.end());
const db = connection.db;

async function lastAudit(recordId: string) {
  const [row] = await db.select().from(accountsAuditLog).where(eq(accountsAuditLog.recordId, recordId)).orderBy(desc(accountsAuditLog.id)).limit(1);
  return row;
}

beforeAll(() => ensureTestRegions(db));

describe('account writes are audited with before/after', () => {
  it('create: the account, an argon2id credential that verifies the one-time password, and an audit row without secrets', async () => {
    const { actor: admin } = await createTestAccount(db, 'admin', TEST_REGIONS.province);
    const { user, oneTimePassword } = await createUser(db, admin, { email: 'zhang.gong@test.gantwin.local', name: '张工', role: 'planner', regionCode: TEST_REGIONS.nanchang });
    expect(user).toMatchObject({ role: 'planner', regionCode: '360100', regionName: '南昌市', disabled: false, mustChangePassword: true });
    const [credential] = await db.select().from(accountsCredentials).where(eq(accountsCredentials.userId, user.id));
    expect(credential.providerId).toBe('credential');
    expect(credential.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword({ hash: credential.password ?? '', password: oneTimePassword })).toBe(true);
    const audit = await lastAudit(user.id);
    expect(audit).toMatchObject({
      action: 'create',
      tableName: 'accounts_users',
      actorId: admin.userId,
      actorLabel: admin.email,
      ipAddress: '192.0.2.10',
      recordRegionCode: '360100',
      before: null,
      after: { email: 'zhang.gong@test.gantwin.local', name: '张工', role: 'planner', regionCode: '360100', disabled: false },
    });
    expect(JSON.stringify(audit)).not.toContain(oneTimePassword);
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });

  it('update: only the changed fields, before and after', async () => {
    const { actor: admin } = await createTestAccount(db, 'admin', TEST_REGIONS.nanchang);
    const { actor: target } = await createTestAccount(db, 'planner', TEST_REGIONS.donghu);
    const updated = await updateUser(db, admin, { id: target.userId, role: 'inspector', name: target.name });
    expect(updated.role).toBe('inspector');
    expect(await lastAudit(target.userId)).toMatchObject({ action: 'update', before: { role: 'planner' }, after: { role: 'inspector' } });
  });

  it('disable / enable / reset-password rows', async () => {
    const { actor: admin } = await createTestAccount(db, 'admin', TEST_REGIONS.province);
    const { actor: target } = await createTestAccount(db, 'officer', TEST_REGIONS.lianxi);
    await setUserDisabled(db, admin, { id: target.userId }, true);
    expect(await lastAudit(target.userId)).toMatchObject({ action: 'disable', before: { disabled: false }, after: { disabled: true } });
    await setUserDisabled(db, admin, { id: target.userId }, false);
    expect(await lastAudit(target.userId)).toMatchObject({ action: 'enable', before: { disabled: true }, after: { disabled: false } });
    const { oneTimePassword } = await resetPassword(db, admin, { id: target.userId });
    const audit = await lastAudit(target.userId);
    expect(audit).toMatchObject({ action: 'reset-password', after: { mustChangePassword: true } });
    expect(JSON.stringify(audit)).not.toContain(oneTimePassword);
  });

  it('a failed write leaves neither the record nor an audit row (duplicate e-mail)', async () => {
    const { actor: admin } = await createTestAccount(db, 'admin', TEST_REGIONS.province);
    const email = 'dup@test.gantwin.local';
    await createUser(db, admin, { email, name: 'first', role: 'planner', regionCode: TEST_REGIONS.nanchang });
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(accountsAuditLog);
    await expect(createUser(db, admin, { email, name: 'second', role: 'planner', regionCode: TEST_REGIONS.nanchang })).rejects.toBeInstanceOf(ConflictError);
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(accountsAuditLog);
    expect(after[0].n).toBe(before[0].n);
    expect(await db.select().from(accountsUsers).where(eq(accountsUsers.email, email))).toHaveLength(1);
  });
});

describe('account writes refuse', () => {
  it('a region outside the admin scope, an unknown region, and an admin changing or disabling itself', async () => {
    const { actor: cityAdmin } = await createTestAccount(db, 'admin', TEST_REGIONS.nanchang);
    await expect(createUser(db, cityAdmin, { email: 'x1@test.gantwin.local', name: 'x', role: 'planner', regionCode: TEST_REGIONS.province })).rejects.toBeInstanceOf(ScopeError);
    await expect(createUser(db, cityAdmin, { email: 'x2@test.gantwin.local', name: 'x', role: 'planner', regionCode: '369999' })).rejects.toThrow(InputError);
    await expect(updateUser(db, cityAdmin, { id: cityAdmin.userId, role: 'planner' })).rejects.toBeInstanceOf(ConflictError);
    await expect(setUserDisabled(db, cityAdmin, { id: cityAdmin.userId }, true)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('admins are managed from a wider region', () => {
  it('a city admin cannot create, reset, demote or disable a fellow city admin, but can a county admin; the province can', async () => {
    const { actor: cityAdmin } = await createTestAccount(db, 'admin', TEST_REGIONS.nanchang);
    const { actor: peer } = await createTestAccount(db, 'admin', TEST_REGIONS.nanchang);
    const { actor: countyAdmin } = await createTestAccount(db, 'admin', TEST_REGIONS.donghu);
    const { actor: provinceAdmin } = await createTestAccount(db, 'admin', TEST_REGIONS.province);
    await expect(createUser(db, cityAdmin, { email: 'peer2@test.gantwin.local', name: 'x', role: 'admin', regionCode: TEST_REGIONS.nanchang })).rejects.toBeInstanceOf(ScopeError);
    await expect(resetPassword(db, cityAdmin, { id: peer.userId })).rejects.toBeInstanceOf(ScopeError);
    await expect(updateUser(db, cityAdmin, { id: peer.userId, role: 'planner' })).rejects.toBeInstanceOf(ScopeError);
    await expect(setUserDisabled(db, cityAdmin, { id: peer.userId }, true)).rejects.toBeInstanceOf(ScopeError);
    const { actor: planner } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    await expect(updateUser(db, cityAdmin, { id: planner.userId, role: 'admin' })).rejects.toBeInstanceOf(ScopeError);
    await expect(resetPassword(db, cityAdmin, { id: countyAdmin.userId })).resolves.toMatchObject({ user: { id: countyAdmin.userId } });
    await expect(setUserDisabled(db, provinceAdmin, { id: peer.userId }, true)).resolves.toMatchObject({ disabled: true });
  });
});

describe('the audit trail is append-only', () => {
  const refusal = async (write: PromiseLike<unknown>) => {
    const error = await Promise.resolve(write).then(() => null, (e: unknown) => e as Error & { cause?: Error });
    return error?.cause?.message ?? error?.message ?? 'no error';
  };

  it('the app role has no UPDATE, DELETE or TRUNCATE privilege on it (server/db/app-privileges.ts)', async () => {
    const { actor } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
    const row = await lastAudit(actor.userId);
    expect(await refusal(db.update(accountsAuditLog).set({ actorLabel: 'forged' }).where(eq(accountsAuditLog.id, row.id)))).toBe('permission denied for table accounts_audit_log');
    expect(await refusal(db.delete(accountsAuditLog).where(eq(accountsAuditLog.id, row.id)))).toBe('permission denied for table accounts_audit_log');
    expect(await refusal(db.execute(sql`TRUNCATE accounts_audit_log`))).toBe('permission denied for table accounts_audit_log');
    expect((await lastAudit(actor.userId)).actorLabel).toBe('cli:test');
  });

  it('a trigger rejects UPDATE, DELETE and TRUNCATE even by the owner of the table', async () => {
    const owner = connectTestDb('owner');
    try {
      const { actor } = await createTestAccount(db, 'planner', TEST_REGIONS.nanchang);
      const row = await lastAudit(actor.userId);
      expect(await refusal(owner.db.update(accountsAuditLog).set({ actorLabel: 'forged' }).where(eq(accountsAuditLog.id, row.id)))).toBe('accounts_audit_log is append-only: UPDATE is not allowed');
      expect(await refusal(owner.db.delete(accountsAuditLog).where(eq(accountsAuditLog.id, row.id)))).toBe('accounts_audit_log is append-only: DELETE is not allowed');
      expect(await refusal(owner.db.execute(sql`TRUNCATE accounts_audit_log`))).toBe('accounts_audit_log is append-only: TRUNCATE is not allowed');
      expect((await lastAudit(actor.userId)).actorLabel).toBe('cli:test');
    } finally {
      await owner.pool.end();
    }
  });
});
