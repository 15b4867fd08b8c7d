/**
 * Creates a fresh, migrated database (argument 1, default `gantwin_e2e`; e2e.sh passes `$E2E_DATABASE` so that
 * several checkouts can run their journeys side by side) for the end-to-end run (dropping the previous one) on the
 * same server as `db-up` (DATABASE_URL or the project-local cluster), set up as db-up does: migrations and pg-boss
 * queues as `gantwin_owner`. Last stdout line: `DATABASE_URL=<url>` of the app role `gantwin_app`, which the seed,
 * the e2e accounts, the sample conversion and the served app then run as.
 */
import { env } from '@server/env';
import { dropDatabase, ensureDatabaseServer } from '@server/db/local-cluster';
import { provisionDatabase } from '@server/db/provision';
import { installJobQueues } from '@server/jobs/install-job-queues';
import type { Logger } from '@kernel/logger';

const E2E_DATABASE = process.argv[2] ?? 'gantwin_e2e';
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(E2E_DATABASE)) {
  console.error(`e2e-database: database name must be lower-case letters, digits and _ (max 63), got ${JSON.stringify(E2E_DATABASE)}`);
  process.exit(2);
}
const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message) => console.error(`warning: ${message}`),
  error: (message) => console.error(`error: ${message}`),
};

try {
  const server = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT });
  await dropDatabase(server.adminUrl, E2E_DATABASE);
  const database = await provisionDatabase(server.adminUrl, E2E_DATABASE, { installJobQueues, logger: stderrLogger });
  console.error(`e2e-database: ${E2E_DATABASE} created and migrated (${server.source})`);
  console.log(`DATABASE_URL=${database.appUrl}`);
} catch (error) {
  console.error(`e2e-database: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
