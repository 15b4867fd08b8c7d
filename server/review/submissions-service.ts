import { and, desc, eq, sql } from 'drizzle-orm';
import { accountNameSql } from '@server/accounts/account-names';
import { recordAudit } from '@server/accounts/audit';
import { regionCovers, regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { reviewParcels, reviewProjects, reviewSubmissions, type SubmissionStatus } from '@server/db/schema/review';
import { enqueueJobInTransaction } from '@server/jobs/queue';
import { ConflictError, NotFoundError, ScopeError } from '@kernel/errors';
import type { SubmissionDecideInput, UploadMetadata } from './inputs';
import { PROCESS_SUBMISSION_JOB } from './process-submission-job';
import { submissionScopeSql } from './submission-scope';
import { transitionSubmission } from './submission-transitions';

/**
 * Submissions (报建) of projects: who sees which, how an upload becomes version N+1 of its project, and the
 * planner's decision. States (schema/review.ts): submitted → converting → checking → pending-review →
 * approved / returned, or failed. Applicants see their own submissions; planners and admins those of their region;
 * every transition is audited in its transaction.
 * @see docs/api.md "review.submissions"
 */


/** One row of the submissions list. */
export interface SubmissionSummary {
  id: string;
  projectId: string;
  projectName: string;
  parcelId: string;
  parcelCode: string;
  parcelName: string;
  version: number;
  status: SubmissionStatus;
  regionCode: string;
  submittedByName: string;
  sourceFileName: string;
  sourceBytes: number;
  progress: { stage: string; fraction: number } | null;
  /** Counts of check verdicts, null before the automatic review. */
  verdicts: { pass: number; fail: number; undetermined: number } | null;
  errorMessage: string | null;
  reviewComment: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One submission with what the review workspace needs. */
export interface SubmissionDetail extends SubmissionSummary {
  sourceSha256: string;
  ifcSchema: string;
  /** `/tiles/review/<id>/tileset.json` once published, else null. */
  tilesetUrl: string | null;
  anchor: { lonDeg: number; latDeg: number; heightM: number } | null;
  measures: Record<string, unknown> | null;
  checks: Record<string, unknown> | null;
  checkedAt: Date | null;
  reviewedAt: Date | null;
  reviewedByName: string | null;
  /** Every version of the project, newest first (id, version, status). */
  versions: { id: string; version: number; status: SubmissionStatus; createdAt: Date }[];
  /**
   * Plans (ENU metres at the anchor) and heights of the elements the checks name, at most
   * {@link MAX_ELEMENT_PLANS}, so the workspace can frame them; `measures` is served without its per-element list.
   */
  elementPlans: { globalId: string; ifcClass: string; name: string | null; plan: number[][][][]; bottomM: number; topM: number }[];
}

/** Most element plans {@link submissionById} returns (a check may name hundreds of elements). */
export const MAX_ELEMENT_PLANS = 500;

/** The measures without their per-element list, and the plans of the elements the checks name. */
function splitMeasures(measures: Record<string, unknown> | null, checks: Record<string, unknown> | null): Pick<SubmissionDetail, 'measures' | 'elementPlans'> {
  if (!measures) return { measures: null, elementPlans: [] };
  const { elements, ...summary } = measures as { elements?: SubmissionDetail['elementPlans'] };
  const named = new Set(((checks?.checks as { globalIds?: string[] }[] | undefined) ?? []).flatMap((check) => check.globalIds ?? []));
  const elementPlans = (elements ?? [])
    .filter((element) => named.has(element.globalId))
    .slice(0, MAX_ELEMENT_PLANS)
    .map(({ globalId, ifcClass, name, plan, bottomM, topM }) => ({ globalId, ifcClass, name, plan, bottomM, topM }));
  return { measures: summary, elementPlans };
}

const SUMMARY_COLUMNS = {
  id: reviewSubmissions.id,
  projectId: reviewSubmissions.projectId,
  projectName: reviewProjects.name,
  parcelId: reviewParcels.id,
  parcelCode: reviewParcels.code,
  parcelName: reviewParcels.name,
  version: reviewSubmissions.version,
  status: reviewSubmissions.status,
  regionCode: reviewSubmissions.regionCode,
  submittedByName: sql<string>`coalesce(${accountNameSql(reviewSubmissions.submittedBy)}, '')`,
  sourceFileName: reviewSubmissions.sourceFileName,
  sourceBytes: reviewSubmissions.sourceBytes,
  progress: reviewSubmissions.progress,
  verdicts: sql<SubmissionSummary['verdicts']>`CASE WHEN ${reviewSubmissions.checks} IS NULL THEN NULL ELSE json_build_object(
      'pass', (SELECT count(*) FROM jsonb_array_elements(${reviewSubmissions.checks} -> 'checks') c WHERE c ->> 'verdict' = 'pass'),
      'fail', (SELECT count(*) FROM jsonb_array_elements(${reviewSubmissions.checks} -> 'checks') c WHERE c ->> 'verdict' = 'fail'),
      'undetermined', (SELECT count(*) FROM jsonb_array_elements(${reviewSubmissions.checks} -> 'checks') c WHERE c ->> 'verdict' = 'undetermined')) END`,
  errorMessage: reviewSubmissions.errorMessage,
  reviewComment: reviewSubmissions.reviewComment,
  createdAt: reviewSubmissions.createdAt,
  updatedAt: reviewSubmissions.updatedAt,
};

function summaryQuery(db: Db) {
  return db
    .select(SUMMARY_COLUMNS)
    .from(reviewSubmissions)
    .innerJoin(reviewProjects, eq(reviewProjects.id, reviewSubmissions.projectId))
    .innerJoin(reviewParcels, eq(reviewParcels.id, reviewProjects.parcelId));
}

/**
 * The submissions `actor` may see, newest first (at most 500), optionally of one status or project.
 */
export async function listSubmissions(db: Db, actor: Actor, filter: { status?: SubmissionStatus; projectId?: string } = {}): Promise<SubmissionSummary[]> {
  const conditions = [submissionScopeSql(actor)];
  if (filter.status) conditions.push(eq(reviewSubmissions.status, filter.status));
  if (filter.projectId) conditions.push(eq(reviewSubmissions.projectId, filter.projectId));
  return (await summaryQuery(db)
    .where(and(...conditions))
    .orderBy(desc(reviewSubmissions.createdAt))
    .limit(500)) as SubmissionSummary[];
}

/**
 * One submission `actor` may see, with its measures, checks and the project's versions.
 * @throws {NotFoundError} when it does not exist or is not the actor's to see (one answer: no probing)
 */
export async function submissionById(db: Db, actor: Actor, id: string): Promise<SubmissionDetail> {
  const [row] = await db
    .select({
      ...SUMMARY_COLUMNS,
      sourceSha256: reviewSubmissions.sourceSha256,
      ifcSchema: reviewSubmissions.ifcSchema,
      tilesetPrefix: reviewSubmissions.tilesetPrefix,
      anchor: sql<[number, number, number] | null>`CASE WHEN ${reviewSubmissions.anchor} IS NULL THEN NULL ELSE json_build_array(ST_X(${reviewSubmissions.anchor}), ST_Y(${reviewSubmissions.anchor}), ST_Z(${reviewSubmissions.anchor})) END`,
      measures: reviewSubmissions.measures,
      checks: reviewSubmissions.checks,
      checkedAt: reviewSubmissions.checkedAt,
      reviewedAt: reviewSubmissions.reviewedAt,
      reviewedByName: accountNameSql(reviewSubmissions.reviewedBy),
    })
    .from(reviewSubmissions)
    .innerJoin(reviewProjects, eq(reviewProjects.id, reviewSubmissions.projectId))
    .innerJoin(reviewParcels, eq(reviewParcels.id, reviewProjects.parcelId))
    .where(and(eq(reviewSubmissions.id, id), submissionScopeSql(actor)));
  if (!row) throw new NotFoundError(`submission ${id} not found`);
  const versions = await db
    .select({ id: reviewSubmissions.id, version: reviewSubmissions.version, status: reviewSubmissions.status, createdAt: reviewSubmissions.createdAt })
    .from(reviewSubmissions)
    .where(and(eq(reviewSubmissions.projectId, row.projectId), submissionScopeSql(actor)))
    .orderBy(desc(reviewSubmissions.version));
  const { tilesetPrefix, anchor, measures, ...rest } = row;
  return {
    ...(rest as Omit<SubmissionDetail, 'tilesetUrl' | 'anchor' | 'versions' | 'measures' | 'elementPlans'>),
    ...splitMeasures(measures, row.checks),
    tilesetUrl: tilesetPrefix ? `/tiles/review/${row.id}/tileset.json` : null,
    anchor: anchor ? { lonDeg: anchor[0], latDeg: anchor[1], heightM: anchor[2] } : null,
    versions,
  };
}

/** What a finished upload delivers (server/review/upload-route.ts). */
export interface UploadedSource {
  /** The tus upload id (one submission per upload: a repeated completion returns the same submission). */
  uploadId: string;
  metadata: UploadMetadata;
  sha256: string;
  bytes: number;
  format: 'ifc' | 'ifczip';
}

/**
 * Turns a finished upload into version N+1 of the applicant's project (created on its first upload) and queues its
 * processing job in the same transaction.
 * @returns the submission id and version
 * @throws {ScopeError} when the actor is not an applicant; {@link NotFoundError} when the parcel is not in its region
 */
export async function createSubmission(db: Db, actor: Actor, source: UploadedSource): Promise<{ id: string; version: number; projectId: string }> {
  if (actor.role !== 'applicant') throw new ScopeError(`only applicants submit projects (you are ${actor.role})`);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: reviewSubmissions.id, version: reviewSubmissions.version, projectId: reviewSubmissions.projectId }).from(reviewSubmissions).where(eq(reviewSubmissions.uploadId, source.uploadId));
    if (existing) return existing;
    const [parcel] = await tx
      .select({ id: reviewParcels.id, regionCode: reviewParcels.regionCode })
      .from(reviewParcels)
      .where(and(eq(reviewParcels.id, source.metadata.parcelId), regionScopeSql(reviewParcels.regionCode, actor.regionCode)));
    if (!parcel) throw new NotFoundError(`parcel ${source.metadata.parcelId} not found in your region`);
    // One project per (applicant, parcel, name); concurrent uploads of the same project wait here for each other.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`review_projects:${actor.userId}:${parcel.id}:${source.metadata.projectName}`}))`);
    let [project] = await tx
      .select({ id: reviewProjects.id })
      .from(reviewProjects)
      .where(and(eq(reviewProjects.applicantId, actor.userId), eq(reviewProjects.parcelId, parcel.id), eq(reviewProjects.name, source.metadata.projectName)));
    if (!project) {
      [project] = await tx.insert(reviewProjects).values({ name: source.metadata.projectName, parcelId: parcel.id, regionCode: parcel.regionCode, applicantId: actor.userId }).returning({ id: reviewProjects.id });
      await recordAudit(tx, actor, { action: 'create', tableName: 'review_projects', recordId: project.id, recordRegionCode: parcel.regionCode, after: { name: source.metadata.projectName, parcelId: parcel.id } });
    }
    const [{ next }] = (await tx.execute<{ next: number }>(sql`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM review_submissions WHERE project_id = ${project.id}`)).rows;
    const [row] = await tx
      .insert(reviewSubmissions)
      .values({
        projectId: project.id,
        version: Number(next),
        regionCode: parcel.regionCode,
        submittedBy: actor.userId,
        uploadId: source.uploadId,
        sourceFileName: source.metadata.filename,
        sourceBytes: source.bytes,
        sourceSha256: source.sha256,
        sourceFormat: source.format,
      })
      .returning({ id: reviewSubmissions.id, version: reviewSubmissions.version });
    await recordAudit(tx, actor, {
      action: 'create',
      tableName: 'review_submissions',
      recordId: row.id,
      recordRegionCode: parcel.regionCode,
      after: { status: 'submitted', version: row.version, projectId: project.id, sourceFileName: source.metadata.filename, sourceSha256: source.sha256, sourceBytes: source.bytes },
    });
    await enqueueJobInTransaction(tx, PROCESS_SUBMISSION_JOB, { submissionId: row.id }, { singletonKey: row.id });
    return { ...row, projectId: project.id };
  });
}

/**
 * The planner's decision on a submission waiting for review (待审查): 通过 approve or 退回 return with a comment.
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when it is not waiting for review
 */
export async function decideSubmission(db: Db, actor: Actor, input: SubmissionDecideInput): Promise<SubmissionDetail> {
  const current = await submissionById(db, actor, input.id);
  if (!regionCovers(actor.regionCode, current.regionCode)) throw new NotFoundError(`submission ${input.id} not found`);
  const to: SubmissionStatus = input.decision === 'approve' ? 'approved' : 'returned';
  const moved = await transitionSubmission(db, actor, input.id, ['pending-review'], to, { reviewedBy: actor.userId, reviewComment: input.comment.trim() || null, reviewedAt: new Date() });
  if (!moved) throw new ConflictError(`submission ${current.projectName} v${current.version} is ${current.status}, not waiting for review`);
  return submissionById(db, actor, input.id);
}
