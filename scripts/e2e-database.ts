/**
 * Creates a fresh, migrated database `gantwin_e2e` for the end-to-end run (dropping the previous one) on the
 * same server as `db-up` (DATABASE_URL or the project-local cluster). Last stdout line: `DATABASE_URL=<url>`.
 */
import { env } from '@server/env';
import { dropDatabase, ensureDatabase, ensureDatabaseServer } from '@server/db/local-cluster';
import { runMigrations } from '@server/db/migrate';

const E2E_DATABASE = 'gantwin_e2e';

try {
  const server = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT });
  await dropDatabase(server.adminUrl, E2E_DATABASE);
  const url = await ensureDatabase(server.adminUrl, E2E_DATABASE);
  await runMigrations(url);
  console.error(`e2e-database: ${E2E_DATABASE} created and migrated (${server.source})`);
  console.log(`DATABASE_URL=${url}`);
} catch (error) {
  console.error(`e2e-database: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
