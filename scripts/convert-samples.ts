/**
 * Converts the demo IFC models of `data/twin/sample-models.ts` (read from `$SHARED_DATA_DIR/ifc`) into tilesets
 * under `$TILES_DIR` and registers them in the database, through the job queue (server/jobs/queue.ts): every
 * sample is enqueued, and a worker runs in this process, one model at a time, until all of this run's jobs have
 * finished. Cached by content hash + placement: unchanged models are skipped. A model that fails is stored as
 * `failed` with its reason; the others go on. pg-boss creates its `pgboss` schema on first start.
 *
 * Usage: `tsx scripts/convert-samples.ts [--test-only]` (needs a migrated `DATABASE_URL`; `npm start` sets it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_MODELS, type SampleModel } from '@data/twin/sample-models';
import { createDb } from '@server/db/client';
import { env, requireDatabaseUrl } from '@server/env';
import { enqueueModelConversion, startBoss, startConversionWorker, stopBoss, waitForConversionJobs } from '@server/jobs/queue';
import type { Logger } from '@tiling/logger';

const testOnly = process.argv.includes('--test-only');
const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message) => console.error(`  warning: ${message}`),
  error: (message) => console.error(`  error: ${message}`),
};

const ifcDir = path.join(env.SHARED_DATA_DIR, 'ifc');
if (!existsSync(ifcDir)) {
  console.error(`convert-samples: ${ifcDir} not found — no sample models to convert (set SHARED_DATA_DIR)`);
  process.exit(0);
}

const databaseUrl = requireDatabaseUrl();
const { db, pool } = createDb(databaseUrl, 2);
const boss = await startBoss(databaseUrl, { logger }).catch(async (error: unknown) => {
  await pool.end();
  throw error;
});
let failed = 0;
try {
  const samplesByJobId = new Map<string, SampleModel>();
  for (const sample of SAMPLE_MODELS.filter((s) => !testOnly || s.isTestSample)) {
    const sourcePath = path.join(ifcDir, sample.fileName);
    if (!existsSync(sourcePath)) {
      console.error(`convert-samples: skip ${sample.fileName} (not in ${ifcDir})`);
      continue;
    }
    const jobId = await enqueueModelConversion(boss, { sourcePath, name: sample.name, placement: sample.placement, regionCode: sample.regionCode, visibility: 'public' });
    samplesByJobId.set(jobId, sample);
  }
  if (samplesByJobId.size > 0) {
    await startConversionWorker(boss, db, { tilesDir: env.TILES_DIR, logger, pollingIntervalS: 1 });
    await waitForConversionJobs(boss, [...samplesByJobId.keys()], {
      onSettled: ({ jobId, result, error }) => {
        const fileName = samplesByJobId.get(jobId)?.fileName ?? jobId;
        if (result) {
          console.error(`convert-samples: ${fileName} ${result.cached ? 'cached' : `converted in ${result.elapsedS.toFixed(1)} s`} (${result.elementCount} elements)`);
        } else {
          failed++;
          console.error(`convert-samples: ${fileName} FAILED: ${error}`);
        }
      },
    });
  }
} finally {
  await stopBoss(boss);
  await pool.end();
}
if (failed > 0) console.error(`convert-samples: ${failed} model(s) failed; see the models list in the app`);
