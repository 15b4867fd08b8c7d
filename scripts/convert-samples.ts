/**
 * Converts the demo IFC models of `data/twin/sample-models.ts` (read from `$SHARED_DATA_DIR/ifc`) into tilesets
 * under `$TILES_DIR` and registers them in the database, through the job queue (server/jobs/queue.ts): every
 * sample is enqueued, and a worker runs in this process, one model at a time, until all of this run's jobs have
 * finished. Cached by content hash + placement: unchanged models are skipped. A model that fails is stored as
 * `failed` with its reason; the others go on. The worker runs as the app role of `DATABASE_URL`; pg-boss's schema and
 * queue were created by `db:up` as the owner role (server/jobs/install-job-queues.ts).
 *
 * `--test-only` (the e2e set-up): only the quick samples, plus the hostile-text fixture of data/fixtures/e2e-models.ts.
 * Usage: `tsx scripts/convert-samples.ts [--test-only]` (needs a migrated `DATABASE_URL`; `npm start` sets it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { E2E_FIXTURE_MODELS } from '@data/fixtures/e2e-models';
import { SAMPLE_MODELS, type SampleModel } from '@data/twin/sample-models';
import { createDb } from '@server/db/client';
import { env, requireDatabaseUrl } from '@server/env';
import { enqueueJob, startBoss, startWorker, stopBoss, waitForJobs } from '@server/jobs/queue';
import { CONVERT_MODEL_JOB } from '@server/twin/convert-model-job';
import type { Logger } from '@kernel/logger';
import { getObjectStore } from '@server/storage/shared-store';

/** The longest this script waits for its jobs, ms (the samples take ≈ 1 min on 2 cores). */
const CONVERSION_TIMEOUT_MS = 30 * 60 * 1000;
const testOnly = process.argv.includes('--test-only');
const inProcess = process.argv.includes('--in-process');
const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (message) => console.error(`  warning: ${message}`),
  error: (message) => console.error(`  error: ${message}`),
};

const ifcDir = path.join(env.SHARED_DATA_DIR, 'ifc');
/** This repository's hand-made IFC fixtures (data/fixtures/e2e-models.ts). */
const FIXTURES_DIR = path.resolve('data/fixtures');
// Without the shared data only this repository's fixtures (e2e) can be converted; each missing file is skipped.
if (!existsSync(ifcDir)) console.error(`convert-samples: ${ifcDir} not found — no sample models (set SHARED_DATA_DIR)`);

const databaseUrl = requireDatabaseUrl();
// A database pool only for a worker in this process; otherwise the worker process writes the rows.
const database = inProcess ? createDb(databaseUrl, 2) : null;
const boss = await startBoss(databaseUrl, [CONVERT_MODEL_JOB], { logger }).catch(async (error: unknown) => {
  await database?.pool.end();
  throw error;
});
let failed = 0;
try {
  const samplesByJobId = new Map<string, SampleModel>();
  const samples = testOnly ? [...SAMPLE_MODELS.filter((s) => s.isTestSample), ...E2E_FIXTURE_MODELS] : SAMPLE_MODELS;
  for (const sample of samples) {
    const dir = sample.source === 'fixtures' ? FIXTURES_DIR : ifcDir;
    const sourcePath = path.join(dir, sample.fileName);
    if (!existsSync(sourcePath)) {
      console.error(`convert-samples: skip ${sample.fileName} (not in ${dir})`);
      continue;
    }
    const { name, nameEn, placement, regionCode, visibility = 'public' } = sample;
    const jobId = await enqueueJob(boss, CONVERT_MODEL_JOB, { sourcePath, name, nameEn, placement, regionCode, visibility });
    samplesByJobId.set(jobId, sample);
  }
  if (samplesByJobId.size > 0) {
    if (database) await startWorker(boss, [CONVERT_MODEL_JOB], { db: database.db, logger, tilesDir: env.TILES_DIR, sharedDataDir: env.SHARED_DATA_DIR, objectStore: getObjectStore(), pollingIntervalS: 1 });
    console.error(`convert-samples: ${samplesByJobId.size} job(s) queued; ${inProcess ? 'converting in this process' : 'the worker converts them'}`);
    await waitForJobs(boss, CONVERT_MODEL_JOB, [...samplesByJobId.keys()], {
      onNoWorker: () => console.error('convert-samples: no job has started after 30 s — is a worker running (`npm run worker`)?'),
      timeoutMs: CONVERSION_TIMEOUT_MS,
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
  await database?.pool.end();
}
if (failed > 0) console.error(`convert-samples: ${failed} model(s) failed; see the models list in the app`);
