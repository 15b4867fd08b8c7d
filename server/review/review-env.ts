import { z } from 'zod';
import { InputError } from '@kernel/errors';

/**
 * The `review` plate's settings, from environment variables (defaults suit one 2-core machine with 8+ GiB):
 * - `REVIEW_UPLOAD_MAX_BYTES` — largest IFC / IFCZIP an applicant may upload (default 500 MiB).
 * - `REVIEW_JOB_TIME_LIMIT_S` — wall-clock limit of one conversion + check run (default 1800 s); the job's pg-boss
 *   expiry is this + 120 s, so a job whose worker died is handed to another worker soon after.
 * - `REVIEW_JOB_MEMORY_LIMIT_MB` — resident-memory limit of one run (default 6144 MiB; server/jobs/limited-child.ts).
 */
const schema = z.object({
  REVIEW_UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 ** 3).default(500 * 1024 ** 2),
  REVIEW_JOB_TIME_LIMIT_S: z.coerce.number().int().min(10).max(6 * 60 * 60).default(1800),
  REVIEW_JOB_MEMORY_LIMIT_MB: z.coerce.number().int().min(256).max(64 * 1024).default(6144),
});

/** The settings; read once per process. */
export type ReviewEnv = z.output<typeof schema>;

let cached: ReviewEnv | null = null;

/**
 * Reads and validates the settings.
 * @throws {InputError} naming the variable and its problem
 */
export function reviewEnv(source: NodeJS.ProcessEnv = process.env): ReviewEnv {
  if (source === process.env && cached) return cached;
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new InputError(`review settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}
