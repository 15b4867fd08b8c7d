import { randomUUID } from 'node:crypto';
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { accountsCredentials, accountsSessions, accountsUsers, type Role } from '@server/db/schema/accounts';
import { regions } from '@server/db/schema/regions';
import { ConflictError, NotFoundError, ScopeError } from '@kernel/errors';
import { InputError } from '@kernel/errors';
import { changedFields, recordAudit, type CliActor } from './audit';
import type { createUserInput, updateUserInput, userIdInput, usersListInput } from './inputs';
import { generateOneTimePassword, hashPassword } from './password';
import { PROVINCE_CODE, regionCovers, regionScopeSql } from './region-scope';
import type { Me, OneTimePasswordResult, UserSummary } from './types';

/**
 * Account administration (role `admin`): list, create, update role/region/name, disable/enable, reset password.
 * An admin manages only accounts whose region lies in its own scope, and can give only regions in that scope;
 * admins of its own region are managed from a wider region ({@link assertMayManage}).
 * Every write runs in one transaction with its audit row (audit.ts); passwords are stored only as argon2id
 * hashes in `accounts_credentials` (provider `credential`, the row better-auth signs in against).
 */

const summaryColumns = {
  id: accountsUsers.id,
  email: accountsUsers.email,
  name: accountsUsers.name,
  role: accountsUsers.role,
  regionCode: accountsUsers.regionCode,
  regionName: sql<string>`coalesce(${regions.name}, '')`,
  disabled: accountsUsers.disabled,
  mustChangePassword: accountsUsers.mustChangePassword,
  createdAt: accountsUsers.createdAt,
  updatedAt: accountsUsers.updatedAt,
};

async function selectUsers(db: Db, where: SQL | undefined): Promise<UserSummary[]> {
  return db
    .select(summaryColumns)
    .from(accountsUsers)
    .leftJoin(regions, eq(regions.code, accountsUsers.regionCode))
    .where(where)
    .orderBy(asc(accountsUsers.regionCode), asc(accountsUsers.email));
}

/** The account `id` if the actor's scope covers it. @throws {NotFoundError} otherwise (nothing is revealed). */
async function userInScope(db: Db, actor: Actor, id: string): Promise<UserSummary> {
  const [user] = await selectUsers(db, and(eq(accountsUsers.id, id), regionScopeSql(accountsUsers.regionCode, actor.regionCode)));
  if (!user) throw new NotFoundError(`account ${id} does not exist`, { context: { userId: id } });
  return user;
}

/**
 * Checks that a region exists and that the actor may give it.
 * @throws {InputError} when `regions` has no such code; {@link ScopeError} when it lies outside the actor's scope
 */
async function assertAssignableRegion(db: Db, actor: Actor | CliActor, regionCode: string): Promise<void> {
  const [region] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, regionCode));
  if (!region) throw new InputError(`regionCode: no region has code ${regionCode} (see twin.regions.list)`, { context: { regionCode } });
  if ('userId' in actor && !regionCovers(actor.regionCode, regionCode)) {
    throw new ScopeError(`regionCode: ${regionCode} lies outside your region ${actor.regionCode}`, { context: { regionCode } });
  }
}

/**
 * Admins are managed from a wider region only: a city admin manages its counties' admins but not a fellow city
 * admin (else any admin could take over its peers by resetting their passwords); province admins manage every
 * account, province admins included. Non-admin accounts in scope are always manageable.
 * @throws {ScopeError} naming the rule
 */
function assertMayManage(actor: Actor | CliActor, target: { role: Role; regionCode: string }): void {
  if (!('userId' in actor) || target.role !== 'admin' || actor.regionCode === PROVINCE_CODE) return;
  if (target.regionCode === actor.regionCode) {
    throw new ScopeError(`an admin of ${target.regionCode} is managed by an admin of a wider region, not by a peer`, { context: { regionCode: target.regionCode } });
  }
}

/** Accounts in the actor's scope; `q` matches e-mail or name (case-insensitive substring). */
export async function listUsers(db: Db, actor: Actor, input: z.output<typeof usersListInput>): Promise<UserSummary[]> {
  const filters: SQL[] = [regionScopeSql(accountsUsers.regionCode, actor.regionCode)];
  if (input.q) {
    const pattern = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(accountsUsers.email, pattern), ilike(accountsUsers.name, pattern)) as SQL);
  }
  return selectUsers(db, and(...filters));
}

/**
 * Creates an account with a one-time password (it must be changed at first sign-in).
 * @throws {InputError} unknown region; {@link ScopeError} region outside the actor's scope;
 *   {@link ConflictError} e-mail already used
 */
export async function createUser(db: Db, actor: Actor | CliActor, input: z.output<typeof createUserInput>): Promise<OneTimePasswordResult> {
  await assertAssignableRegion(db, actor, input.regionCode);
  assertMayManage(actor, input);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: accountsUsers.id }).from(accountsUsers).where(eq(accountsUsers.email, input.email));
    if (taken) throw new ConflictError(`email: ${input.email} already has an account`, { context: { email: input.email } });
    await tx.insert(accountsUsers).values({ id, ...input, mustChangePassword: true });
    await tx.insert(accountsCredentials).values({ id: randomUUID(), accountId: id, providerId: 'credential', userId: id, password: passwordHash });
    await recordAudit(tx, actor, { action: 'create', tableName: 'accounts_users', recordId: id, recordRegionCode: input.regionCode, after: { ...input, disabled: false } });
  });
  const [user] = await selectUsers(db, eq(accountsUsers.id, id));
  return { user, oneTimePassword };
}

/**
 * Changes an account's role, region or name.
 * @throws {NotFoundError} account outside scope; {@link ScopeError} new region outside scope;
 *   {@link ConflictError} an admin changing its own role or region (it would lock itself out)
 */
export async function updateUser(db: Db, actor: Actor, input: z.output<typeof updateUserInput>): Promise<UserSummary> {
  const user = await userInScope(db, actor, input.id);
  const { id, ...requested } = input;
  const change = Object.fromEntries(Object.entries(requested).filter(([, v]) => v !== undefined)) as Partial<Pick<UserSummary, 'role' | 'regionCode' | 'name'>>;
  if (id === actor.userId && (change.role !== undefined || change.regionCode !== undefined)) {
    throw new ConflictError('You cannot change your own role or region; ask another admin', { context: { userId: id } });
  }
  if (change.regionCode) await assertAssignableRegion(db, actor, change.regionCode);
  assertMayManage(actor, user);
  assertMayManage(actor, { role: change.role ?? user.role, regionCode: change.regionCode ?? user.regionCode });
  const diff = changedFields(user, change);
  if (Object.keys(diff.after).length === 0) return user;
  await db.transaction(async (tx) => {
    await tx.update(accountsUsers).set({ ...diff.after, updatedAt: new Date() }).where(eq(accountsUsers.id, id));
    await recordAudit(tx, actor, { action: 'update', tableName: 'accounts_users', recordId: id, recordRegionCode: change.regionCode ?? user.regionCode, ...diff });
  });
  return userInScope(db, actor, id);
}

/**
 * Disables (`disabled = true`: sign-in refused, sessions deleted) or re-enables an account.
 * @throws {NotFoundError} account outside scope; {@link ConflictError} disabling oneself
 */
export async function setUserDisabled(db: Db, actor: Actor, input: z.output<typeof userIdInput>, disabled: boolean): Promise<UserSummary> {
  const user = await userInScope(db, actor, input.id);
  if (disabled && input.id === actor.userId) throw new ConflictError('You cannot disable your own account', { context: { userId: input.id } });
  assertMayManage(actor, user);
  if (user.disabled === disabled) return user;
  await db.transaction(async (tx) => {
    await tx.update(accountsUsers).set({ disabled, updatedAt: new Date() }).where(eq(accountsUsers.id, input.id));
    if (disabled) await tx.delete(accountsSessions).where(eq(accountsSessions.userId, input.id));
    await recordAudit(tx, actor, {
      action: disabled ? 'disable' : 'enable',
      tableName: 'accounts_users',
      recordId: input.id,
      recordRegionCode: user.regionCode,
      before: { disabled: user.disabled },
      after: { disabled },
    });
  });
  return userInScope(db, actor, input.id);
}

/**
 * Issues a new one-time password: replaces the hash, requires a change at next sign-in, deletes sessions.
 * @throws {NotFoundError} account outside scope
 */
export async function resetPassword(db: Db, actor: Actor | CliActor, input: z.output<typeof userIdInput>): Promise<OneTimePasswordResult> {
  const user = 'userId' in actor ? await userInScope(db, actor, input.id) : (await selectUsers(db, eq(accountsUsers.id, input.id)))[0];
  if (!user) throw new NotFoundError(`account ${input.id} does not exist`, { context: { userId: input.id } });
  if (input.id !== ('userId' in actor ? actor.userId : null)) assertMayManage(actor, user);
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(accountsCredentials)
      .set({ password: passwordHash, updatedAt: new Date() })
      .where(and(eq(accountsCredentials.userId, input.id), eq(accountsCredentials.providerId, 'credential')))
      .returning({ id: accountsCredentials.id });
    if (updated.length === 0) {
      await tx.insert(accountsCredentials).values({ id: randomUUID(), accountId: input.id, providerId: 'credential', userId: input.id, password: passwordHash });
    }
    await tx.update(accountsUsers).set({ mustChangePassword: true, updatedAt: new Date() }).where(eq(accountsUsers.id, input.id));
    await tx.delete(accountsSessions).where(eq(accountsSessions.userId, input.id));
    await recordAudit(tx, actor, passwordAudit('reset-password', input.id, user.regionCode, user.mustChangePassword, true));
  });
  return { user: { ...user, mustChangePassword: true }, oneTimePassword };
}

/**
 * Bookkeeping after an account changed its own password through better-auth (auth-http-handler.ts): the
 * one-time password is no longer pending, and the change is audited (no secret recorded).
 */
export async function recordOwnPasswordChanged(db: Db, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(accountsUsers).set({ mustChangePassword: false, updatedAt: new Date() }).where(eq(accountsUsers.id, actor.userId));
    await recordAudit(tx, actor, passwordAudit('change-password', actor.userId, actor.regionCode, actor.mustChangePassword, false));
  });
}

/** The audit entry of a password event: only the `mustChangePassword` transition, never a secret. */
function passwordAudit(action: 'change-password' | 'reset-password', userId: string, regionCode: string, before: boolean, after: boolean) {
  return { action, tableName: 'accounts_users', recordId: userId, recordRegionCode: regionCode, before: { mustChangePassword: before }, after: { mustChangePassword: after } };
}

/**
 * The first-run command's work: creates a province admin when no admin exists yet.
 * @throws {ConflictError} when an admin already exists (use the admin pages, or `--reset` for a lost password)
 */
export async function createFirstAdmin(db: Db, input: { email: string; name: string }): Promise<OneTimePasswordResult> {
  const [existing] = await db.select({ email: accountsUsers.email }).from(accountsUsers).where(eq(accountsUsers.role, 'admin' satisfies Role)).limit(1);
  if (existing) throw new ConflictError(`an admin account already exists (${existing.email}); sign in as an admin to create accounts`);
  return createUser(db, { cli: 'create-admin' }, { email: input.email.trim().toLowerCase(), name: input.name, role: 'admin', regionCode: PROVINCE_CODE });
}

/** The signed-in caller with its region name (also while the one-time password is pending). */
export async function me(db: Db, actor: Actor): Promise<Me> {
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, actor.regionCode));
  const { userId, email, name, role, regionCode, mustChangePassword } = actor;
  return { userId, email, name, role, regionCode, regionName: region?.name ?? '', mustChangePassword };
}
