/**
 * `npm run seed`: idempotently seeds the twin plate (regions, layer catalogue, Nanchang roads) into
 * `DATABASE_URL` (run `npm run db:up` first and export its last line).
 */
import { createDb } from '@server/db/client';
import { env, requireDatabaseUrl } from '@server/env';
import { seedLayers } from '@server/twin/seed-layers';
import { seedRegions } from '@server/twin/seed-regions';
import { seedRoads } from '@server/twin/seed-roads';

const { db, pool } = createDb(requireDatabaseUrl(), 2);
try {
  const started = performance.now();
  const regionCounts = await seedRegions(db, { sharedDataDir: env.SHARED_DATA_DIR });
  const layerCount = await seedLayers(db);
  const roadCount = await seedRoads(db, { sharedDataDir: env.SHARED_DATA_DIR });
  console.log(
    `seed: regions province=${regionCounts.province} city=${regionCounts.city} county=${regionCounts.county}, ` +
      `layers=${layerCount}, road segments=${roadCount} in ${Math.round(performance.now() - started)} ms`,
  );
} catch (error) {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await pool.end();
}
