import { inject } from 'vitest';
import { InputError } from '@kernel/errors';
import { createDb, type DbConnection } from './client';

/**
 * Test support: a connection to this run's migrated database created by `test-global-setup.ts`.
 * Close it with `await connection.pool.end()` in `afterAll`.
 * @throws {InputError} with the setup's reason when no test database could be created
 */
export function connectTestDb(): DbConnection {
  const url = inject('databaseUrl');
  if (!url) throw new InputError(`test-database: no test database: ${inject('databaseError') || 'globalSetup did not run'}`);
  return createDb(url, 3);
}
