import type { TestProject } from 'vitest/node';
import { env } from '@server/env';
import { installJobQueues } from '@server/jobs/install-job-queues';
import { dropDatabase, ensureDatabaseServer } from './local-cluster';
import { provisionDatabase } from './provision';

/**
 * Vitest globalSetup: makes sure a PostgreSQL + PostGIS server runs (`DATABASE_URL`'s server, or the local
 * cluster), creates one fresh database per test worker, `gantwin_test_<timestamp>_<pid>_<worker>`, the way `db:up`
 * does (roles `gantwin_owner` and `gantwin_app`, migrations and pg-boss queues as the owner), and provides their
 * URLs to the tests: the app role's as `inject('databaseUrls')` (what services are tested as), the owner's as
 * `inject('databaseOwnerUrls')`, one per worker (`testDatabaseUrl()` in `server/db/test-database.ts` picks the
 * worker's own), and the setup role's maintenance URL as `inject('databaseAdminUrl')`. Test files running at the
 * same time never share a database, so seeding regions in one cannot change what another reads. The databases are
 * dropped at teardown; the roles stay (they are shared by every database of the server).
 *
 * `DATABASE_URL` must be a role that may create databases and roles (the superuser of a development server); it is
 * never the app role printed by `db:up`. A failure here does not fail test files that need no database: it is
 * provided as `databaseError` and the database tests fail with that message.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** URLs of this run's migrated test databases (one per worker) as the app role, [] when none could be created. */
    databaseUrls: string[];
    /** URLs of the same databases as the owner role (migrations, DDL), [] when none could be created. */
    databaseOwnerUrls: string[];
    /** URL of the server's maintenance database as the setup role (creates databases and roles), '' when none. */
    databaseAdminUrl: string;
    /** Why no test database is available, '' when there is one. */
    databaseError: string;
  }
}

/** Creates the per-run database; returns the teardown that drops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workers = Math.max(1, project.config.maxWorkers ?? 1);
  const names = Array.from({ length: workers }, (_, i) => `gantwin_test_${Date.now()}_${process.pid}_${i + 1}`);
  let adminUrl: string | undefined;
  try {
    adminUrl = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT }).adminUrl;
    const server = adminUrl;
    const databases = await Promise.all(names.map((name) => provisionDatabase(server, name, { installJobQueues })));
    project.provide('databaseUrls', databases.map((d) => d.appUrl));
    project.provide('databaseOwnerUrls', databases.map((d) => d.ownerUrl));
    project.provide('databaseAdminUrl', adminUrl);
    project.provide('databaseError', '');
  } catch (error) {
    project.provide('databaseUrls', []);
    project.provide('databaseOwnerUrls', []);
    project.provide('databaseAdminUrl', '');
    project.provide('databaseError', error instanceof Error ? error.message : String(error));
  }
  return async () => {
    if (adminUrl) for (const name of names) await dropDatabase(adminUrl, name);
  };
}
