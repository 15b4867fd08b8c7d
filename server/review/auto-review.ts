import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { reviewSubmissions } from '@server/db/schema/review';
import { InputError, NotFoundError } from '@kernel/errors';
import { checkParcel, type ParcelCheckResult, type ParcelConditions } from './indicators/check-parcel';
import type { ModelMeasures } from './indicators/model-measures';
import { submissionScopeSql } from './submission-scope';
import { transitionSubmission } from './submission-transitions';

/**
 * The automatic review (自动审查): a converted submission's measures checked against its parcel's CURRENT planning
 * conditions (./indicators/). Run by the job after conversion, and again by a planner (`review.submissions.recheck`)
 * after a condition changed — no redeploy, no reconversion. Thresholds come from the parcel row, rule texts from
 * data/review/rules.ts.
 */

/** The measures the job stores (server/review/indicators/model-measures.ts). */
export type StoredMeasures = ModelMeasures;

/** What `review_submissions.checks` holds: the result, the conditions it was checked against and when. */
export type StoredChecks = ParcelCheckResult & { parcelVersion: number; conditions: ParcelConditions };

/** A parcel row as {@link checksForSubmission} reads it. */
export type ParcelForChecks = {
  id: string;
  code: string;
  boundary: { type: 'Polygon'; coordinates: [number, number][][] };
  heightLimitM: number | null;
  farMin: number | null;
  farMax: number | null;
  densityMax: number | null;
  greenRatioMin: number | null;
  setbacks: { kind: string; distanceM: number }[];
  placement: { lonDeg: number; latDeg: number; heightM: number; headingDeg: number } | null;
  version: number;
};

/**
 * The parcel of a submission with its current conditions.
 * @throws {NotFoundError} when the submission does not exist
 */
export async function parcelOfSubmission(db: Db, submissionId: string): Promise<ParcelForChecks> {
  const { rows } = await db.execute<ParcelForChecks>(sql`
    SELECT p.id, p.code, ST_AsGeoJSON(p.boundary, 9)::json AS boundary, p.height_limit_m AS "heightLimitM", p.far_min AS "farMin",
           p.far_max AS "farMax", p.density_max AS "densityMax", p.green_ratio_min AS "greenRatioMin", p.setbacks,
           p.placement, p.version
      FROM review_submissions s JOIN review_projects pr ON pr.id = s.project_id JOIN review_parcels p ON p.id = pr.parcel_id
     WHERE s.id = ${submissionId}`);
  if (!rows[0]) throw new NotFoundError(`submission ${submissionId} not found`);
  return rows[0];
}

/** The conditions of a parcel row as the checks read them (setbacks as distances in ring order). */
export function conditionsOf(parcel: ParcelForChecks): ParcelConditions {
  return {
    heightLimitM: parcel.heightLimitM,
    farMin: parcel.farMin,
    farMax: parcel.farMax,
    densityMax: parcel.densityMax,
    setbacksM: parcel.setbacks.length > 0 ? parcel.setbacks.map((setback) => setback.distanceM) : null,
  };
}

/**
 * Checks `measures` against `parcel`'s current conditions (./indicators/check-parcel.ts).
 * @returns the indicators and checks, with the conditions and parcel version they were checked against
 */
export function checksForSubmission(measures: StoredMeasures, parcel: ParcelForChecks): StoredChecks {
  const conditions = conditionsOf(parcel);
  const result = checkParcel(measures, { ringLonLatDeg: parcel.boundary.coordinates[0], conditions });
  return { ...result, parcelVersion: parcel.version, conditions };
}

/**
 * Re-runs the automatic checks of a converted submission against its parcel's current conditions; the status stays,
 * the new checks replace the old ones (audited with their verdict counts).
 * @throws {NotFoundError} outside the actor's scope; {@link InputError} before the model is converted
 */
export async function recheckSubmission(db: Db, actor: Actor, id: string): Promise<void> {
  const [row] = await db
    .select({ status: reviewSubmissions.status, measures: reviewSubmissions.measures })
    .from(reviewSubmissions)
    .where(and(eq(reviewSubmissions.id, id), submissionScopeSql(actor)));
  if (!row) throw new NotFoundError(`submission ${id} not found`);
  if (!row.measures || !['pending-review', 'approved', 'returned'].includes(row.status)) {
    throw new InputError(`the submission is ${row.status}${row.measures ? '' : ' and has no measures'}: checks run once it is converted`);
  }
  const checks = checksForSubmission(row.measures as unknown as StoredMeasures, await parcelOfSubmission(db, id));
  await transitionSubmission(db, actor, id, [row.status], row.status, { checks: checks as unknown as Record<string, unknown>, checkedAt: new Date() });
}
