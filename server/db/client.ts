import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { requireDatabaseUrl } from '@server/env';
import * as schema from './schema/index';

/** The Drizzle database handle every service receives as its `db` argument (also a transaction). */
export type Db = NodePgDatabase<typeof schema>;

/** A database handle plus the pool to close when done (scripts, tests). */
export interface DbConnection {
  db: Db;
  pool: pg.Pool;
}

/**
 * Opens a pool to `url` and wraps it in Drizzle with the full schema.
 * @param url `postgres://` connection string
 * @param maxConnections pool size (default 5; the machine has 2 cores)
 */
export function createDb(url: string, maxConnections = 5): DbConnection {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  return { db: drizzle(pool, { schema }), pool };
}

let shared: DbConnection | undefined;

/**
 * The process-wide database handle for the app (route handlers, server components), created on first use.
 * @throws {InvariantError} when `DATABASE_URL` is not set
 */
export function getDb(): Db {
  shared ??= createDb(requireDatabaseUrl(), 10);
  return shared.db;
}
