/**
 * `npm run db:up`: ensures a PostgreSQL + PostGIS server (DATABASE_URL, or the project-local cluster in
 * `.gantwin/pg` on port 54329), creates the `gantwin` database and applies the migrations.
 * The last stdout line is `DATABASE_URL=<url>`, so shell scripts can do `export $(npm run -s db:up | tail -1)`.
 */
import { env } from '@server/env';
import { databaseNameOf, ensureDatabase, ensureDatabaseServer } from '@server/db/local-cluster';
import { runMigrations } from '@server/db/migrate';
import type { Logger } from '@kernel/logger';

const stderrLogger: Logger = {
  debug: () => {},
  info: (message) => console.error(message),
  warn: (message) => console.error(`warning: ${message}`),
  error: (message) => console.error(`error: ${message}`),
};

try {
  const server = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT, logger: stderrLogger });
  const name = env.DATABASE_URL ? databaseNameOf(env.DATABASE_URL) : 'gantwin';
  const url = await ensureDatabase(server.adminUrl, name);
  await runMigrations(url);
  console.error(`db-up: database ${name} ready (${server.source}), migrations applied`);
  console.log(`DATABASE_URL=${url}`);
} catch (error) {
  console.error(`db-up: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
