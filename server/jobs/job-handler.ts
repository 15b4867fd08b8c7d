import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Logger } from '@kernel/logger';
import type { Db } from '@server/db/client';

/**
 * The contract of a job handler: a plate declares one per queue (`server/<slug>/…-job.ts`) and lists it in its
 * manifest's `jobs`; the worker process runs every plate's handlers (server/jobs/worker.ts).
 *
 * Failure policy (one place, applied by the worker): a thrown `GanTwinError` (bad input, a broken file, a missing
 * record) is final — retrying cannot help, so the job fails at once with its message as the reason. Any other
 * error (database or file-system trouble, a crash, a worker stopped mid-job) is retried per {@link QueuePolicy}.
 */

/** pg-boss queue policy of one handler. */
export type QueuePolicy = Pick<PgBoss.Queue, 'retryLimit' | 'retryDelay' | 'retryBackoff' | 'expireInSeconds'>;

/** What a running job receives besides its payload. */
export interface JobContext {
  /** The app database. */
  db: Db;
  logger: Logger;
  /** pg-boss job id (uuid). */
  jobId: string;
  /** Where published tilesets live (`TILES_DIR`, absolute). */
  tilesDir: string;
  /** Folder of the shared sample data (`SHARED_DATA_DIR`). */
  sharedDataDir: string;
}

/** One queue's handler. `Payload` is the validated payload, `Output` what a completed job stores. */
export interface JobHandler<Payload = unknown, Output = unknown> {
  /** pg-boss queue name: `<plate slug>.<job>` (e.g. `twin.convert-model`). */
  queue: string;
  /** Validates the payload at enqueue and again in the worker (rows may come from elsewhere). */
  payloadSchema: z.ZodType<Payload, unknown>;
  policy: QueuePolicy;
  /** Runs one job; throw to fail it (see the failure policy above). */
  run(payload: Payload, ctx: JobContext): Promise<Output>;
}

/**
 * Declares a handler with its payload and output types.
 * @example export const CONVERT_MODEL_JOB = defineJob({ queue: 'twin.convert-model', payloadSchema, policy, run });
 */
export function defineJob<Payload, Output>(handler: JobHandler<Payload, Output>): JobHandler<Payload, Output> {
  return handler;
}
