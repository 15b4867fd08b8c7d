/**
 * `npm run db:up`: ensures a PostgreSQL + PostGIS server (DATABASE_URL, or the project-local cluster in
 * `.gantwin/pg` on port 54329), the roles `gantwin_owner` (owns the schema, migrates) and `gantwin_app` (what the
 * app connects as: DML only, append-only audit trail), the `gantwin` database, the migrations and pg-boss's
 * queues (as the owner). See docs/security.md "Database roles".
 *
 * - Without `DATABASE_URL`: the local cluster; its superuser `postgres` sets up the roles.
 * - `DATABASE_URL` given (a superuser or CREATEROLE role): the same on that server, in the URL's database. A role
 *   without CREATEROLE cannot make the roles: then the app and migrations run as that role, and a warning says so.
 * - `DATABASE_MIGRATION_URL` and `DATABASE_URL` given (roles an operator made): migrates as the first, grants the
 *   second's role its privileges; creates no role and no database.
 *
 * stdout: `DATABASE_MIGRATION_URL=<owner url>` then, last, `DATABASE_URL=<app url>`, so that shell scripts can do
 * `export "$(npm run -s db:up | tail -n 1)"` and give the app only the app role. Logs go to stderr.
 */
import { env, requireDatabaseUrl } from '@server/env';
import { roleOfUrl } from '@server/db/database-roles';
import { databaseNameOf, ensureDatabaseServer } from '@server/db/local-cluster';
import { migrateAsOwner, provisionDatabase } from '@server/db/provision';
import { installJobQueues } from '@server/jobs/install-job-queues';
import type { Logger } from '@kernel/logger';

const stderrLogger: Logger = {
  debug: () => {},
  info: (message) => console.error(message),
  warn: (message) => console.error(`warning: ${message}`),
  error: (message) => console.error(`error: ${message}`),
};

try {
  let appUrl: string;
  let ownerUrl: string;
  let source: string;
  if (env.DATABASE_MIGRATION_URL) {
    appUrl = requireDatabaseUrl();
    ownerUrl = env.DATABASE_MIGRATION_URL;
    await migrateAsOwner(ownerUrl, await roleOfUrl(appUrl), { installJobQueues, logger: stderrLogger });
    source = 'DATABASE_MIGRATION_URL';
  } else {
    const server = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT, logger: stderrLogger });
    const name = env.DATABASE_URL ? databaseNameOf(env.DATABASE_URL) : 'gantwin';
    ({ appUrl, ownerUrl } = await provisionDatabase(server.adminUrl, name, { installJobQueues, logger: stderrLogger }));
    source = server.source;
  }
  console.error(
    `db-up: database ${databaseNameOf(appUrl)} ready (${source}), migrations applied as ${await roleOfUrl(ownerUrl)}; ` +
      `the app runs as ${await roleOfUrl(appUrl)}`,
  );
  console.log(`DATABASE_MIGRATION_URL=${ownerUrl}`);
  console.log(`DATABASE_URL=${appUrl}`);
} catch (error) {
  console.error(`db-up: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
