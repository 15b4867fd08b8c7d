import type { TestProject } from 'vitest/node';
import { env } from '@server/env';
import { installJobQueues } from '@server/jobs/install-job-queues';
import { dropDatabase, ensureDatabaseServer } from './local-cluster';
import { provisionDatabase } from './provision';

/**
 * Vitest globalSetup: makes sure a PostgreSQL + PostGIS server runs (`DATABASE_URL`'s server, or the local
 * cluster), creates a fresh database `gantwin_test_<timestamp>_<pid>` the way `db:up` does (roles `gantwin_owner`
 * and `gantwin_app`, migrations and pg-boss queues as the owner), and provides its URLs to the tests: the app
 * role's as `inject('databaseUrl')` (what services are tested as), the owner's as `inject('databaseOwnerUrl')` and
 * the setup role's maintenance URL as `inject('databaseAdminUrl')` (see `server/db/test-database.ts`). The database
 * is dropped at teardown; the roles stay (they are shared by every database of the server).
 *
 * `DATABASE_URL` must be a role that may create databases and roles (the superuser of a development server); it is
 * never the app role printed by `db:up`. A failure here does not fail test files that need no database: it is
 * provided as `databaseError` and the database tests fail with that message.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's migrated test database as the app role, '' when it could not be created. */
    databaseUrl: string;
    /** URL of the same database as the owner role (migrations, DDL), '' when it could not be created. */
    databaseOwnerUrl: string;
    /** URL of the server's maintenance database as the setup role (creates databases and roles), '' when none. */
    databaseAdminUrl: string;
    /** Why no test database is available, '' when there is one. */
    databaseError: string;
  }
}

/** Creates the per-run database; returns the teardown that drops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const name = `gantwin_test_${Date.now()}_${process.pid}`;
  let adminUrl: string | undefined;
  try {
    adminUrl = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT }).adminUrl;
    const database = await provisionDatabase(adminUrl, name, { installJobQueues });
    project.provide('databaseUrl', database.appUrl);
    project.provide('databaseOwnerUrl', database.ownerUrl);
    project.provide('databaseAdminUrl', adminUrl);
    project.provide('databaseError', '');
  } catch (error) {
    project.provide('databaseUrl', '');
    project.provide('databaseOwnerUrl', '');
    project.provide('databaseAdminUrl', '');
    project.provide('databaseError', error instanceof Error ? error.message : String(error));
  }
  return async () => {
    if (adminUrl) await dropDatabase(adminUrl, name);
  };
}
