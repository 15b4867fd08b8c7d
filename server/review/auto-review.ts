// Placeholder until the indicators library lands (server/review/indicators/): see process-submission.ts.
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import type { SubmissionDetail } from './submissions-service';
import type { ParcelForChecks } from './process-submission';

/** The measures the job stores (server/review/indicators/measure-model.ts). */
export interface StoredMeasures {
  ifcSchema?: string;
  anchor: { lonDeg: number; latDeg: number; heightM: number };
  [key: string]: unknown;
}

/** Checks of `measures` against `parcel`'s current conditions. */
export function checksForSubmission(measures: StoredMeasures, parcel: ParcelForChecks): Record<string, unknown> {
  void measures;
  void parcel;
  throw new Error('review: the indicators library is not merged yet');
}

/** Re-runs the automatic checks of a converted submission against its parcel's current conditions. */
export async function recheckSubmission(db: Db, actor: Actor, id: string): Promise<SubmissionDetail> {
  void db;
  void actor;
  throw new Error(`review: recheck ${id}: the indicators library is not merged yet`);
}
