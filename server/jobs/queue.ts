import path from 'node:path';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { Db } from '@server/db/client';
import { NotFoundError } from '@kernel/errors';
import { GanTwinError, InputError, invariant } from '@kernel/errors';
import { SILENT_LOGGER, type Logger } from '@kernel/logger';
import { convertModel, type ConvertModelDeps, type ConvertModelResult } from './convert-model';

/**
 * The model-conversion job queue: `convertModel` run by a pg-boss worker, fed by `enqueueModelConversion`.
 *
 * Notes:
 * - Why pg-boss: jobs are rows in the same PostgreSQL (schema `pgboss`, created by `start()`), so a queued or
 *   interrupted conversion survives a restart, there is no extra service to run (Redis, a broker), and the queue is
 *   backed up and restored with the models it produces. pg-boss 10.4.2 is pinned: 11+ needs Node 22.
 * - One job at a time: one `work()` with batch size 1. The tiler is CPU-heavy and the machine has 2 cores;
 *   more throughput = more worker processes, not more concurrency in one.
 * - Retries: the queue retries (2×, after 30–60 s then 60–120 s, jittered backoff) only what may get better: database or file-system errors
 *   and jobs cut off by a shutdown or crash (pg-boss fails active jobs on `stop()` / expiry, and the next worker
 *   picks them up). A failed conversion (broken IFC, unsupported schema, bad georeferencing — `convertModel`
 *   returns `status: 'failed'`), a `GanTwinError` and an invalid payload are final: the worker sets the job's
 *   `retry_limit` to its `retry_count` before failing it. pg-boss 10 has no public per-job "do not retry", so
 *   this one UPDATE reads its table (`pgboss.job`); re-check it when upgrading pg-boss.
 * - The failure reason is the job's output (`{ message, … }`) and, for conversions, also `models.error_message`.
 * - Expiry 2 h: pg-boss abandons a handler after its job's expiry and fetches the next, so it must exceed the
 *   longest conversion (the largest sample, a 7.8 s railway, is far from it; uploads may be 100× bigger) or two
 *   conversions would run at once.
 */

/** The queue name (pg-boss queue, one partition of `pgboss.job`). */
export const CONVERT_MODEL_QUEUE = 'twin.convert-model';

/** PostgreSQL schema that pg-boss creates and owns in the app database. */
export const PGBOSS_SCHEMA = 'pgboss';

/** Queue policy: retries for retryable failures, base delay (s; backoff doubles it, jittered), expiry (s, < 24 h). */
export const CONVERT_MODEL_QUEUE_OPTIONS = {
  retryLimit: 2,
  retryDelay: 30,
  retryBackoff: true,
  expireInSeconds: 2 * 60 * 60,
} as const satisfies Omit<PgBoss.Queue, 'name'>;

/** Defaults of {@link startBoss}. */
export const BOSS_DEFAULTS = {
  /** Pool size of pg-boss's own connections (worker fetch + maintenance). */
  maxConnections: 3,
  /** Run pg-boss maintenance (expiry of jobs left active by a crash, archiving) in this process. */
  supervise: true,
} satisfies Omit<BossOptions, 'logger'>;

/** Options of {@link startBoss}; `undefined` keeps the default. */
export interface BossOptions {
  maxConnections?: number;
  supervise?: boolean;
  /** Receives pg-boss's background errors (default: silent). */
  logger?: Logger;
}

const SIX_DIGIT_CODE = /^\d{6}$/;

/** Zod schema of a placement (WGS84 degrees, metres; heading clockwise from true north). */
const placementSchema = z
  .object({
    lonDeg: z.number().min(-180).max(180),
    latDeg: z.number().min(-90).max(90),
    heightM: z.number(),
    headingDeg: z.number().min(-360).max(360),
  })
  .strict();

/**
 * The job payload, validated at enqueue and again in the worker (rows may come from elsewhere).
 * `sourcePath` is made absolute at enqueue: the worker may run in another process and cwd.
 */
export const convertModelPayloadSchema = z
  .object({
    sourcePath: z
      .string()
      .min(1)
      .transform((p) => path.resolve(p)),
    name: z.string().trim().min(1),
    placement: placementSchema.optional(),
    regionCode: z.string().regex(SIX_DIGIT_CODE, 'must be a 6-digit admin code').nullable().optional(),
    visibility: z.enum(['public', 'internal']).optional(),
    force: z.boolean().optional(),
  })
  .strict();

/** What a caller enqueues: the fields of `ConvertModelInput` (convert-model.ts); the worker passes them on as is. */
export type ConvertModelPayload = z.input<typeof convertModelPayloadSchema>;

/** A completed job's output: the conversion result and how long it took (seconds, wall clock). */
export type ConversionJobOutput = ConvertModelResult & { elapsedS: number };

/** The final state of one conversion job. */
export interface ConversionJobOutcome {
  jobId: string;
  state: 'completed' | 'failed' | 'cancelled';
  /** The output of a completed job, else null. */
  result: ConversionJobOutput | null;
  /** Why a failed or cancelled job ended, else null. */
  error: string | null;
  /** Retries pg-boss made (0 = ran once). */
  retryCount: number;
}

function reasonsOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`).join('; ');
}

/**
 * Creates and starts a pg-boss on `databaseUrl` (installing or migrating schema `pgboss` on first start) and
 * makes sure {@link CONVERT_MODEL_QUEUE} exists with {@link CONVERT_MODEL_QUEUE_OPTIONS}.
 * @param databaseUrl `postgres://` URL of the app database
 * @returns the started boss; stop it with {@link stopBoss}
 * @throws {Error} from pg / pg-boss when the database cannot be reached or the schema cannot be created
 */
export async function startBoss(databaseUrl: string, options: BossOptions = {}): Promise<PgBoss> {
  const logger = options.logger ?? SILENT_LOGGER;
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: PGBOSS_SCHEMA,
    max: options.maxConnections ?? BOSS_DEFAULTS.maxConnections,
    supervise: options.supervise ?? BOSS_DEFAULTS.supervise,
    schedule: false,
    application_name: 'gantwin-jobs',
  });
  // Without a listener an 'error' event would throw (EventEmitter); pg-boss emits them for background failures.
  boss.on('error', (error) => logger.error(`queue: ${error.message}`));
  await boss.start();
  await boss.createQueue(CONVERT_MODEL_QUEUE, { name: CONVERT_MODEL_QUEUE, ...CONVERT_MODEL_QUEUE_OPTIONS });
  await boss.updateQueue(CONVERT_MODEL_QUEUE, { name: CONVERT_MODEL_QUEUE, ...CONVERT_MODEL_QUEUE_OPTIONS });
  return boss;
}

/**
 * Stops workers and maintenance, waits up to `timeoutMs` for running jobs, fails the ones still running (they are
 * retried by the next worker) and closes pg-boss's pool.
 * @param timeoutMs how long to wait for running jobs, ms (default 30,000)
 */
export async function stopBoss(boss: PgBoss, timeoutMs = 30_000): Promise<void> {
  await boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
}

/**
 * Validates a payload and queues one conversion.
 * @returns the pg-boss job id (uuid)
 * @throws {InputError} naming each invalid field (`placement.latDeg: Too big: expected number to be <=90`)
 * @example
 * const jobId = await enqueueModelConversion(boss, { sourcePath, name: 'FZK-Haus', placement, regionCode: '360100' });
 */
export async function enqueueModelConversion(boss: PgBoss, payload: ConvertModelPayload): Promise<string> {
  const parsed = convertModelPayloadSchema.safeParse(payload);
  if (!parsed.success) throw new InputError(`queue: invalid ${CONVERT_MODEL_QUEUE} payload: ${reasonsOf(parsed.error)}`, { context: { issues: parsed.error.issues } });
  const jobId = await boss.send(CONVERT_MODEL_QUEUE, parsed.data);
  invariant(jobId, `queue: pg-boss returned no job id for ${parsed.data.sourcePath} (standard policy never drops a job)`);
  return jobId;
}

/** Options of {@link startConversionWorker}: those of `convertModel` plus the polling interval. */
export interface ConversionWorkerDeps extends ConvertModelDeps {
  /** How often an idle worker asks for jobs, seconds (≥ 0.5; default 2). */
  pollingIntervalS?: number;
}

/** Makes a job final: pg-boss fails it without a retry (see Notes). */
async function disableRetries(boss: PgBoss, jobId: string): Promise<void> {
  await boss.getDb().executeSql(`UPDATE ${PGBOSS_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [CONVERT_MODEL_QUEUE, jobId]);
}

async function runConversionJob(boss: PgBoss, db: Db, deps: ConversionWorkerDeps, job: PgBoss.Job<unknown>): Promise<ConversionJobOutput> {
  const logger = deps.logger ?? SILENT_LOGGER;
  const parsed = convertModelPayloadSchema.safeParse(job.data);
  if (!parsed.success) {
    await disableRetries(boss, job.id);
    throw new InputError(`conversion-worker: job ${job.id}: invalid payload: ${reasonsOf(parsed.error)}`, { context: { jobId: job.id } });
  }
  const started = performance.now();
  let result: ConvertModelResult;
  try {
    result = await convertModel(db, parsed.data, deps);
  } catch (error) {
    if (error instanceof GanTwinError) await disableRetries(boss, job.id);
    logger.error(`conversion-worker: job ${job.id} (${path.basename(parsed.data.sourcePath)}): ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  if (result.status === 'failed') {
    await disableRetries(boss, job.id);
    throw new InputError(result.error ?? `${path.basename(parsed.data.sourcePath)}: conversion failed`, { context: { jobId: job.id, modelId: result.id } });
  }
  return { ...result, elapsedS: (performance.now() - started) / 1000 };
}

/**
 * Starts a worker that runs `convertModel` for each {@link CONVERT_MODEL_QUEUE} job, one at a time. A completed
 * job's output is a {@link ConversionJobOutput}; a failed one's is the error (`{ name, message, code, context }`).
 * @param db the app database the model and element rows go to
 * @returns the pg-boss worker id (`boss.offWork({ id })` stops it; {@link stopBoss} stops all)
 * @throws {Error} from pg-boss when the boss is stopped
 */
export async function startConversionWorker(boss: PgBoss, db: Db, deps: ConversionWorkerDeps): Promise<string> {
  return boss.work<unknown>(CONVERT_MODEL_QUEUE, { batchSize: 1, pollingIntervalSeconds: deps.pollingIntervalS ?? 2 }, async (jobs) => {
    invariant(jobs.length === 1, `conversion-worker: batch size is 1, got ${jobs.length} jobs`);
    return runConversionJob(boss, db, deps, jobs[0]);
  });
}

const jobOutputSchema = z.object({
  id: z.string(),
  status: z.enum(['ready', 'failed']),
  cached: z.boolean(),
  elementCount: z.number(),
  tilesetUrl: z.string(),
  error: z.string().nullable(),
  elapsedS: z.number(),
});

/** The reason in a failed job's output: a serialised error `{ message }` or pg-boss's `{ value }`. */
function failureReasonOf(output: unknown): string {
  if (output && typeof output === 'object') {
    if ('message' in output && typeof output.message === 'string') return output.message;
    if ('value' in output) return typeof output.value === 'string' ? output.value : failureReasonOf(output.value);
  }
  return 'no reason recorded';
}

/**
 * Reads one conversion job; null while it is still queued, running or waiting for a retry.
 * @throws {NotFoundError} when no job (nor archived job) has this id
 */
export async function conversionJobOutcomeOf(boss: PgBoss, jobId: string): Promise<ConversionJobOutcome | null> {
  const job = await boss.getJobById<unknown>(CONVERT_MODEL_QUEUE, jobId, { includeArchive: true });
  if (!job) throw new NotFoundError(`queue: no ${CONVERT_MODEL_QUEUE} job ${jobId}`, { context: { jobId } });
  if (job.state !== 'completed' && job.state !== 'failed' && job.state !== 'cancelled') return null;
  const completed = job.state === 'completed' ? jobOutputSchema.safeParse(job.output) : null;
  return {
    jobId,
    state: job.state,
    result: completed?.success ? completed.data : null,
    error: completed ? (completed.success ? null : 'completed without a readable output') : job.state === 'cancelled' ? 'cancelled' : failureReasonOf(job.output),
    retryCount: job.retryCount,
  };
}

/** Options of {@link waitForConversionJobs}. */
export interface WaitForJobsOptions {
  /** Pause between looks at the pending jobs, ms (default 500). */
  pollIntervalMs?: number;
  /** Called once per job as it reaches its final state, in that order. */
  onSettled?: (outcome: ConversionJobOutcome) => void;
}

/**
 * Waits until every job has reached a final state (completed, failed or cancelled); no timeout of its own.
 * @returns the outcomes in the order of `jobIds`
 * @throws {NotFoundError} when a job id does not exist
 */
export async function waitForConversionJobs(boss: PgBoss, jobIds: readonly string[], options: WaitForJobsOptions = {}): Promise<ConversionJobOutcome[]> {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const settled = new Map<string, ConversionJobOutcome>();
  for (;;) {
    for (const jobId of jobIds) {
      if (settled.has(jobId)) continue;
      const outcome = await conversionJobOutcomeOf(boss, jobId);
      if (!outcome) continue;
      settled.set(jobId, outcome);
      options.onSettled?.(outcome);
    }
    if (settled.size === jobIds.length) return jobIds.map((id) => settled.get(id) as ConversionJobOutcome);
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}
