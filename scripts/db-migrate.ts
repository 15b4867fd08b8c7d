/**
 * `npm run db:migrate`: applies the pending migrations (server/db/migrations) and pg-boss's queues as the owner
 * role `DATABASE_MIGRATION_URL`, then grants the app role of `DATABASE_URL` its privileges (server/db/provision.ts
 * `migrateAsOwner`). Both URLs are what `npm run db:up` prints. Without `DATABASE_MIGRATION_URL` it migrates as the
 * `DATABASE_URL` role (a single-role set-up, see docs/security.md "Database roles"), and refuses when that is the
 * app role `gantwin_app`. Exit code 1 with a one-line reason on failure.
 */
import { InputError } from '@kernel/errors';
import { DATABASE_ROLES, roleOfUrl } from '@server/db/database-roles';
import { migrateAsOwner } from '@server/db/provision';
import { env, requireDatabaseUrl } from '@server/env';
import { installJobQueues } from '@server/jobs/install-job-queues';

try {
  const appUrl = requireDatabaseUrl();
  const appRole = await roleOfUrl(appUrl);
  if (!env.DATABASE_MIGRATION_URL) {
    if (appRole === DATABASE_ROLES.app) {
      throw new InputError(
        `DATABASE_URL connects as ${appRole}, which may not migrate; set DATABASE_MIGRATION_URL (npm run db:up prints it) or run npm run db:up`,
      );
    }
    console.error(`migrate: DATABASE_MIGRATION_URL is not set: migrating as ${appRole}, the DATABASE_URL role, which the app also runs as`);
  }
  const ownerUrl = env.DATABASE_MIGRATION_URL ?? appUrl;
  await migrateAsOwner(ownerUrl, appRole, { installJobQueues });
  console.log(`migrate: done (as ${await roleOfUrl(ownerUrl)}; the app runs as ${appRole})`);
} catch (error) {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
