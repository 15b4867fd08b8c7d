import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDb } from './client';

/** Folder of the generated SQL migrations (drizzle-kit `out`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies all pending migrations (drizzle migrator; journal in `drizzle.__drizzle_migrations`).
 * Run it as the owner role (server/db/provision.ts `migrateAsOwner`, which also grants the app role its
 * privileges); command line: `npm run db:migrate` (scripts/db-migrate.ts).
 * @param url database URL of the role that owns (or will own) the schema
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

/** `CREATE EXTENSION IF NOT EXISTS <name>` in a migration. */
const CREATE_EXTENSION = /CREATE\s+EXTENSION\s+IF\s+NOT\s+EXISTS\s+"?([a-z0-9_]+)"?/gi;

/**
 * The extensions the migrations create, in order of first appearance. The setup role creates them before the owner
 * migrates: creating PostGIS needs a superuser, and the migrations' `IF NOT EXISTS` then skips them.
 * @param migrationsDir folder of `*.sql` migrations (default {@link MIGRATIONS_DIR})
 * @returns extension names, e.g. `['postgis', 'pg_trgm']`
 */
export function extensionsOfMigrations(migrationsDir = MIGRATIONS_DIR): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort()) {
    for (const match of readFileSync(path.join(migrationsDir, file), 'utf8').matchAll(CREATE_EXTENSION)) names.add(match[1].toLowerCase());
  }
  return [...names];
}
