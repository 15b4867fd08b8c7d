import type { TestProject } from 'vitest/node';
import { env } from '@server/env';
import { dropDatabase, ensureDatabase, ensureDatabaseServer } from './local-cluster';
import { runMigrations } from './migrate';

/**
 * Vitest globalSetup: makes sure a PostgreSQL + PostGIS server runs (`DATABASE_URL`'s server, or the local
 * cluster), creates a fresh database `gantwin_test_<timestamp>_<pid>`, migrates it, and provides its URL to the
 * tests as `inject('databaseUrl')` (see `server/db/test-database.ts`). The database is dropped at teardown.
 *
 * A failure here does not fail test files that need no database: it is provided as `databaseError` and the
 * database tests fail with that message.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of this run's migrated test database, '' when it could not be created. */
    databaseUrl: string;
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
    const url = await ensureDatabase(adminUrl, name);
    await runMigrations(url);
    project.provide('databaseUrl', url);
    project.provide('databaseError', '');
  } catch (error) {
    project.provide('databaseUrl', '');
    project.provide('databaseError', error instanceof Error ? error.message : String(error));
  }
  return async () => {
    if (adminUrl) await dropDatabase(adminUrl, name);
  };
}
