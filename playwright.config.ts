/**
 * Playwright configuration for the browser journeys in `e2e/`. No `webServer`: `scripts/e2e.sh` starts the
 * built app and sets `BASE_URL`. The browser is Debian's chromium (never `npx playwright install`); WebGL runs
 * on SwiftShader (≈ 1.7 fps at 1280×800 on two cores), hence the small viewport and long timeouts.
 *
 * @see https://playwright.dev/docs/api/class-browsertype#browser-type-launch (executablePath: Debian chromium)
 */
import { defineConfig } from '@playwright/test';

/** Chromium flags that work as root in containers, with software WebGL and no background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 300_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    // Playwright config is outside server/env.ts's reach: the e2e runner passes the app's address here.
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
});
