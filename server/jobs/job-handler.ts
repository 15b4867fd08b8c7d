import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from '@kernel/logger';
import type { Db } from '@server/db/client';
import type { ObjectStore } from '@server/storage/object-store';

/**
 * The contract of a job handler: a plate declares one per queue (`server/<slug>/…-job.ts`) and lists it in its
 * manifest's `jobs`; the worker process (scripts/worker.ts) runs every plate's handlers (server/jobs/queue.ts).
 *
 * Failure policy (one place, applied by the worker): a thrown `GanTwinError` (bad input, a broken file, a missing
 * record) or `ZodError` is final — retrying cannot help, so the job fails at once with its message as the reason.
 * Any other error (database or file-system trouble, a crash, a worker stopped mid-job) is retried per
 * {@link QueuePolicy}, at most {@link MAX_JOB_RETRIES} times.
 *
 * Payloads are validated at enqueue and the schema's OUTPUT is stored; the worker validates the stored payload
 * again. A payload schema must therefore accept its own output (transforms idempotent, e.g. `path.resolve`).
 */

/** Most retries a queue may declare (checked when the worker loads the handlers). */
export const MAX_JOB_RETRIES = 5;

/** Longest a job may run before pg-boss gives it up and retries it elsewhere, seconds (pg-boss allows < 24 h). */
export const MAX_JOB_EXPIRY_S = 23 * 60 * 60;

/**
 * pg-boss queue policy of one handler: `expireInSeconds` (required, 1..{@link MAX_JOB_EXPIRY_S}) must exceed the
 * longest run, or a second worker starts the same job; `retryLimit` ≤ {@link MAX_JOB_RETRIES}.
 */
export type QueuePolicy = Pick<PgBoss.Queue, 'retryLimit' | 'retryDelay' | 'retryBackoff'> & { expireInSeconds: number };

/** What a running job receives besides its payload. */
export interface JobContext {
  /** The app database. */
  db: Db;
  logger: Logger;
  /** pg-boss job id (uuid). */
  jobId: string;
  /** 1 on the first run, 2 on the first retry, … (a run cut off by a killed worker counts). */
  attempt?: number;
  /** True when no retry follows a failure of this run: a handler records the failure on its own rows now. */
  isFinalAttempt?: boolean;
  /** Where published tilesets live (`TILES_DIR`, absolute). */
  tilesDir: string;
  /** The object store sources and published tilesets of plates live in (server/storage; local or S3). */
  objectStore: ObjectStore;
  /** Folder of the shared sample data (`SHARED_DATA_DIR`). */
  sharedDataDir: string;
}

/**
 * One queue's handler. `Payload` is the validated payload (the schema's output), `Output` what a completed job
 * stores, `Input` what a caller enqueues (the schema's input).
 */
export interface JobHandler<Payload = unknown, Output = unknown, Input = Payload> {
  /** pg-boss queue name: `<plate slug>.<job>` (e.g. `twin.convert-model`). */
  queue: string;
  /** Validates the payload at enqueue and again in the worker (rows may come from elsewhere). */
  payloadSchema: z.ZodType<Payload, Input>;
  policy: QueuePolicy;
  /**
   * A clock for jobs that nobody enqueues (checks, maintenance): a 5-field cron expression in China Standard Time
   * (`* * * * *` = every minute, the finest pg-boss allows). Every worker registers it; pg-boss enqueues one job
   * per due minute across all of them (singleton per queue and minute). The payload is `{}`.
   */
  cron?: string;
  /** Runs one job; throw to fail it (see the failure policy above). */
  run(payload: Payload, ctx: JobContext): Promise<Output>;
}

/**
 * Declares a handler with its payload and output types.
 * @example export const CONVERT_MODEL_JOB = defineJob({ queue: 'twin.convert-model', payloadSchema, policy, run });
 */
export function defineJob<Payload, Output, Input = Payload>(handler: JobHandler<Payload, Output, Input>): JobHandler<Payload, Output, Input> {
  return handler;
}
