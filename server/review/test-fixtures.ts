import { sql } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { reviewProjects, reviewSubmissions, type SubmissionStatus } from '@server/db/schema/review';
import type { ParcelCreateInput } from './inputs';
import { createParcel } from './parcels-service';

/**
 * Test support of the `review` plate: parcels through the service, and submission rows written directly (a real
 * upload and conversion is what the journeys and the job test do; access and workflow tests need only the rows).
 */

let counter = 0;

/** A valid parcel input: a ≈ 100 m × 80 m square near `lonDeg, latDeg` in `regionCode`, with one setback per edge. */
export function testParcelInput(regionCode: string, lonDeg: number, latDeg: number): ParcelCreateInput {
  counter += 1;
  const d = 0.0005;
  return {
    code: `TEST-${Date.now().toString(36)}-${counter}`,
    name: `测试地块 ${counter}`,
    regionCode,
    boundary: { type: 'Polygon', coordinates: [[[lonDeg - d, latDeg - d], [lonDeg + d, latDeg - d], [lonDeg + d, latDeg + d], [lonDeg - d, latDeg + d], [lonDeg - d, latDeg - d]]] },
    landUse: 'R2',
    heightLimitM: 54,
    farMin: 1,
    farMax: 2.5,
    densityMax: 0.3,
    greenRatioMin: 0.35,
    sunlightHoursMin: 2,
    setbacks: [
      { kind: 'road-red-line', distanceM: 10 },
      { kind: 'neighbour', distanceM: 6 },
      { kind: 'neighbour', distanceM: 6 },
      { kind: 'road-red-line', distanceM: 10 },
    ],
  };
}

/** Creates a parcel through the service as `editor` (a planner or admin covering `regionCode`). */
export async function createTestParcel(db: Db, editor: Actor, regionCode: string, lonDeg = 116.0, latDeg = 29.67): Promise<string> {
  return (await createParcel(db, editor, testParcelInput(regionCode, lonDeg, latDeg))).id;
}

/** Writes a project + one submission of `applicant` on `parcelId` in `status` (no file, no job). */
export async function createTestSubmission(db: Db, applicant: Actor, parcelId: string, status: SubmissionStatus = 'pending-review'): Promise<{ id: string; projectId: string }> {
  counter += 1;
  const [{ regionCode }] = (await db.execute<{ regionCode: string }>(sql`SELECT region_code AS "regionCode" FROM review_parcels WHERE id = ${parcelId}`)).rows;
  const [project] = await db.insert(reviewProjects).values({ name: `测试项目 ${counter}`, parcelId, regionCode, applicantId: applicant.userId }).returning({ id: reviewProjects.id });
  const [submission] = await db
    .insert(reviewSubmissions)
    .values({ projectId: project.id, version: 1, status, regionCode, submittedBy: applicant.userId, uploadId: `test-${Date.now()}-${counter}`, sourceFileName: 'test.ifc', sourceBytes: 1, sourceSha256: '0'.repeat(64), sourceFormat: 'ifc' })
    .returning({ id: reviewSubmissions.id });
  return { id: submission.id, projectId: project.id };
}
