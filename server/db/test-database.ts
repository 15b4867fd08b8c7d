import { inject } from 'vitest';
import { InputError } from '@kernel/errors';
import { createDb, type DbConnection } from './client';

/**
 * Test support: a connection to this run's migrated database created by `test-global-setup.ts`, as the app role
 * (`gantwin_app`, what the app connects as) or, for tests of what only the schema owner may do, as the owner role.
 * Close it with `await connection.pool.end()` in `afterAll`.
 * @param role `'app'` (default) or `'owner'`
 * @throws {InputError} with the setup's reason when no test database could be created
 */
export function connectTestDb(role: 'app' | 'owner' = 'app'): DbConnection {
  return createDb(testDatabaseUrl(role), 3);
}

/**
 * Test support: the URL of this test worker's own database (test-global-setup.ts makes one per worker, chosen by
 * vitest's `VITEST_POOL_ID`, 1…maxWorkers), as the app role or the owner role.
 * @param role `'app'` (default) or `'owner'`
 * @throws {InputError} with the setup's reason when no test database could be created
 */
export function testDatabaseUrl(role: 'app' | 'owner' = 'app'): string {
  const urls = inject(role === 'app' ? 'databaseUrls' : 'databaseOwnerUrls') ?? [];
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  const url = urls[(Number.isInteger(worker) && worker >= 1 ? worker - 1 : 0) % Math.max(1, urls.length)];
  if (!url) throw new InputError(`test-database: no test database: ${inject('databaseError') || 'globalSetup did not run'}`);
  return url;
}
