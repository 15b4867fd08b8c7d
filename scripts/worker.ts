/**
 * `npm run worker`: the job worker process. Runs the job handlers of every plate in server/plates.ts (pg-boss on
 * `DATABASE_URL`), one job at a time per queue, until SIGINT/SIGTERM; then it stops taking jobs, waits up to 30 s
 * for running ones (a job still running is failed and retried by another worker) and exits. Start as many as you
 * like, on as many machines as share the database. Handlers with a `cron` (no-data alarms, partition
 * maintenance) are enqueued by pg-boss's clock, once per due minute across all workers. `npm start` starts one beside the web server.
 */
import type { Logger } from '@kernel/logger';
import { createDb } from '@server/db/client';
import { env, requireDatabaseUrl } from '@server/env';
import { startBoss, startWorker, stopBoss } from '@server/jobs/queue';
import { loadJobHandlers } from '@server/host/server-plate';
import { SERVER_PLATES } from '@server/plates';
import { getObjectStore } from '@server/storage/shared-store';

const logger: Logger = {
  debug: () => {},
  info: (message) => console.error(`worker: ${message}`),
  warn: (message) => console.error(`worker: warning: ${message}`),
  error: (message) => console.error(`worker: error: ${message}`),
};
const handlers = await loadJobHandlers(SERVER_PLATES);
const databaseUrl = requireDatabaseUrl();
const { db, pool } = createDb(databaseUrl, 2);
const boss = await startBoss(databaseUrl, handlers, { logger, maintenanceIntervalS: env.JOB_MAINTENANCE_INTERVAL_S, schedule: true });
const objectStore = getObjectStore();
await startWorker(boss, handlers, { db, logger, tilesDir: env.TILES_DIR, sharedDataDir: env.SHARED_DATA_DIR, objectStore, pollingIntervalS: 1 });
logger.info(`pid ${process.pid} runs ${handlers.map((handler) => handler.queue).join(', ')} (TILES_DIR ${env.TILES_DIR}; storage: ${objectStore.describe()})`);

let isStopping = false;
async function stop(signal: string): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  logger.info(`${signal}: stopping (waits up to 30 s for running jobs)`);
  await stopBoss(boss);
  await pool.end();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
