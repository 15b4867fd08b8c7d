import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connectTestDb } from '@server/db/test-database';
import type { Logger } from '@kernel/logger';
import { limitToDeadline, type PlateSearch, type SearchResult } from './plate-search';
import { searchPlates } from './search-service';

/** The host's aggregation: parallel plates, a per-plate time bound enforced by PostgreSQL, failures kept apart. */

const connection = connectTestDb();

/** A logger that keeps every warn/error line. */
function recordingLogger(): { logger: Logger; entries: { level: 'warn' | 'error'; message: string }[] } {
  const entries: { level: 'warn' | 'error'; message: string }[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warn: (message) => void entries.push({ level: 'warn', message }), error: (message) => void entries.push({ level: 'error', message }) };
  return { logger, entries };
}
afterAll(() => connection.pool.end());

const result = (id: string): SearchResult => ({ kind: 'thing', id, title: { 'zh-CN': id, en: id }, subtitle: null, action: { type: 'open-url', url: `/things/${id}` } });
const quick: PlateSearch = async (db, _actor, query, limit) => {
  const [row] = (await db.execute<{ n: number }>(sql`SELECT 1 AS n`)).rows;
  return Array.from({ length: 30 }, (_, i) => result(`${query}-${i}-${row.n}`)).slice(0, limit + 5);
};
const slowSql: PlateSearch = async (db) => {
  await db.execute(sql`SELECT pg_sleep(5)`);
  return [result('never')];
};
/** Slow outside SQL (1 s): the host stops waiting at the bound; the transaction ends when the plate returns. */
const slowJs: PlateSearch = () => new Promise((resolve) => setTimeout(() => resolve([result('late')]), 1_000));
/** Three statements of 0.35 s each: each alone is under a 400 ms bound, together they are not. */
const chained: PlateSearch = async (db, _actor, _query, _limit, deadlineMs) => {
  for (let i = 0; i < 3; i++) {
    await limitToDeadline(db, deadlineMs);
    await db.execute(sql`SELECT pg_sleep(0.35)`);
  }
  return [result('chained')];
};
const failing: PlateSearch = async () => {
  throw new Error('plate bug');
};
const writing: PlateSearch = async (db) => {
  await db.execute(sql`CREATE TEMP TABLE search_must_not_write (id int)`);
  return [];
};

describe('searchPlates', () => {
  it('answers the quick plate within its bound while a slow plate is cancelled by PostgreSQL', async () => {
    const { logger, entries } = recordingLogger();
    const started = performance.now();
    const answer = await searchPlates(connection.db, null, { q: 'abc', limit: 4 }, {
      plates: [{ slug: 'slow', search: slowSql }, { slug: 'quick', search: quick }, { slug: 'stuck', search: slowJs }],
      logger,
      timeoutMs: 300,
    });
    const elapsedMs = performance.now() - started;
    expect(answer.query).toBe('abc');
    expect(answer.groups.map((g) => [g.plate, g.status, g.results.length])).toEqual([
      ['slow', 'timeout', 0],
      ['quick', 'ok', 4],
      ['stuck', 'timeout', 0],
    ]);
    expect(answer.groups[1].results[0].id).toBe('abc-0-1');
    // 300 ms bound + 250 ms margin for the stuck plate (≈ 0.6 s); what matters is not waiting for the 5 s sleep.
    expect(elapsedMs).toBeLessThan(4_000);
    expect(entries.map((e) => e.message).join('\n')).toMatch(/plate slow was cancelled after 300 ms/);
  });

  it('bounds a plate of several statements as a whole: PostgreSQL cancels the one that crosses the deadline', async () => {
    const { logger, entries } = recordingLogger();
    const answer = await searchPlates(connection.db, null, { q: 'abc', limit: 4 }, { plates: [{ slug: 'chain', search: chained }], logger, timeoutMs: 400 });
    expect(answer.groups.map((g) => [g.plate, g.status])).toEqual([['chain', 'timeout']]);
    // Cancelled inside PostgreSQL (the connection is free again), not merely abandoned by the host after its margin.
    expect(entries.map((e) => e.message).join('\n')).toMatch(/plate chain was cancelled after 400 ms/);
  });

  it('keeps a failing or writing plate from failing the search', async () => {
    const { logger, entries } = recordingLogger();
    const answer = await searchPlates(connection.db, null, { q: 'x', limit: 2 }, {
      plates: [{ slug: 'failing', search: failing }, { slug: 'writing', search: writing }, { slug: 'quick', search: quick }],
      logger,
    });
    expect(answer.groups.map((g) => [g.plate, g.status, g.results.length])).toEqual([
      ['failing', 'error', 0],
      ['writing', 'error', 0],
      ['quick', 'ok', 2],
    ]);
    expect(entries.filter((e) => e.level === 'error').map((e) => e.message).join('\n')).toMatch(/read-only transaction/);
  });
});
