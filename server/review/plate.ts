import { REVIEW_LAYERS } from '@data/review/layers';
import { definePlate } from '@server/host/server-plate';
import { REVIEW_GEO_LAYERS } from './geo-layer-sources';
import { PROCESS_SUBMISSION_JOB } from './process-submission-job';
import { reviewRouter } from './router';
import { seedDemoParcels } from './seed-parcels';

/**
 * The `review` plate (BIM 报建审查): parcels with planning conditions, applicants' IFC submissions (tus upload →
 * `review.process-submission` job: conversion, publication, automatic indicator checks), the planner's review in
 * the twin and the decision. Pages under `/review` (app/review/).
 */
export const REVIEW_PLATE = definePlate({
  slug: 'review',
  router: reviewRouter,
  // The handler's definition is light (the tiler is imported only when a job runs, see process-submission-job.ts).
  jobs: async () => [PROCESS_SUBMISSION_JOB],
  geoLayers: REVIEW_GEO_LAYERS,
  layers: REVIEW_LAYERS,
  async seed(db) {
    const inserted = await seedDemoParcels(db);
    return `demo parcels inserted=${inserted}`;
  },
});
