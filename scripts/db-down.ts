/**
 * `npm run db:down`: stops the project-local PostgreSQL cluster (`.gantwin/pg`) that `npm start` started.
 * Data stays; the next `npm start` starts it again. Does nothing when `DATABASE_URL` points elsewhere.
 */
import { stopLocalCluster } from '@server/db/local-cluster';
import { env } from '@server/env';

try {
  const stopped = stopLocalCluster({ port: env.LOCAL_PG_PORT });
  console.error(stopped ? 'db-down: local PostgreSQL stopped' : 'db-down: local PostgreSQL was not running');
} catch (error) {
  console.error(`db-down: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
