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
  const url = inject(role === 'app' ? 'databaseUrl' : 'databaseOwnerUrl');
  if (!url) throw new InputError(`test-database: no test database: ${inject('databaseError') || 'globalSetup did not run'}`);
  return createDb(url, 3);
}
