/**
 * `npm run bench:review`: how long a BIM submission (issue #10) takes from "upload complete" (its row created, its
 * job queued in the same transaction) to 待审查 (`pending-review`), with ONE worker process and with TWO, and how
 * much memory a worker needs. Writes `docs/bench-review.md`; the last stdout line is one JSON object
 * `{"bench":"review","samples":N,"oneWorkerS":…,"twoWorkersS":…,"ratio":…,"peakWorkerRssMb":…}`.
 *
 * Set-up: a dedicated database `gantwin_bench_review_<pid>` on the server of `DATABASE_URL` (or the project-local
 * cluster), made the way the tests and `db:up` make one, dropped at the end; the local object store in a temporary
 * folder; real worker processes (`node --import tsx scripts/worker.ts`, what `npm run worker` runs) with the
 * production limits. Samples: the Nanchang residential sample (own IfcMapConversion) and the building samples
 * FZK-Haus, duplex, Institute and Janesville, each on its own parcel whose design base point is the sample's
 * placement in data/twin/sample-models.ts (models with IfcSite RefLatitude/RefLongitude keep that reference: the
 * fallback applies only to models without any georeferencing; the timing does not depend on where it lands).
 *
 * A round submits every sample at once (sources stored first, then the rows created back to back) and waits until
 * every row has left the processing states. Figures (all from the rows and the job outputs):
 * - per sample: latency = row `updatedAt` at pending-review − row `createdAt`; the job's own run time and the
 *   converter child's peak RSS (`peakRssMb` of the job output, server/jobs/limited-child.ts);
 * - per round: wall time = last pending-review − first row created; ratio = one worker ÷ two workers;
 * - memory: every 250 ms, VmRSS of each worker process and of its children (the converter) from /proc;
 *   `peakWorkerRssMb` = the highest worker + children sum seen at one instant (what one worker needs).
 *
 * Usage: `npm run bench:review [-- --only <fileName substring>] [--skip <fileName substring>]`. Needs `../shared/data/ifc/` (SHARED_DATA_DIR);
 * missing samples are skipped with a message.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import { SAMPLE_MODELS, type SampleModel } from '@data/twin/sample-models';
import { DEMO_PARCELS } from '@data/review/demo-parcels';
import { ensureTestRegions } from '@server/accounts/test-fixtures';
import { createUser } from '@server/accounts/users-service';
import type { Actor } from '@server/api/actor';
import { createDb, type Db } from '@server/db/client';
import { dropDatabase, ensureDatabaseServer } from '@server/db/local-cluster';
import { provisionDatabase } from '@server/db/provision';
import { reviewSubmissions } from '@server/db/schema/review';
import { env } from '@server/env';
import { installJobQueues } from '@server/jobs/install-job-queues';
import { createParcel } from '@server/review/parcels-service';
import { PROCESS_SUBMISSION_JOB } from '@server/review/process-submission-job';
import { rectangleRing } from '@server/review/seed-parcels';
import { sourceKeyOf } from '@server/review/storage-keys';
import { createSubmission } from '@server/review/submissions-service';
import { LocalObjectStore } from '@server/storage/local-store';
import { childPidsOf, residentMemoryMb, startWorkerProcess, stopWorkerProcess, type WorkerProcess } from '@server/jobs/worker-process';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC_PATH = path.join(REPO_ROOT, 'docs/bench-review.md');
/** The samples usable as submissions (buildings; the IFC4X3 infrastructure samples are no 报建 models). */
const SAMPLE_FILES = ['nanchang-residential-sample.ifc', 'AC20-FZK-Haus.ifc', 'duplex.ifc', 'AC11-Institute-Var-2-IFC.ifc', 'revit2012_janesville_restaurant.ifc'];
/** Longest a round may take, ms. */
const ROUND_TIMEOUT_MS = 45 * 60_000;
/** Pause between memory samples, ms. */
const RSS_SAMPLE_MS = 250;
const PROCESSING = ['submitted', 'converting', 'checking'];

/** One sample of the bench with its parcel. */
interface BenchSample {
  model: SampleModel;
  filePath: string;
  bytes: number;
  sha256: string;
  parcelId: string;
}

/** What one round measured for one sample. */
interface SampleRun {
  status: string;
  latencyS: number;
  jobElapsedS: number | null;
  converterPeakRssMb: number | null;
  errorMessage: string | null;
}

/** What one round measured. */
interface RoundResult {
  workers: number;
  wallS: number;
  perSample: Map<string, SampleRun>;
  /** Highest VmRSS of a worker process alone, MiB. */
  peakWorkerAloneMb: number;
  /** Highest worker + children VmRSS at one instant, MiB. */
  peakWorkerTotalMb: number;
}


/** Starts one worker (own process group) on the bench database and store; resolves once it takes jobs. */
function startBenchWorker(databaseUrl: string, storageDir: string, tilesDir: string): Promise<WorkerProcess> {
  // The bench's own database and local store, never an operator's object storage.
  return startWorkerProcess({ DATABASE_URL: databaseUrl, STORAGE_DIR: storageDir, TILES_DIR: tilesDir, S3_BUCKET: '', S3_ENDPOINT: '', S3_ACCESS_KEY_ID: '', S3_SECRET_ACCESS_KEY: '' });
}

/** The parcel of a sample: the demo parcel under its placement if there is one, else a 60 m × 60 m R2 parcel there. */
async function parcelFor(db: Db, planner: Actor, model: SampleModel, index: number): Promise<string> {
  const centre = model.placement ? { lonDeg: model.placement.lonDeg, latDeg: model.placement.latDeg } : DEMO_PARCELS[0].centre;
  const demo = DEMO_PARCELS.find((parcel) => Math.abs(parcel.centre.lonDeg - centre.lonDeg) < 1e-6 && Math.abs(parcel.centre.latDeg - centre.latDeg) < 1e-6) ?? (model.placement ? undefined : DEMO_PARCELS[0]);
  const widthM = demo?.widthM ?? 60;
  const depthM = demo?.depthM ?? 60;
  const parcel = await createParcel(db, planner, {
    code: `BENCH-${index + 1}`,
    name: `基准测试地块 ${index + 1}`,
    regionCode: '360100',
    boundary: { type: 'Polygon', coordinates: [rectangleRing(centre, widthM, depthM)] },
    landUse: demo?.landUse ?? 'R2',
    heightLimitM: demo?.heightLimitM ?? 24,
    farMin: demo?.farMin ?? 0.5,
    farMax: demo?.farMax ?? 2.5,
    densityMax: demo?.densityMax ?? 0.4,
    greenRatioMin: demo?.greenRatioMin ?? 0.3,
    sunlightHoursMin: demo?.sunlightHoursMin ?? 2,
    setbacks: demo ? [...demo.setbacks] : [10, 6, 6, 10].map((distanceM, edge) => ({ kind: edge === 0 || edge === 3 ? ('road-red-line' as const) : ('neighbour' as const), distanceM })),
    placement: model.placement ? { lonDeg: model.placement.lonDeg, latDeg: model.placement.latDeg, heightM: model.placement.heightM ?? 0, headingDeg: model.placement.headingDeg ?? 0 } : null,
  });
  return parcel.id;
}

/** Creates an account through the accounts service (audited as `cli:bench-review`) and returns it as an actor. */
async function benchActor(db: Db, role: 'planner' | 'applicant'): Promise<Actor> {
  const email = `bench-${role}-${process.pid}@bench.gantwin.local`;
  const { user } = await createUser(db, { cli: 'bench-review' }, { email, name: `bench ${role}`, role, regionCode: '360100' });
  return { userId: user.id, email, name: user.name, role, regionCode: '360100', mustChangePassword: false, ipAddress: null, userAgent: 'bench-review' };
}

/** Runs one round with `workerCount` workers: submits every sample at once and waits for all of them. */
async function runRound(db: Db, applicant: Actor, samples: BenchSample[], workerCount: number, databaseUrl: string, storageDir: string, tilesDir: string): Promise<RoundResult> {
  const workers: WorkerProcess[] = [];
  let peakWorkerAloneMb = 0;
  let peakWorkerTotalMb = 0;
  let isSampling = true;
  try {
    for (let i = 0; i < workerCount; i++) workers.push(await startBenchWorker(databaseUrl, storageDir, tilesDir));
    const sampler = (async () => {
      while (isSampling) {
        for (const worker of workers) {
          const alone = await residentMemoryMb(worker.pid);
          const children = await Promise.all((await childPidsOf(worker.pid)).map(residentMemoryMb));
          peakWorkerAloneMb = Math.max(peakWorkerAloneMb, alone);
          peakWorkerTotalMb = Math.max(peakWorkerTotalMb, alone + children.reduce((sum, rss) => sum + rss, 0));
        }
        await new Promise((resolve) => setTimeout(resolve, RSS_SAMPLE_MS));
      }
    })();
    const ids = new Map<string, string>(); // submission id → sample file
    for (const sample of samples) {
      const created = await createSubmission(db, applicant, {
        uploadId: `bench-${workerCount}w-${sample.model.fileName}-${Date.now()}`,
        metadata: { filename: sample.model.fileName, projectName: `${sample.model.name}（${workerCount} 个进程）`, parcelId: sample.parcelId },
        sha256: sample.sha256,
        bytes: sample.bytes,
        format: 'ifc',
      });
      ids.set(created.id, sample.model.fileName);
    }
    const started = Date.now();
    let rows: (typeof reviewSubmissions.$inferSelect)[];
    for (;;) {
      rows = await db.select().from(reviewSubmissions).where(inArray(reviewSubmissions.id, [...ids.keys()]));
      const open = rows.filter((row) => PROCESSING.includes(row.status));
      if (open.length === 0) break;
      if (Date.now() - started > ROUND_TIMEOUT_MS) throw new Error(`bench-review: ${open.length} submission(s) still processing after ${ROUND_TIMEOUT_MS / 60_000} min`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    isSampling = false;
    await sampler;
    const outputs = await db.execute<{ submission_id: string; output: { elapsedS?: number; peakRssMb?: number } | null }>(
      sql`SELECT data ->> 'submissionId' AS submission_id, output FROM pgboss.job WHERE name = ${PROCESS_SUBMISSION_JOB.queue} AND state = 'completed' AND data ->> 'submissionId' IN ${sql`(${sql.join([...ids.keys()].map((id) => sql`${id}`), sql`, `)})`}`,
    );
    const outputOf = new Map(outputs.rows.map((row) => [row.submission_id, row.output]));
    const perSample = new Map<string, SampleRun>();
    for (const row of rows) {
      const output = outputOf.get(row.id) ?? null;
      perSample.set(ids.get(row.id)!, {
        status: row.status,
        latencyS: (row.updatedAt.getTime() - row.createdAt.getTime()) / 1000,
        jobElapsedS: output?.elapsedS ?? null,
        converterPeakRssMb: output?.peakRssMb ?? null,
        errorMessage: row.errorMessage,
      });
    }
    const wallS = (Math.max(...rows.map((row) => row.updatedAt.getTime())) - Math.min(...rows.map((row) => row.createdAt.getTime()))) / 1000;
    return { workers: workerCount, wallS, perSample, peakWorkerAloneMb, peakWorkerTotalMb };
  } finally {
    isSampling = false;
    for (const worker of workers) await stopWorkerProcess(worker);
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** The Markdown report. */
function reportOf(samples: BenchSample[], skipped: string[], one: RoundResult, two: RoundResult, machine: Record<string, string>): string {
  const fmt = (value: number | null | undefined) => (value === null || value === undefined ? '–' : String(round1(value)));
  const lines = [
    '# Benchmark: BIM submission → 待审查 (`npm run bench:review`)',
    '',
    'Time from "upload complete" (submission row created, job queued in the same transaction) to `pending-review`,',
    'every sample submitted at once, with one worker process and with two (scripts/bench-review.ts documents the method).',
    'Each worker runs one review job at a time; its converter child runs under the production limits.',
    '',
    `Machine: ${machine.cpu}, nproc ${machine.nproc}, memory ${machine.memory}, Node.js ${machine.node}, ${machine.platform}; run ${machine.date}.`,
    '',
    '| sample | IFC MB | 1 worker: latency s | 2 workers: latency s | job run s (1 w.) | converter peak RSS MiB | status |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const sample of samples) {
    const a = one.perSample.get(sample.model.fileName);
    const b = two.perSample.get(sample.model.fileName);
    const peak = Math.max(a?.converterPeakRssMb ?? 0, b?.converterPeakRssMb ?? 0);
    const status = a?.status === b?.status ? (a?.status ?? '–') : `${a?.status} / ${b?.status}`;
    lines.push(`| ${sample.model.nameEn} (\`${sample.model.fileName}\`) | ${fmt(sample.bytes / 1e6)} | ${fmt(a?.latencyS)} | ${fmt(b?.latencyS)} | ${fmt(a?.jobElapsedS)} | ${peak || '–'} | ${status} |`);
  }
  lines.push(
    '',
    '| summary | 1 worker | 2 workers |',
    '|---|---:|---:|',
    `| all samples: first row created → last pending-review, s | ${fmt(one.wallS)} | ${fmt(two.wallS)} |`,
    `| peak RSS of a worker process alone, MiB | ${Math.round(one.peakWorkerAloneMb)} | ${Math.round(two.peakWorkerAloneMb)} |`,
    `| peak RSS of a worker + its converter child (one instant), MiB | ${Math.round(one.peakWorkerTotalMb)} | ${Math.round(two.peakWorkerTotalMb)} |`,
    '',
    `Ratio one worker ÷ two workers: **${(one.wallS / two.wallS).toFixed(2)}**. Latency of one sample includes its wait in the queue`,
    'behind the others (samples are queued in the order of the table), so the per-sample figures depend on the order;',
    'the wall time is the throughput figure. A second worker helps until the longest single job dominates the round.',
  );
  const failures = samples.flatMap((sample) => [one, two].map((round) => ({ round, run: round.perSample.get(sample.model.fileName), sample }))).filter(({ run }) => run && run.status !== 'pending-review');
  if (failures.length) {
    lines.push('', 'Not pending-review:', '');
    for (const { round, run, sample } of failures) lines.push(`- ${sample.model.fileName} (${round.workers} worker(s)): ${run!.status}: ${run!.errorMessage ?? ''}`);
  }
  if (skipped.length) lines.push('', `Left out of this run (\`--only\`/\`--skip\` or missing): ${skipped.map((name) => `\`${name}\``).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

/** Runs the bench (see the module doc). */
async function main(): Promise<void> {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const skip = process.argv.includes('--skip') ? process.argv[process.argv.indexOf('--skip') + 1] : undefined;
  const models = SAMPLE_FILES.map((fileName) => SAMPLE_MODELS.find((model) => model.fileName === fileName)!).filter(
    (model) => (!only || model.fileName.includes(only)) && (!skip || !model.fileName.includes(skip)),
  );
  const present = models.filter((model) => {
    const ok = existsSync(path.join(env.SHARED_DATA_DIR, 'ifc', model.fileName));
    if (!ok) console.error(`bench-review: skipped ${model.fileName}: not in ${path.join(env.SHARED_DATA_DIR, 'ifc')}`);
    return ok;
  });
  if (present.length === 0) throw new Error('bench-review: no sample model found (SHARED_DATA_DIR)');
  const server = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT });
  const databaseName = `gantwin_bench_review_${process.pid}`;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-bench-review-'));
  const storageDir = path.join(workDir, 'storage');
  const tilesDir = path.join(workDir, 'tiles');
  let pool: { end: () => Promise<void> } | undefined;
  try {
    const { appUrl } = await provisionDatabase(server.adminUrl, databaseName, { installJobQueues });
    const connection = createDb(appUrl, 3);
    pool = connection.pool;
    const db = connection.db;
    await ensureTestRegions(db);
    const planner = await benchActor(db, 'planner');
    const applicant = await benchActor(db, 'applicant');
    const store = new LocalObjectStore(storageDir);
    const samples: BenchSample[] = [];
    for (const [index, model] of present.entries()) {
      const filePath = path.join(env.SHARED_DATA_DIR, 'ifc', model.fileName);
      const sha256 = createHash('sha256').update(readFileSync(filePath)).digest('hex');
      await store.putFile(sourceKeyOf(sha256, 'ifc'), filePath);
      samples.push({ model, filePath, bytes: statSync(filePath).size, sha256, parcelId: await parcelFor(db, planner, model, index) });
    }
    console.error(`bench-review: ${samples.length} samples, database ${databaseName}, store ${storageDir}`);
    const rounds: RoundResult[] = [];
    for (const workerCount of [1, 2]) {
      const result = await runRound(db, applicant, samples, workerCount, appUrl, storageDir, tilesDir);
      rounds.push(result);
      console.log(`${workerCount} worker(s): all ${samples.length} samples in ${round1(result.wallS)} s; peak worker RSS ${Math.round(result.peakWorkerAloneMb)} MiB alone, ${Math.round(result.peakWorkerTotalMb)} MiB with its converter`);
      for (const sample of samples) {
        const run = result.perSample.get(sample.model.fileName)!;
        console.log(`  ${sample.model.fileName.padEnd(40)} ${run.status.padEnd(15)} latency ${String(round1(run.latencyS)).padStart(6)} s  job ${String(round1(run.jobElapsedS ?? 0)).padStart(6)} s  converter peak ${run.converterPeakRssMb ?? '–'} MiB${run.errorMessage ? `  (${run.errorMessage.slice(0, 160)})` : ''}`);
      }
    }
    const [one, two] = rounds;
    const machine = {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      nproc: String(os.availableParallelism()),
      memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
      date: new Date().toISOString().slice(0, 10),
    };
    writeFileSync(DOC_PATH, reportOf(samples, SAMPLE_FILES.filter((name) => !samples.some((sample) => sample.model.fileName === name)), one, two, machine));
    console.error(`bench-review: wrote ${path.relative(REPO_ROOT, DOC_PATH)}`);
    const peakWorkerRssMb = Math.round(Math.max(one.peakWorkerTotalMb, two.peakWorkerTotalMb));
    console.log(JSON.stringify({ bench: 'review', samples: samples.length, oneWorkerS: round1(one.wallS), twoWorkersS: round1(two.wallS), ratio: Math.round((one.wallS / two.wallS) * 100) / 100, peakWorkerRssMb }));
  } finally {
    await pool?.end();
    await dropDatabase(server.adminUrl, databaseName);
    await rm(workDir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
}
