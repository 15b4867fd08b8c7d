import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDb } from './client';

/** Folder of the generated SQL migrations (drizzle-kit `out`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies all pending migrations (drizzle migrator; journal in `drizzle.__drizzle_migrations`).
 * Command line: `npm run db:migrate` (scripts/db-migrate.ts).
 * @param url database URL
 * @throws {Error} whatever the SQL raises (pg `DatabaseError`), e.g. when PostGIS is not installed on that server
 */
export async function runMigrations(url: string): Promise<void> {
  const { db, pool } = createDb(url, 1);
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await pool.end();
  }
}
