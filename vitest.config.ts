import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Unit + integration tests beside the code (`*.test.ts`); browser journeys (`e2e/`) run under Playwright. */
export default defineConfig({
  resolve: {
    alias: {
      '@tiling': `${root}tiling`,
      '@server': `${root}server`,
      '@viewer': `${root}viewer`,
      '@data': `${root}data`,
    },
  },
  test: {
    include: ['{tiling,server,viewer,scripts,data}/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', '.gantwin/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['server/db/test-global-setup.ts'],
  },
});
