import { IMPORT_FOLDER } from '@kernel/properties-file';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { CliActor } from '@server/accounts/audit';
import { reviewSubmissions } from '@server/db/schema/review';
import type { JobContext } from '@server/jobs/job-handler';
import { runLimitedChild } from '@server/jobs/limited-child';
import { GanTwinError } from '@kernel/errors';
import { checksForSubmission, parcelOfSubmission, type StoredMeasures } from './auto-review';
import { reviewEnv } from './review-env';
import { parcelPlacementOf, type MeasureChildArgs } from './measure-child-args';
import { sourceKeyOf, tilesetPrefixOf } from './storage-keys';
import { transitionSubmission } from './submission-transitions';

/**
 * The work of `review.process-submission` (run by the worker process):
 * 1. take the submission (`submitted` → `converting`; a retry finds it `converting`/`checking` and starts over);
 * 2. download its source from the storage backend into a temporary folder;
 * 3. convert and measure it in a child process with the enforced time and memory limits
 *    (./measure-child.ts, server/jobs/limited-child.ts), reporting progress into the row (at most once a second);
 * 4. `checking`: publish the tileset whole (less its `import/` folder) under
 *    `review/tilesets/<submissionId>/<publishId>/` (server/storage), `.br`/`.gz` siblings included, within what
 *    is left before the job's expiry (a slower publication fails the submission: no live run ever outlasts its job,
 *    so pg-boss never gives it to a second worker);
 * 5. check the measures against the parcel's current conditions (./auto-review.ts);
 * 6. one transaction: the row gets its tileset prefix, anchor, measures and checks and becomes `pending-review`.
 *
 * Two workers never both finish a run: every transition names the states it comes from (./submissions-service.ts
 * `transitionSubmission`, row lock), so a stale run that lost its job to another worker changes nothing, and the
 * orphan prefix it may have published has no row pointing at it (swept by `sweepUnpublished` / removed below). A final
 * failure (broken or unsupported file, a limit exceeded) or the last retry marks the row `failed` with its reason.
 */



/** What a completed job stores. */
export interface ProcessSubmissionOutput {
  submissionId: string;
  /** `skipped` when another run had already taken the submission past conversion. */
  outcome: 'pending-review' | 'skipped';
  elapsedS: number;
  peakRssMb: number;
}

/** How long before the job's expiry a run must be over, ms (database writes after the publication). */
const RUN_DEADLINE_SLACK_MS = 2_000;

/** Who the audit trail names for the worker's transitions. */
const WORKER_ACTOR: CliActor = { cli: 'review-worker' };

/**
 * Runs one submission (see the module doc).
 * @throws a `GanTwinError` for a final failure (recorded on the row first), another `Error` to be retried
 */
export async function processSubmission(submissionId: string, ctx: JobContext): Promise<ProcessSubmissionOutput> {
  const started = performance.now();
  const store = ctx.objectStore;
  const limits = reviewEnv();
  // The whole run ends before the job's expiry (time limit + margin, process-submission-job.ts), so that pg-boss never
  // hands a live run's job to a second worker: the converter gets the time limit, the publication what is left.
  const deadlineMs = Date.now() + (limits.REVIEW_JOB_TIME_LIMIT_S + limits.REVIEW_JOB_EXPIRY_MARGIN_S) * 1000 - RUN_DEADLINE_SLACK_MS;
  const [row] = await ctx.db
    .select({ status: reviewSubmissions.status, sha256: reviewSubmissions.sourceSha256, format: reviewSubmissions.sourceFormat, fileName: reviewSubmissions.sourceFileName, projectId: reviewSubmissions.projectId })
    .from(reviewSubmissions)
    .where(eq(reviewSubmissions.id, submissionId));
  if (!row) return { submissionId, outcome: 'skipped', elapsedS: 0, peakRssMb: 0 };
  const taken = await transitionSubmission(ctx.db, WORKER_ACTOR, submissionId, ['submitted', 'converting', 'checking'], 'converting', { progress: { stage: 'download', fraction: 0 }, errorMessage: null });
  if (!taken) return { submissionId, outcome: 'skipped', elapsedS: 0, peakRssMb: 0 };
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-review-'));
  try {
    const sourcePath = path.join(workDir, `source.${row.format}`);
    await store.getToFile(sourceKeyOf(row.sha256, row.format as 'ifc' | 'ifczip'), sourcePath);
    const parcel = await parcelOfSubmission(ctx.db, submissionId);
    const args: MeasureChildArgs = { sourcePath, outDir: path.join(workDir, 'tileset'), measuresPath: path.join(workDir, 'measures.json'), fallbackPlacement: parcelPlacementOf(parcel) };
    let lastReportMs = 0;
    const { stats } = await runLimitedChild<{ ifcSchema: string }>('server/review/measure-child.ts', [JSON.stringify(args)], {
      timeLimitS: limits.REVIEW_JOB_TIME_LIMIT_S,
      memoryLimitMb: limits.REVIEW_JOB_MEMORY_LIMIT_MB,
      onProgress: (stage, fraction) => {
        const now = Date.now();
        if (now - lastReportMs < 1000) return;
        lastReportMs = now;
        void ctx.db
          .update(reviewSubmissions)
          .set({ progress: { stage, fraction: Math.round(fraction * 1000) / 1000 } })
          .where(sql`${reviewSubmissions.id} = ${submissionId} AND ${reviewSubmissions.status} = 'converting'`)
          .catch((error: unknown) => ctx.logger.warn(`review: progress of ${submissionId}: ${error instanceof Error ? error.message : String(error)}`));
      },
    });
    const measures = JSON.parse(await readFile(args.measuresPath, 'utf8')) as StoredMeasures;
    if (!(await transitionSubmission(ctx.db, WORKER_ACTOR, submissionId, ['converting'], 'checking', { progress: { stage: 'publish', fraction: 0 }, ifcSchema: measures.schema }))) {
      return { submissionId, outcome: 'skipped', elapsedS: (performance.now() - started) / 1000, peakRssMb: stats.peakRssMb };
    }
    // The tiler's `import/` folder feeds a database import the review plate does not run: never published (nor served).
    await rm(path.join(args.outDir, IMPORT_FOLDER), { recursive: true, force: true });
    const manifest = await store.publishTree(args.outDir, tilesetPrefixOf(submissionId), { maxDurationMs: Math.max(1_000, deadlineMs - Date.now()) });
    // The parcel as it is now (a planner may have changed a condition during the conversion).
    const parcelNow = await parcelOfSubmission(ctx.db, submissionId);
    const checks = checksForSubmission(measures, parcelNow);
    const done = await transitionSubmission(ctx.db, WORKER_ACTOR, submissionId, ['checking'], 'pending-review', {
      tilesetPrefix: manifest.prefix,
      anchor: { type: 'Point', coordinates: [measures.anchor.lonDeg, measures.anchor.latDeg, measures.anchor.heightM] },
      measures: measures as unknown as Record<string, unknown>,
      checks: checks as unknown as Record<string, unknown>,
      checkedAt: new Date(),
      progress: null,
    });
    // Another run finished first: this publication is an orphan nobody points at.
    if (!done) await store.deletePrefix(manifest.prefix);
    // Versions of runs cut off mid-publish (a killed worker) have no manifest: they go now, best effort.
    else await store.sweepUnpublished(tilesetPrefixOf(submissionId), 0).catch((error: unknown) => ctx.logger.warn(`review: sweep of ${submissionId}: ${error instanceof Error ? error.message : String(error)}`));
    const elapsedS = (performance.now() - started) / 1000;
    ctx.logger.info(`review: submission ${submissionId} ${done ? 'converted and checked' : 'skipped (another run finished it)'} in ${elapsedS.toFixed(1)} s, converter peak ${stats.peakRssMb} MiB`);
    return { submissionId, outcome: done ? 'pending-review' : 'skipped', elapsedS, peakRssMb: stats.peakRssMb };
  } catch (error) {
    const isFinal = error instanceof GanTwinError || ctx.isFinalAttempt === true;
    if (isFinal) {
      const reason = error instanceof Error ? error.message : String(error);
      await transitionSubmission(ctx.db, WORKER_ACTOR, submissionId, ['submitted', 'converting', 'checking'], 'failed', { errorMessage: publicReason(reason, workDir, row.fileName), progress: null });
      ctx.logger.warn(`review: submission ${submissionId} failed: ${publicReason(reason, workDir, row.fileName)}`);
    }
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * A failure reason as the applicant sees it: without the worker's temporary paths, and naming the file as uploaded
 * (the worker's copy is `source.<format>`).
 */
function publicReason(reason: string, workDir: string, fileName: string): string {
  return reason
    .replaceAll(`${workDir}${path.sep}`, '')
    .replace(/\bsource\.(ifc|ifczip)\b/g, fileName)
    .slice(0, 2000);
}
