/**
 * Converts the demo IFC models of `data/twin/sample-models.ts` (read from `$SHARED_DATA_DIR/ifc`) into tilesets
 * under `$TILES_DIR` and registers them in the database. Cached by content hash + placement: unchanged models are
 * skipped. A model that fails is stored as `failed` with its reason; the others go on.
 *
 * Usage: `tsx scripts/convert-samples.ts [--test-only]` (needs `DATABASE_URL`; `npm start` sets it).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SAMPLE_MODELS } from '@data/twin/sample-models';
import { createDb } from '@server/db/client';
import { env, requireDatabaseUrl } from '@server/env';
import { convertModel } from '@server/jobs/convert-model';
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

const { db, pool } = createDb(requireDatabaseUrl(), 2);
let failed = 0;
try {
  for (const sample of SAMPLE_MODELS.filter((s) => !testOnly || s.isTestSample)) {
    const sourcePath = path.join(ifcDir, sample.fileName);
    if (!existsSync(sourcePath)) {
      console.error(`convert-samples: skip ${sample.fileName} (not in ${ifcDir})`);
      continue;
    }
    const started = performance.now();
    const result = await convertModel(
      db,
      { sourcePath, name: sample.name, placement: sample.placement, regionCode: sample.regionCode },
      { tilesDir: env.TILES_DIR, logger },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.status === 'ready') {
      console.error(`convert-samples: ${sample.fileName} ${result.cached ? 'cached' : `converted in ${seconds} s`} (${result.elementCount} elements)`);
    } else {
      failed++;
      console.error(`convert-samples: ${sample.fileName} FAILED: ${result.error}`);
    }
  }
} finally {
  await pool.end();
}
if (failed > 0) console.error(`convert-samples: ${failed} model(s) failed; see the models list in the app`);
