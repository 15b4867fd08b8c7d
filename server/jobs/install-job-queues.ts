import { loadJobHandlers } from '@server/host/server-plate';
import { SERVER_PLATES } from '@server/plates';
import { startBoss, stopBoss } from './queue';

/**
 * Creates or migrates pg-boss's schema `pgboss` and creates every plate's queue (server/plates.ts), connected as the database's
 * owner role. `db:up`, `db:migrate`, the e2e and the vitest database set-up run it after the migrations
 * (server/db/provision.ts `migrateAsOwner`), because both need DDL the app role may not run: pg-boss's `start()`
 * creates the schema, and `createQueue` creates a partition of `pgboss.job` (pg-boss 10 `create_queue()`:
 * `CREATE TABLE pgboss.j<sha224> …`, `ALTER TABLE pgboss.job ATTACH PARTITION …`). The app's workers start pg-boss
 * as the app role afterwards: the schema is then current and `createQueue` of an existing queue only tries an
 * `INSERT … ON CONFLICT DO NOTHING`, which DML allows.
 * @param ownerUrl URL of the app database as the owner role (`gantwin_owner`)
 * @throws {Error} from pg / pg-boss when the database cannot be reached or the role may not create the schema
 */
export async function installJobQueues(ownerUrl: string): Promise<void> {
  const boss = await startBoss(ownerUrl, await loadJobHandlers(SERVER_PLATES), { supervise: false, maxConnections: 1 });
  await stopBoss(boss);
}
