import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const DB_SETUP = 'server/db/test-global-setup.ts';

/** Unit + integration tests beside the code (`*.test.ts`); browser journeys (`e2e/`) run under Playwright. */
export default defineConfig({
  resolve: {
    alias: {
      '@kernel': `${root}kernel`,
      '@tiling': `${root}tiling`,
      '@server': `${root}server`,
      '@viewer': `${root}viewer`,
      '@data': `${root}data`,
    },
  },
  test: {
    include: ['{kernel,tiling,server,viewer,scripts,data}/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', '.gantwin/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Many files wait on PostgreSQL, child processes and the broker rather than on the CPU: vitest's default (cores − 1)
    // ran them one at a time on two cores. Each worker gets a database of its own (server/db/test-global-setup.ts).
    // Measured on two cores (2026-12-07): 3 workers 5.3 min, 2 workers 5.9 min; one at a time it took 8.7 min in CI.
    maxWorkers: Math.min(4, availableParallelism() + 1),
    // Starts/reuses PostGIS and creates a per-run database; pure tests can skip it with GANTWIN_NO_DB=1.
    globalSetup: existsSync(`${root}${DB_SETUP}`) && !process.env.GANTWIN_NO_DB ? [DB_SETUP] : [],
  },
});
