/**
 * `npm run bench:villages-load`: 200 concurrent anonymous readers of the village museum (issue #12). Writes
 * `docs/bench-villages-load.md`; the last stdout line is one JSON object `{"bench":"villages-load",…}`.
 *
 * Against a RUNNING app (`npm start`, or `BASE_URL=http://host:port`): reads the published village codes from
 * `/sitemap.xml`; each request is a page (`/villages/<code>` in turn, every 5th the list `/villages`) as a browser
 * without cookies asks for it (HTML, gzip/br accepted). Two runs of `DURATION_S` (default 30 s) each:
 * 1. **readers** (the target): `CONNECTIONS` (200) readers at once, each loading a page, reading it for a think time
 *    drawn uniformly from 0.5–1.5 × `THINK_MS` (default 5 000 ms; a real visit reads far longer), then the next
 *    page — Node's fetch (undici), one keep-alive connection per reader. Target: 0 errors.
 * 2. **saturation**: autocannon keeps 200 connections busy with no pause at all (each sends its next request as soon
 *    as the previous answer arrived) — the capacity of one `next start` process, whose tail shows queueing.
 * Every response time is recorded (exact percentiles). Errors = connection errors + timeouts (10 s) + non-2xx.
 *
 * Usage: `npm run bench:villages-load` (app on :3000) or `BASE_URL=… CONNECTIONS=200 THINK_MS=5000 DURATION_S=30 npm run bench:villages-load`.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC_PATH = path.join(REPO_ROOT, 'docs/bench-villages-load.md');
const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.DURATION_S ?? 30);
const THINK_MS = Number(process.env.THINK_MS ?? 5000);
const TIMEOUT_MS = 10_000;

/** The `q`-quantile (0..1) of sorted values, nearest rank. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

async function villagePaths(): Promise<string[]> {
  const response = await fetch(`${BASE_URL}/sitemap.xml`);
  if (!response.ok) throw new Error(`bench:villages-load: GET ${BASE_URL}/sitemap.xml answered ${response.status}; is the app running?`);
  const text = await response.text();
  const paths = [...text.matchAll(/<loc>[^<]*?(\/villages\/36\d{10})<\/loc>/g)].map((match) => match[1]!);
  if (paths.length === 0) throw new Error('bench:villages-load: the sitemap lists no published village');
  return paths;
}

const paths = await villagePaths();
const sequence = paths.flatMap((p, i) => (i % 4 === 3 ? [p, '/villages'] : [p]));
let next = 0;

/** Run 1: readers with think time (see module doc). */
async function readersRun(): Promise<{ latenciesMs: number[]; errors: number; non2xx: number; wallS: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let bad = 0;
  const started = Date.now();
  const endAt = started + DURATION_S * 1000;
  const reader = async (index: number) => {
    // Readers arrive spread over the first think time, as visitors do, not all in the same millisecond.
    await new Promise((resolve) => setTimeout(resolve, (index / CONNECTIONS) * THINK_MS));
    while (Date.now() < endAt) {
      const pathName = sequence[next++ % sequence.length]!;
      const t0 = performance.now();
      try {
        const response = await fetch(`${BASE_URL}${pathName}`, { headers: { accept: 'text/html', 'accept-encoding': 'gzip, br' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (!response.ok) bad += 1;
      } catch {
        failures += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, index) => reader(index)));
  return { latenciesMs: latencies.sort((a, b) => a - b), errors: failures + bad, non2xx: bad, wallS: (Date.now() - started) / 1000 };
}

const readers = await readersRun();
const latenciesMs: number[] = [];
let non2xx = 0;
const started = Date.now();
let finish: (result: autocannon.Result) => void = () => {};
let fail: (error: unknown) => void = () => {};
const done = new Promise<autocannon.Result>((resolve, reject) => {
  finish = resolve;
  fail = reject;
});
const instance = autocannon(
  {
  url: BASE_URL,
  connections: CONNECTIONS,
  duration: DURATION_S,
  timeout: TIMEOUT_MS / 1000,
  headers: { 'accept-encoding': 'gzip, br', accept: 'text/html' },
  requests: [
    {
      setupRequest: (request) => {
        const pathName = sequence[next++ % sequence.length]!;
        return { ...request, path: pathName, method: 'GET' };
      },
    },
  ],
  },
  (error, result) => (error ? fail(error) : finish(result)),
);
instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
  latenciesMs.push(responseTimeMs);
  if (statusCode < 200 || statusCode >= 300) non2xx += 1;
});
const result = await done;
const wallS = (Date.now() - started) / 1000;
latenciesMs.sort((a, b) => a - b);
// autocannon counts a timeout in `errors` too (lib/run.js): errors already include the timeouts.
const errors = result.errors + non2xx;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const readersSummary = {
  readers: CONNECTIONS,
  thinkMs: THINK_MS,
  requests: readers.latenciesMs.length,
  requestsPerS: round(readers.latenciesMs.length / readers.wallS),
  p50Ms: round(quantile(readers.latenciesMs, 0.5)),
  p95Ms: round(quantile(readers.latenciesMs, 0.95)),
  p99Ms: round(quantile(readers.latenciesMs, 0.99)),
  maxMs: round(readers.latenciesMs.at(-1) ?? Number.NaN),
  errors: readers.errors,
};
const saturation = {
  connections: CONNECTIONS,
  durationS: round(wallS),
  requests: latenciesMs.length,
  requestsPerS: round(latenciesMs.length / wallS),
  p50Ms: round(quantile(latenciesMs, 0.5)),
  p95Ms: round(quantile(latenciesMs, 0.95)),
  p99Ms: round(quantile(latenciesMs, 0.99)),
  maxMs: round(latenciesMs.at(-1) ?? Number.NaN),
  errors,
  non2xx,
  timeouts: result.timeouts,
  connectionErrors: result.errors - result.timeouts,
};
const summary = { bench: 'villages-load', pages: paths.length, readers: readersSummary, saturation };
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
writeFileSync(
  DOC_PATH,
  `# Village museum under load: ${CONNECTIONS} concurrent anonymous readers

\`npm run bench:villages-load\` (scripts/bench-villages-load.ts) against the production build (\`next start\`, one
process) on ${machine}; the load generator runs on the same machine and shares its two cores. Each request is a
server-rendered page as a browser without cookies asks for it: \`/villages/<code>\` of the ${paths.length} published villages in
turn, every fifth request the list \`/villages\`. Exact percentiles over every response.

## ${CONNECTIONS} readers at once (the target: 0 errors)

Each reader loads a page, reads it for ${THINK_MS * 0.5}–${THINK_MS * 1.5} ms (uniform), then loads the next, for ${DURATION_S} s.

| measure | value |
|---|---|
| readers | ${CONNECTIONS} |
| requests | ${readersSummary.requests} (${readersSummary.requestsPerS}/s) |
| latency p50 / p95 / p99 / max | ${readersSummary.p50Ms} / ${readersSummary.p95Ms} / ${readersSummary.p99Ms} / ${readersSummary.maxMs} ms |
| errors (connection + timeout ${TIMEOUT_MS / 1000} s + non-2xx) | ${readers.errors} |

## Saturation: ${CONNECTIONS} connections without pause (autocannon)

Each connection sends its next request as soon as the answer arrived: the capacity of one web server process.

| measure | value |
|---|---|
| connections | ${CONNECTIONS} |
| duration | ${saturation.durationS} s |
| requests | ${saturation.requests} (${saturation.requestsPerS}/s) |
| latency p50 / p95 / p99 / max | ${saturation.p50Ms} / ${saturation.p95Ms} / ${saturation.p99Ms} / ${saturation.maxMs} ms |
| errors (connection or timeout ${TIMEOUT_MS / 1000} s + non-2xx) | ${errors} (${result.errors}, of them ${result.timeouts} timeouts, + ${non2xx}) |

Recorded ${new Date().toISOString().slice(0, 10)}.

\`\`\`json
${JSON.stringify(summary)}
\`\`\`
`,
);
console.info(`bench:villages-load: wrote ${path.relative(REPO_ROOT, DOC_PATH)}`);
console.info(JSON.stringify(summary));
