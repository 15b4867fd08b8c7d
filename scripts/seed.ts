/**
 * `npm run seed`: idempotently seeds every plate of server/plates.ts (catalogue layers, then each plate's own seed)
 * into `DATABASE_URL` (run `npm run db:up` first and export its last line).
 */
import { createDb } from '@server/db/client';
import { env, requireDatabaseUrl } from '@server/env';
import { seedPlates } from '@server/host/seed-plates';
import { SERVER_PLATES } from '@server/plates';

const { db, pool } = createDb(requireDatabaseUrl(), 2);
try {
  const started = performance.now();
  const logger = { debug: () => {}, info: () => {}, warn: (m: string) => console.error(`seed: warning: ${m}`), error: (m: string) => console.error(`seed: ${m}`) };
  const lines = await seedPlates(db, SERVER_PLATES, { logger, sharedDataDir: env.SHARED_DATA_DIR });
  console.log(`seed: ${lines.join('; ')} in ${Math.round(performance.now() - started)} ms`);
} catch (error) {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
