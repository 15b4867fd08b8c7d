import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestAccount, ensureTestRegions, TEST_REGIONS } from '@server/accounts/test-fixtures';
import type { Actor } from '@server/api/actor';
import { createCaller } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { contentSecurityPolicy } from '@server/api/content-security-policy';
import { connectTestDb } from '@server/db/test-database';
import { MAX_PAGE_ORIGIN_CHARS, withinOriginBudget } from './csp-origins';

const connection = connectTestDb();
const db = connection.db;
afterAll(() => connection.pool.end());

let nanchangAdmin: Actor;
beforeAll(async () => {
  await ensureTestRegions(db);
  nanchangAdmin = (await createTestAccount(db, 'admin', TEST_REGIONS.nanchang)).actor;
});

/** 16 subdomains of 63 characters (the most a registration may list) on a long host: ≈ 4 KiB of origins. */
const longLabel = (i: number) => `${String.fromCharCode(97 + i)}${'x'.repeat(62)}`;
const longHost = `t{s}.${'h'.repeat(60)}.${'g'.repeat(60)}.example`;

describe('the registered origins fit the twin page policy', () => {
  it('refuses a registration that would push the policy past its budget (nginx answers 502 to a too-big header)', async () => {
    const registration = {
      kind: 'imagery' as const,
      url: `https://${longHost}/{z}/{x}/{y}.png`,
      options: { scheme: 'xyz' as const, subdomains: Array.from({ length: 16 }, (_, i) => longLabel(i)) },
      title: '影像',
      titleEn: 'Imagery',
      cimLevel: 1,
      regionCode: TEST_REGIONS.nanchang,
      visibility: 'public' as const,
      attribution: '',
    };
    await expect(createCaller(createTrpcContext(db, nanchangAdmin)).twin.catalogue.register(registration)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Content-Security-Policy'),
    });
  });

  it('lists at most MAX_PAGE_ORIGIN_CHARS of origins per directive, whole origins in order', () => {
    const origins = Array.from({ length: 200 }, (_, i) => `https://${longLabel(i % 26)}${i}.example`);
    const kept = withinOriginBudget(origins);
    expect(kept).toEqual(origins.slice(0, kept.length));
    expect(kept.join(' ').length + 1).toBeLessThanOrEqual(MAX_PAGE_ORIGIN_CHARS);
    expect(contentSecurityPolicy('bm9uY2U=', { dev: false, extraOrigins: kept }).length).toBeLessThan(2 * MAX_PAGE_ORIGIN_CHARS + 700);
  });
});
