/**
 * `npm run bench:villages-load`: 200 concurrent anonymous readers of the village museum (issue #12). Writes
 * `docs/bench-villages-load.md`; the last stdout line is one JSON object `{"bench":"villages-load",…}`.
 *
 * Against a RUNNING app (`npm start`, or `BASE_URL=http://host:port`): reads the published village codes from
 * `/sitemap.xml`, then autocannon keeps 200 connections busy for `DURATION_S` (default 30 s), each request a page
 * (`/villages/<code>` in turn, every 5th the list `/villages`), as a browser without cookies asks for it. Every
 * response time is recorded (autocannon's `response` event) so the percentiles are exact, not histogram buckets.
 * Errors = connection errors + timeouts (10 s) + non-2xx answers; the target is 0.
 *
 * Usage: `npm run bench:villages-load` (app on :3000) or `BASE_URL=… CONNECTIONS=200 DURATION_S=30 npm run bench:villages-load`.
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
  timeout: 10,
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
const errors = result.errors + result.timeouts + non2xx;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const summary = {
  bench: 'villages-load',
  connections: CONNECTIONS,
  durationS: round(wallS),
  pages: paths.length,
  requests: latenciesMs.length,
  requestsPerS: round(latenciesMs.length / wallS),
  p50Ms: round(quantile(latenciesMs, 0.5)),
  p95Ms: round(quantile(latenciesMs, 0.95)),
  p99Ms: round(quantile(latenciesMs, 0.99)),
  maxMs: round(latenciesMs.at(-1) ?? Number.NaN),
  errors,
  non2xx,
  timeouts: result.timeouts,
  connectionErrors: result.errors,
};
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
writeFileSync(
  DOC_PATH,
  `# Village museum under load: ${CONNECTIONS} concurrent anonymous readers

\`npm run bench:villages-load\` (scripts/bench-villages-load.ts) against the production build (\`next start\`, one
process) on ${machine}; the load generator runs on the same machine and shares its two cores. Each request is a
server-rendered page as a browser without cookies asks for it: \`/villages/<code>\` of the ${paths.length} published villages in
turn, every fifth request the list \`/villages\`. Exact percentiles over every response.

| measure | value |
|---|---|
| connections | ${CONNECTIONS} |
| duration | ${summary.durationS} s |
| requests | ${summary.requests} (${summary.requestsPerS}/s) |
| latency p50 / p95 / p99 / max | ${summary.p50Ms} / ${summary.p95Ms} / ${summary.p99Ms} / ${summary.maxMs} ms |
| errors (connection + timeout + non-2xx) | ${errors} (${result.errors} + ${result.timeouts} + ${non2xx}) |

Recorded ${new Date().toISOString().slice(0, 10)}.

\`\`\`json
${JSON.stringify(summary)}
\`\`\`
`,
);
console.info(`bench:villages-load: wrote ${path.relative(REPO_ROOT, DOC_PATH)}`);
console.info(JSON.stringify(summary));
