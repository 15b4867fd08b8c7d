import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { runMigrations } from './migrate';
import { connectTestDb, testDatabaseUrl } from './test-database';

const connection = connectTestDb('owner');
/** Migrations in the drizzle-kit journal, in order. */
const journal = JSON.parse(readFileSync('server/db/migrations/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] };
afterAll(() => connection.pool.end());

describe('runMigrations', () => {
  it(`applied all ${journal.entries.length} journal migrations in order: postgis extension first, then the tables`, async () => {
    const { rows } = await connection.pool.query<{ hash: string; created_at: string }>(
      'SELECT hash, created_at FROM drizzle.__drizzle_migrations ORDER BY id',
    );
    expect(rows).toHaveLength(journal.entries.length);
    expect(journal.entries[0].tag).toBe('0000_twin-postgis');
    const extensions = await connection.db.execute<{ extname: string }>(sql`SELECT extname FROM pg_extension ORDER BY extname`);
    expect(extensions.rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'postgis']));
    const tables = await connection.db.execute<{ tablename: string }>(
      sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['elements', 'layers', 'models', 'regions', 'road_segments', 'accounts_users', 'accounts_audit_log']),
    );
  });

  it('is a no-op when run again', async () => {
    await runMigrations(testDatabaseUrl('owner'));
    const { rows } = await connection.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(rows[0].n).toBe(journal.entries.length);
  });
});
