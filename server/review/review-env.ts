import { env } from '@server/env';

/**
 * The `review` plate's settings (read by server/env.ts, the only module that reads the environment):
 * - `REVIEW_UPLOAD_MAX_BYTES` — largest IFC / IFCZIP an applicant may upload (default 500 MiB).
 * - `REVIEW_JOB_TIME_LIMIT_S` — wall-clock limit of one conversion + check run (default 1800 s).
 * - `REVIEW_JOB_MEMORY_LIMIT_MB` — resident-memory limit of one run (default 6144 MiB; server/jobs/limited-child.ts).
 * - `REVIEW_JOB_EXPIRY_MARGIN_S` — the job's pg-boss expiry is the time limit + this (default 120 s): a job whose
 *   worker died is handed to another worker at the next maintenance after that.
 */
export interface ReviewEnv {
  REVIEW_UPLOAD_MAX_BYTES: number;
  REVIEW_JOB_TIME_LIMIT_S: number;
  REVIEW_JOB_MEMORY_LIMIT_MB: number;
  REVIEW_JOB_EXPIRY_MARGIN_S: number;
}

/** The settings of this process. */
export function reviewEnv(): ReviewEnv {
  return env;
}
