import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import { GanTwinError, InputError, invariant, NotFoundError } from '@kernel/errors';
import { SILENT_LOGGER, type Logger } from '@kernel/logger';
import type { JobContext, JobHandler } from './job-handler';

/**
 * The job queue host: pg-boss on the app's PostgreSQL, with the queues of every plate's {@link JobHandler}.
 * `npm run worker` (scripts/worker.ts) runs {@link startWorker} for all plates; any process enqueues with
 * {@link enqueueJob}; several workers on several machines share the one database.
 *
 * Notes:
 * - Why pg-boss: jobs are rows in the same PostgreSQL (schema `pgboss`), so a queued or interrupted job survives a
 *   restart, there is no extra service to run, and the queue is backed up with the data it produces. pg-boss
 *   10.4.2 is pinned: 11+ needs Node 22.
 * - One job at a time per queue and process (`batchSize: 1`): the jobs are CPU-heavy (the tiler) and machines
 *   have 2 cores; more throughput = more worker processes, not more concurrency in one.
 * - Final failures (job-handler.ts): an invalid payload or a thrown `GanTwinError` sets the job's `retry_limit`
 *   to its `retry_count` before it fails. pg-boss 10 has no public per-job "do not retry", so this one UPDATE
 *   reads its table (`pgboss.job`); re-check it when upgrading pg-boss.
 * - A job cut off by a stop or crash is failed by pg-boss (`stop()` / expiry) and retried by the next worker.
 */

/** PostgreSQL schema that pg-boss creates and owns in the app database. */
export const PGBOSS_SCHEMA = 'pgboss';

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
  /** How often maintenance runs, seconds (pg-boss default 120; ≥ 1): how soon a dead worker's job is handed on. */
  maintenanceIntervalS?: number;
  /** Receives pg-boss's background errors (default: silent). */
  logger?: Logger;
  /**
   * Run pg-boss's clock in this process and (re)register the handlers' `cron` schedules (default false: only the
   * worker process keeps the clock; tools that merely enqueue or wait do not).
   */
  schedule?: boolean;
}

/** Time zone of every handler's `cron` (Jiangxi: China Standard Time, UTC+8). */
export const CRON_TIME_ZONE = 'Asia/Shanghai';

/** The final state of one job. */
export interface JobOutcome<Output> {
  jobId: string;
  state: 'completed' | 'failed' | 'cancelled';
  /** The output of a completed job (what the handler returned), else null. */
  result: Output | null;
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
 * makes sure every handler's queue exists with its policy.
 * @param databaseUrl `postgres://` URL of the app database
 * @param handlers the queues to create (every plate's `jobs`)
 * @returns the started boss; stop it with {@link stopBoss}
 * @throws {Error} from pg / pg-boss when the database cannot be reached or the schema cannot be created
 */
export async function startBoss(databaseUrl: string, handlers: readonly JobHandler[], options: BossOptions = {}): Promise<PgBoss> {
  const logger = options.logger ?? SILENT_LOGGER;
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: PGBOSS_SCHEMA,
    max: options.maxConnections ?? BOSS_DEFAULTS.maxConnections,
    supervise: options.supervise ?? BOSS_DEFAULTS.supervise,
    ...(options.maintenanceIntervalS ? { maintenanceIntervalSeconds: options.maintenanceIntervalS } : {}),
    schedule: options.schedule ?? false,
    application_name: 'gantwin-jobs',
  });
  // Without a listener an 'error' event would throw (EventEmitter); pg-boss emits them for background failures.
  boss.on('error', (error) => logger.error(`queue: ${error.message}`));
  await boss.start();
  for (const handler of handlers) {
    const queue = { name: handler.queue, ...handler.policy };
    await retryOnConflict(() => boss.createQueue(handler.queue, queue));
    await retryOnConflict(() => boss.updateQueue(handler.queue, queue));
    // schedule() upserts: the cron of the code now running wins over one an older worker registered.
    if (options.schedule && handler.cron) await retryOnConflict(() => boss.schedule(handler.queue, handler.cron!, {}, { tz: CRON_TIME_ZONE }));
  }
  return boss;
}

/** PostgreSQL errors of two processes creating the same queue at once: deadlock, unique violation. */
const CONFLICT_CODES = new Set(['40P01', '23505']);

/**
 * Runs `operation`, again after a short jittered pause when PostgreSQL reports a deadlock or a duplicate: a worker
 * and `convert-samples` starting together both create the queues (pg-boss `createQueue` takes table locks and
 * deadlocked here once in every few starts). Gives up after 5 tries.
 */
async function retryOnConflict(operation: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await operation();
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 5 || typeof code !== 'string' || !CONFLICT_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * attempt));
    }
  }
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
 * Validates a payload and queues one job.
 * @returns the pg-boss job id (uuid)
 * @throws {InputError} naming each invalid field (`placement.latDeg: Too big: expected number to be <=90`)
 * @example const jobId = await enqueueJob(boss, CONVERT_MODEL_JOB, { sourcePath, name: 'FZK-Haus' });
 */
export async function enqueueJob<Payload, Input>(boss: PgBoss, handler: JobHandler<Payload, unknown, Input>, payload: Input): Promise<string> {
  const parsed = handler.payloadSchema.safeParse(payload);
  if (!parsed.success) throw new InputError(`queue: invalid ${handler.queue} payload: ${reasonsOf(parsed.error)}`, { context: { issues: parsed.error.issues } });
  const jobId = await boss.send(handler.queue, parsed.data as object);
  invariant(jobId, `queue: pg-boss returned no job id for ${handler.queue} (standard policy never drops a job)`);
  return jobId;
}

/** A transaction of the app database as pg-boss needs it for {@link enqueueJobInTransaction}. */
export interface SqlExecutor {
  execute(query: SQL): Promise<{ rows: unknown[] }>;
}

/**
 * A parameter as node-postgres would send it: `undefined` as NULL (Drizzle would drop it from the statement), plain
 * objects and arrays as JSON text (pg-boss passes `data` as an object).
 */
function asPgParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object' || value instanceof Date || Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
}

/** pg-boss's `$1 … $n` statement as one Drizzle SQL value with the same parameters. */
function drizzleSqlOf(text: string, values: readonly unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i]));
    else chunks.push(sql`${asPgParam(values[Number(parts[i]) - 1])}`);
  }
  return sql.join(chunks);
}

let producer: PgBoss | null = null;

/**
 * Validates a payload and queues one job INSIDE the caller's database transaction (pg-boss's `db` option): the job
 * row commits or rolls back with the rows that need it — a submission never exists without its job, nor a job
 * without its submission. Needs no started pg-boss (the schema `pgboss` must exist: any worker or
 * `convert-samples` creates it, and so does the migration step of `npm start`).
 * @param tx a Drizzle transaction (or database) of the app database
 * @param options pg-boss send options; `singletonKey` keeps one queued job per key
 * @returns the pg-boss job id (uuid)
 * @throws {InputError} naming each invalid field
 */
export async function enqueueJobInTransaction<Payload, Input>(
  tx: SqlExecutor,
  handler: JobHandler<Payload, unknown, Input>,
  payload: Input,
  options: Pick<PgBoss.SendOptions, 'singletonKey' | 'startAfter'> = {},
): Promise<string> {
  const parsed = handler.payloadSchema.safeParse(payload);
  if (!parsed.success) throw new InputError(`queue: invalid ${handler.queue} payload: ${reasonsOf(parsed.error)}`, { context: { issues: parsed.error.issues } });
  // Never started: it only formats the INSERT, which runs on the transaction below.
  producer ??= new PgBoss({ connectionString: 'postgres://unused', schema: PGBOSS_SCHEMA, supervise: false, schedule: false });
  const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: (await tx.execute(drizzleSqlOf(text, values))).rows }) };
  const jobId = await producer.send(handler.queue, parsed.data as object, { ...options, db });
  invariant(jobId, `queue: pg-boss returned no job id for ${handler.queue}${options.singletonKey ? ` (a job with key ${options.singletonKey} is already queued)` : ''}`);
  return jobId;
}

/** Makes a job final: pg-boss fails it without a retry (see Notes). */
async function disableRetries(boss: PgBoss, queue: string, jobId: string): Promise<void> {
  await boss.getDb().executeSql(`UPDATE ${PGBOSS_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [queue, jobId]);
}

/** What {@link startWorker} passes to every job, and how often an idle worker polls. */
export interface WorkerContext extends Omit<JobContext, 'jobId'> {
  /** How often an idle worker asks for jobs, seconds (≥ 0.5; default 2). */
  pollingIntervalS?: number;
}

async function runJob<Payload, Output>(boss: PgBoss, handler: JobHandler<Payload, Output>, context: WorkerContext, job: PgBoss.JobWithMetadata<unknown>): Promise<Output> {
  const logger = context.logger ?? SILENT_LOGGER;
  const parsed = handler.payloadSchema.safeParse(job.data);
  if (!parsed.success) {
    await disableRetries(boss, handler.queue, job.id);
    throw new InputError(`${handler.queue}: job ${job.id}: invalid payload: ${reasonsOf(parsed.error)}`, { context: { jobId: job.id } });
  }
  try {
    return await handler.run(parsed.data, { ...context, jobId: job.id, attempt: job.retryCount + 1, isFinalAttempt: job.retryCount >= job.retryLimit });
  } catch (error) {
    // Final: our typed errors and validation errors (see job-handler.ts); anything else is retried.
    if (error instanceof GanTwinError || error instanceof z.ZodError) await disableRetries(boss, handler.queue, job.id);
    logger.error(`${handler.queue}: job ${job.id}: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

/**
 * Starts one worker per handler: each runs its queue's jobs one at a time. A completed job's output is what the
 * handler returned; a failed one's is the error (`{ name, message, code, context }`).
 * @returns the pg-boss worker ids (`boss.offWork({ id })` stops one; {@link stopBoss} stops all)
 * @throws {Error} from pg-boss when the boss is stopped
 */
export async function startWorker(boss: PgBoss, handlers: readonly JobHandler[], context: WorkerContext): Promise<string[]> {
  const ids: string[] = [];
  for (const handler of handlers) {
    ids.push(
      await boss.work<unknown>(handler.queue, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: context.pollingIntervalS ?? 2 }, async (jobs) => {
        invariant(jobs.length === 1, `${handler.queue}: batch size is 1, got ${jobs.length} jobs`);
        return runJob(boss, handler, context, jobs[0]);
      }),
    );
  }
  return ids;
}

/** The reason in a failed job's output: a serialised error `{ message }` or pg-boss's `{ value }`. */
function failureReasonOf(output: unknown): string {
  if (output && typeof output === 'object') {
    if ('message' in output && typeof output.message === 'string') return output.message;
    if ('value' in output) return typeof output.value === 'string' ? output.value : failureReasonOf(output.value);
  }
  return 'no reason recorded';
}

/**
 * Reads one job; null while it is still queued, running or waiting for a retry. A completed job's `result` is the
 * output its handler returned, as stored by pg-boss (JSON).
 * @throws {NotFoundError} when no job (nor archived job) of this queue has this id
 */
export async function jobOutcomeOf<Output>(boss: PgBoss, handler: JobHandler<unknown, Output>, jobId: string): Promise<JobOutcome<Output> | null> {
  const job = await boss.getJobById<unknown>(handler.queue, jobId, { includeArchive: true });
  if (!job) throw new NotFoundError(`queue: no ${handler.queue} job ${jobId}`, { context: { jobId } });
  if (job.state !== 'completed' && job.state !== 'failed' && job.state !== 'cancelled') return null;
  return {
    jobId,
    state: job.state,
    result: job.state === 'completed' ? ((job.output ?? null) as Output | null) : null,
    error: job.state === 'completed' ? null : job.state === 'cancelled' ? 'cancelled' : failureReasonOf(job.output),
    retryCount: job.retryCount,
  };
}

/** Options of {@link waitForJobs}. */
export interface WaitForJobsOptions<Output> {
  /** Pause between looks at the pending jobs, ms (default 500). */
  pollIntervalMs?: number;
  /** Called once per job as it reaches its final state, in that order. */
  onSettled?: (outcome: JobOutcome<Output>) => void;
  /** Called once when no job has started after `noWorkerAfterMs` (default 30,000 ms): is a worker running? */
  onNoWorker?: () => void;
  noWorkerAfterMs?: number;
  /** Give up after this long, ms (default: wait for ever). */
  timeoutMs?: number;
}

/**
 * Waits until every job has reached a final state (completed, failed or cancelled), or `timeoutMs`.
 * @returns the outcomes in the order of `jobIds`
 * @throws {NotFoundError} when a job id does not exist
 * @throws {InputError} when `timeoutMs` passes first (naming how many jobs are still open)
 */
export async function waitForJobs<Output>(
  boss: PgBoss,
  handler: JobHandler<unknown, Output>,
  jobIds: readonly string[],
  options: WaitForJobsOptions<Output> = {},
): Promise<JobOutcome<Output>[]> {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const settled = new Map<string, JobOutcome<Output>>();
  const startedMs = Date.now();
  let hasWarned = false;
  for (;;) {
    for (const jobId of jobIds) {
      if (settled.has(jobId)) continue;
      const outcome = await jobOutcomeOf(boss, handler, jobId);
      if (!outcome) continue;
      settled.set(jobId, outcome);
      options.onSettled?.(outcome);
    }
    if (settled.size === jobIds.length) return jobIds.map((id) => settled.get(id) as JobOutcome<Output>);
    if (options.timeoutMs !== undefined && Date.now() - startedMs > options.timeoutMs) {
      throw new InputError(`queue: ${jobIds.length - settled.size} of ${jobIds.length} ${handler.queue} job(s) still open after ${Math.round(options.timeoutMs / 1000)} s`);
    }
    if (!hasWarned && options.onNoWorker && Date.now() - startedMs > (options.noWorkerAfterMs ?? 30_000)) {
      const states = await Promise.all(jobIds.map((id) => boss.getJobById(handler.queue, id)));
      if (states.every((job) => job?.state === 'created' || job?.state === 'retry')) {
        hasWarned = true;
        options.onNoWorker();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
  }
}
