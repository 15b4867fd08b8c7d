import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import type { Actor } from '@server/api/actor';
import { accountsUsers } from '@server/db/schema/accounts';
import { connectTestDb } from '@server/db/test-database';
import { TEST_REGIONS, createTestAccount, ensureTestRegions } from './test-fixtures';

/**
 * Bad and racing input fed on purpose to the accounts procedures, through the same caller and error mapping as
 * HTTP: each must answer a 4xx naming the field (never INTERNAL_SERVER_ERROR, which is a 500).
 */

const connection = connectTestDb();
const db = connection.db;
let admin: Actor;

beforeAll(async () => {
  await ensureTestRegions(db);
  admin = (await createTestAccount(db, 'admin', TEST_REGIONS.province)).actor;
});
afterAll(() => connection.pool.end());

/** The error a call rejects with (fails the test when it resolves). */
async function errorOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await call.then(
    () => expect.fail('expected the call to be rejected'),
    (e: unknown) => e,
  );
  return error as { code: string; message: string };
}

describe('accounts.audit.list: time filters outside 1970-01-01 … 9999-12-31 are BAD_REQUEST naming the field', () => {
  it.each<[string, Date, string]>([
    ['the largest JS date (year 275760)', new Date(8.64e15), 'got +275760-09-13T00:00:00.000Z'],
    ['an invalid date (8.64e15 + 1 ms)', new Date(8.64e15 + 1), 'got an invalid date'],
    ['year 10000', new Date('+010000-01-01T00:00:00Z'), 'got +010000-01-01T00:00:00.000Z'],
    ['year -1', new Date('-000001-01-01T00:00:00Z'), 'got -000001-01-01T00:00:00.000Z'],
    ['1969', new Date('1969-12-31T23:59:59Z'), 'got 1969-12-31T23:59:59.000Z'],
  ])('from = %s', async (_label, from, got) => {
    const caller = createCaller(createTrpcContext(db, admin));
    const error = await errorOf(caller.accounts.audit.list({ from }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: `Invalid input: from: must be a date from 1970-01-01 to 9999-12-31 (UTC), ${got}` });
    const upper = await errorOf(caller.accounts.audit.list({ to: from }));
    expect(upper).toMatchObject({ code: 'BAD_REQUEST', message: `Invalid input: to: must be a date from 1970-01-01 to 9999-12-31 (UTC), ${got}` });
  });

  it('accepts the edges of the range', async () => {
    const caller = createCaller(createTrpcContext(db, admin));
    const page = await caller.accounts.audit.list({ from: new Date('1970-01-01T00:00:00Z'), to: new Date('9999-12-31T23:59:59.999Z') });
    expect(page.total).toBeGreaterThan(0);
  });
});

describe('accounts.users.create: a duplicate e-mail is CONFLICT, also when two creates race', () => {
  it('a create that passed the "already used?" check and then hits the unique index answers CONFLICT (409), not 500', async () => {
    const caller = createCaller(createTrpcContext(db, admin));
    const email = `race.${randomUUID().slice(0, 8)}@test.gantwin.local`;
    let pending: Promise<unknown> | undefined;
    // A concurrent create holds the e-mail in an open transaction: ours sees no row, inserts and waits on the
    // index until the other commits, then fails with PostgreSQL 23505 on accounts_users_email_key.
    await db.transaction(async (tx) => {
      await tx.insert(accountsUsers).values({ id: randomUUID(), email, name: 'first', role: 'planner', regionCode: TEST_REGIONS.nanchang });
      // This transaction's id as pg_locks shows it (32-bit xid: txid_current() without its epoch).
      const { rows } = await tx.execute<{ xid: string }>(sql`select mod(txid_current(), 4294967296)::text as xid`);
      pending = caller.accounts.users.create({ email, name: 'second', role: 'planner', regionCode: TEST_REGIONS.nanchang });
      pending.catch(() => undefined);
      for (let i = 0; ; i++) {
        const waiting = await db.execute(sql`select 1 from pg_locks where not granted and locktype = 'transactionid' and transactionid::text = ${rows[0].xid}`);
        if (waiting.rows.length > 0) break;
        if (i > 400) throw new Error('the second create never waited on the e-mail index');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    const error = await errorOf(pending ?? Promise.resolve());
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'email: this address already has an account' });
  });

  it('of eight parallel creates with one e-mail, one succeeds and seven answer CONFLICT', async () => {
    const caller = createCaller(createTrpcContext(db, admin));
    const email = `parallel.${randomUUID().slice(0, 8)}@test.gantwin.local`;
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => caller.accounts.users.create({ email, name: `parallel ${i}`, role: 'planner', regionCode: TEST_REGIONS.nanchang })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []));
    expect(codes).toEqual(Array(7).fill('CONFLICT'));
  });
});
