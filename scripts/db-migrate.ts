/**
 * `npm run db:migrate`: applies the pending migrations (server/db/migrations) to `DATABASE_URL`
 * (run `npm run db:up` first and export its last line). Exit code 1 with a one-line reason on failure.
 */
import { runMigrations } from '@server/db/migrate';
import { requireDatabaseUrl } from '@server/env';

try {
  await runMigrations(requireDatabaseUrl());
  console.log('migrate: done');
} catch (error) {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
