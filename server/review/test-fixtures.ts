import { sql } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { reviewProjects, reviewSubmissions, type SubmissionStatus } from '@server/db/schema/review';
import type { ModelMeasures } from './indicators/model-measures';
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

/**
 * Measures of a 10 m × 10 m, 9 m high, 3-storey box standing at `lonDeg, latDeg` (what the job stores after a
 * conversion), for tests of the checks without a conversion.
 */
export function testMeasures(lonDeg: number, latDeg: number): ModelMeasures {
  const square: [number, number][][][] = [[[[-5, -5], [5, -5], [5, 5], [-5, 5], [-5, -5]]]];
  return {
    fileName: 'test.ifc',
    schema: 'IFC4',
    anchor: { lonDeg, latDeg, heightM: 0, headingDeg: 0, method: 'placement', epsg: null },
    groundEnuZM: 0,
    footprint: { type: 'MultiPolygon', coordinates: square, areaM2: 100 },
    gfa: { areaM2: 300, method: 'slab-geometry', perStorey: [] },
    heightM: 9,
    storeys: { aboveGround: 3, list: [] },
    buildings: [],
    elements: [{ globalId: '0TestBox0000000000000A', ifcClass: 'IfcWall', name: 'box', storey: null, bottomM: 0, topM: 9, plan: square }],
    preChecks: [],
  };
}

/**
 * Writes a project + one submission of `applicant` on `parcelId` in `status` (no file, no job), with `measures` when
 * given (a converted submission).
 */
export async function createTestSubmission(
  db: Db,
  applicant: Actor,
  parcelId: string,
  status: SubmissionStatus = 'pending-review',
  measures: ModelMeasures | null = null,
): Promise<{ id: string; projectId: string }> {
  counter += 1;
  const [{ regionCode }] = (await db.execute<{ regionCode: string }>(sql`SELECT region_code AS "regionCode" FROM review_parcels WHERE id = ${parcelId}`)).rows;
  const [project] = await db.insert(reviewProjects).values({ name: `测试项目 ${counter}`, parcelId, regionCode, applicantId: applicant.userId }).returning({ id: reviewProjects.id });
  const [submission] = await db
    .insert(reviewSubmissions)
    .values({ projectId: project.id, version: 1, status, regionCode, submittedBy: applicant.userId, uploadId: `test-${Date.now()}-${counter}`, sourceFileName: 'test.ifc', sourceBytes: 1, sourceSha256: '0'.repeat(64), sourceFormat: 'ifc', measures: measures as unknown as Record<string, unknown> | null })
    .returning({ id: reviewSubmissions.id });
  return { id: submission.id, projectId: project.id };
}
