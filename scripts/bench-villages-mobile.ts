/**
 * `npm run bench:villages-mobile`: how fast a village page of the public museum loads on a mid-range phone over a
 * slow mobile network, against a RUNNING app (`npm start`, or `next start` of a build): Debian's Chromium through
 * playwright-core, driven over the Chrome DevTools Protocol with
 * - CPU throttled 4× (`Emulation.setCPUThrottlingRate`),
 * - network 1.6 Mbps down, 750 kbps up, 150 ms round trip (`Network.emulateNetworkConditions`, Lighthouse's "slow
 *   4G" figures), a 390×844 touch viewport at DPR 3,
 * - a cold load each run: a fresh browser context (empty HTTP cache, no cookies).
 *
 * Figures per run: FCP (`first-contentful-paint` paint entry); TTI by a stated proxy — the later of the `load` event
 * and the end of the last long task (≥ 50 ms, `PerformanceObserver` type `longtask`) that precedes a 500 ms window
 * without long tasks (the window is awaited after `load`; Lighthouse's TTI also needs network quiet, which the `load`
 * event stands in for here); the JavaScript the page loads (every `Script` response seen by CDP `Network`), as
 * transferred, and each chunk's body compressed again with gzip (level 9) and brotli (quality 11) to report both.
 * The median of `--runs` runs is reported. Targets: FCP ≤ 2 s, TTI ≤ 3.5 s.
 *
 * Usage: `npm run bench:villages-mobile [-- --url http://127.0.0.1:3000 --path /villages/<code> --runs 5 --no-doc]`;
 * without `--path` the first village of `/sitemap.xml` is measured. Writes `docs/bench-villages-mobile.md` (unless
 * `--no-doc`); the last stdout line is one JSON object
 * `{"bench":"villages-mobile","path":…,"runs":N,"fcpMs":…,"ttiMs":…,"loadMs":…,"jsChunks":N,"jsTransferBytes":…,"jsGzipBytes":…,"jsBrotliBytes":…,"targets":{"fcpMs":2000,"ttiMs":3500},"pass":true}`.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../playwright.config';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC_PATH = path.join(REPO_ROOT, 'docs/bench-villages-mobile.md');

/** Targets of the public site (issue #12), ms. */
const TARGET_FCP_MS = 2_000;
const TARGET_TTI_MS = 3_500;
/** Throttling (Lighthouse "slow 4G" on a mid-range phone). */
const CPU_SLOWDOWN = 4;
const DOWN_KBPS = 1_600;
const UP_KBPS = 750;
const LATENCY_MS = 150;
/** Quiet window after the last long task, ms, and the shortest task that counts as long, ms. */
const QUIET_WINDOW_MS = 500;
const LONG_TASK_MS = 50;

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3000' },
    path: { type: 'string' },
    runs: { type: 'string', default: '5' },
    'no-doc': { type: 'boolean', default: false },
  },
});
const BASE_URL = args.url.replace(/\/+$/, '');
const RUNS = Number(args.runs);
if (!/^https?:\/\/[^/]+$/.test(BASE_URL)) throw new Error(`bench-villages-mobile: --url must be http(s)://host[:port], got ${JSON.stringify(args.url)}`);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 50) throw new Error(`bench-villages-mobile: --runs must be an integer 1..50, got ${JSON.stringify(args.runs)}`);

/** The village page to measure: `--path`, else the first village address of the sitemap. */
async function pagePath(): Promise<string> {
  if (args.path) {
    if (!/^\/villages\/\d{12}$/.test(args.path)) throw new Error(`bench-villages-mobile: --path must be /villages/<12-digit code>, got ${JSON.stringify(args.path)}`);
    return args.path;
  }
  const sitemap = await (await fetch(`${BASE_URL}/sitemap.xml`)).text();
  const match = /<loc>[^<]*?(\/villages\/\d{12})<\/loc>/.exec(sitemap);
  if (!match) throw new Error(`bench-villages-mobile: ${BASE_URL}/sitemap.xml lists no published village (seed or publish one, or pass --path)`);
  return match[1]!;
}

/** One cold load's figures. */
interface RunFigures {
  fcpMs: number;
  ttiMs: number;
  loadMs: number;
  longTasks: number;
  scripts: { url: string; transferBytes: number }[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
const round = (value: number) => Math.round(value);

async function measureOnce(browser: import('playwright-core').Browser, address: string): Promise<RunFigures> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: (DOWN_KBPS * 1000) / 8,
    uploadThroughput: (UP_KBPS * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const scriptRequests = new Map<string, string>();
  const scripts: { url: string; transferBytes: number }[] = [];
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scriptRequests.set(event.requestId, event.response.url);
  });
  cdp.on('Network.loadingFinished', (event) => {
    const url = scriptRequests.get(event.requestId);
    if (url) scripts.push({ url, transferBytes: event.encodedDataLength });
  });
  await page.addInitScript(() => {
    const tasks: { start: number; end: number }[] = [];
    (window as { __longTasks?: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(address, { waitUntil: 'load', timeout: 120_000 });
  // Wait for a quiet window: QUIET_WINDOW_MS with no long task (after load).
  for (let waitedMs = 0; waitedMs < 30_000; waitedMs += 100) {
    const quiet = await page.evaluate(
      ({ quietMs }) => {
        const tasks = (window as { __longTasks?: { end: number }[] }).__longTasks ?? [];
        const lastEnd = Math.max(0, ...tasks.map((task) => task.end));
        return performance.now() - Math.max(lastEnd, performance.getEntriesByType('navigation')[0]?.toJSON().loadEventEnd ?? 0) >= quietMs;
      },
      { quietMs: QUIET_WINDOW_MS },
    );
    if (quiet) break;
    await page.waitForTimeout(100);
  }
  const figures = await page.evaluate(
    ({ longTaskMs }) => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
      const tasks = ((window as { __longTasks?: { start: number; end: number }[] }).__longTasks ?? []).filter((task) => task.end - task.start >= longTaskMs);
      const lastTaskEnd = Math.max(0, ...tasks.map((task) => task.end));
      return { fcpMs: fcp, loadMs: navigation.loadEventEnd, ttiMs: Math.max(navigation.loadEventEnd, navigation.domContentLoadedEventEnd, fcp, lastTaskEnd), longTasks: tasks.length };
    },
    { longTaskMs: LONG_TASK_MS },
  );
  await context.close();
  return { ...figures, scripts };
}

/** Gzip (level 9) and brotli (quality 11) sizes of each distinct script body, fetched unthrottled. */
async function compressedSizes(urls: string[]): Promise<{ rawBytes: number; gzipBytes: number; brotliBytes: number }> {
  let rawBytes = 0;
  let gzipBytes = 0;
  let brotliBytes = 0;
  for (const url of new Set(urls)) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    rawBytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
    brotliBytes += brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length;
  }
  return { rawBytes, gzipBytes, brotliBytes };
}

const address = `${BASE_URL}${await pagePath()}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const runs: RunFigures[] = [];
try {
  // One warm-up load so that the server has compiled and cached what it caches (the figures are the client's).
  await (await fetch(address)).text();
  for (let run = 0; run < RUNS; run++) {
    const figures = await measureOnce(browser, address);
    runs.push(figures);
    console.error(`run ${run + 1}/${RUNS}: FCP ${round(figures.fcpMs)} ms, TTI ${round(figures.ttiMs)} ms, load ${round(figures.loadMs)} ms, ${figures.scripts.length} scripts, ${figures.longTasks} long tasks`);
  }
} finally {
  await browser.close();
}

const last = runs.at(-1)!;
const sizes = await compressedSizes(last.scripts.map((script) => script.url));
const result = {
  bench: 'villages-mobile',
  path: new URL(address).pathname,
  runs: RUNS,
  fcpMs: round(median(runs.map((run) => run.fcpMs))),
  ttiMs: round(median(runs.map((run) => run.ttiMs))),
  loadMs: round(median(runs.map((run) => run.loadMs))),
  jsChunks: last.scripts.length,
  jsTransferBytes: last.scripts.reduce((sum, script) => sum + script.transferBytes, 0),
  jsRawBytes: sizes.rawBytes,
  jsGzipBytes: sizes.gzipBytes,
  jsBrotliBytes: sizes.brotliBytes,
  targets: { fcpMs: TARGET_FCP_MS, ttiMs: TARGET_TTI_MS },
  pass: false,
};
result.pass = result.fcpMs <= TARGET_FCP_MS && result.ttiMs <= TARGET_TTI_MS;

if (!args['no-doc']) {
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const cpu = os.cpus();
  writeFileSync(
    DOC_PATH,
    `# Village page on a slow phone (\`npm run bench:villages-mobile\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, Node ${process.version}, Debian Chromium (headless), against \`${result.path}\` of a production build (\`next start\`). How it is measured: the header of scripts/bench-villages-mobile.ts.
Throttling: CPU ${CPU_SLOWDOWN}× slower, ${DOWN_KBPS / 1000} Mbps down / ${UP_KBPS} kbps up / ${LATENCY_MS} ms round trip, 390×844 at DPR 3, cold (fresh context, cache disabled). Median of ${RUNS} runs.

| figure | value | target |
|---|---|---|
| First Contentful Paint | **${result.fcpMs} ms** | ≤ ${TARGET_FCP_MS} ms |
| Time to interactive (proxy: max(load, end of the last long task before ${QUIET_WINDOW_MS} ms without long tasks)) | **${result.ttiMs} ms** | ≤ ${TARGET_TTI_MS} ms |
| load event | ${result.loadMs} ms | |
| JavaScript loaded | ${result.jsChunks} chunks, ${kib(result.jsRawBytes)} uncompressed | |
| … as transferred (\`next start\` gzip) | ${kib(result.jsTransferBytes)} | |
| … gzip -9 / brotli -q 11 | **${kib(result.jsGzipBytes)} / ${kib(result.jsBrotliBytes)}** | |

Per run: ${runs.map((run) => `FCP ${round(run.fcpMs)} / TTI ${round(run.ttiMs)} ms`).join('; ')}.

Notes:
- The village page is a server component with no client component of its own: its JavaScript is the app's shared
  runtime (React, Next.js router) and the root layout's providers (TanStack Query + tRPC client + superjson + zod),
  which every page loads; no CesiumJS, three.js or panorama viewer (panoramas open on their own page). Measured
  on 2026-12-07: the providers' chunk alone is 184 KiB raw, 53 KiB gzip, 46 KiB brotli; moving them from the root
  layout into a route group of the staff pages would take that off every public page.
- Measured on the seeded demo village 李坑村: generated cover, 2 panorama cards, 3 photos, served by
  \`/media/villages/…\` as AVIF/WebP/JPEG (the phone picks AVIF); the \`load\` event includes the cover. The e2e
  fixture village (inline SVG images, 54 KB of HTML) measured FCP 936 ms, TTI 2134 ms the same day, on a busier machine.
- Images are lazy below the fold; the cover is the only eager one (\`fetchpriority=high\`), so it competes with the
  scripts for the 1.6 Mbps link only once.

${JSON.stringify(result)}
`,
  );
}
console.log(JSON.stringify(result));
