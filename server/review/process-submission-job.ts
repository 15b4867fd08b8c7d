import { z } from 'zod';
import { uuidSchema } from '@kernel/zod-fields';
import { defineJob } from '@server/jobs/job-handler';
import type { ProcessSubmissionOutput } from './process-submission';
import { reviewEnv } from './review-env';

/**
 * The `review` plate's job `review.process-submission`: one submission's IFC → tileset (published whole to the
 * storage backend) → model measures → automatic checks against its parcel → 待审查. The work itself
 * (./process-submission.ts) is imported lazily, so that the web server, which only enqueues, never bundles the
 * tiler.
 *
 * Policy: 2 retries with jittered backoff (≈ 10 s, then ≈ 20 s) for what may go away (a killed worker, storage or
 * database trouble); a broken or oversized file fails at once (final errors, server/jobs/job-handler.ts). The expiry
 * is the run's enforced time limit + `REVIEW_JOB_EXPIRY_MARGIN_S` (default 120 s): a job whose worker died is handed to another worker by pg-boss's
 * maintenance soon after, and a live run never outlasts its expiry (the child is killed at the time limit).
 */

/** Payload: the submission to process. */
export const processSubmissionPayloadSchema = z.object({ submissionId: uuidSchema }).strict();

/** `review.process-submission`: see the module doc. */
export const PROCESS_SUBMISSION_JOB = defineJob<z.output<typeof processSubmissionPayloadSchema>, ProcessSubmissionOutput>({
  queue: 'review.process-submission',
  payloadSchema: processSubmissionPayloadSchema,
  policy: { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: reviewEnv().REVIEW_JOB_TIME_LIMIT_S + reviewEnv().REVIEW_JOB_EXPIRY_MARGIN_S },
  async run(payload, ctx) {
    const { processSubmission } = await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './process-submission');
    return processSubmission(payload.submissionId, ctx);
  },
});
