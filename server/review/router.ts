import { protectedProcedure, router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { recheckSubmission } from './auto-review';
import { parcelCreateInput, parcelIdInput, parcelUpdateInput, submissionDecideInput, submissionIdInput, submissionsListInput } from './inputs';
import { createParcel, listParcels, parcelById, removeParcel, updateParcel } from './parcels-service';
import { decideSubmission, listSubmissions, submissionById } from './submissions-service';

/**
 * The `review` plate's router (BIM 报建审查): thin procedures, one service call each. Uploads are not procedures:
 * they use the tus endpoint `/api/review/uploads` (./upload-handler.ts).
 * @see docs/api.md "review"
 */
export const reviewRouter = router({
  parcels: router({
    list: protectedProcedure.query(({ ctx }) => listParcels(ctx.db, ctx.actor)),
    byId: protectedProcedure.input(zodInput(parcelIdInput)).query(({ ctx, input }) => parcelById(ctx.db, ctx.actor, input.id)),
    create: scopedProcedure('planner', 'admin').input(zodInput(parcelCreateInput)).mutation(({ ctx, input }) => createParcel(ctx.db, ctx.actor, input)),
    update: scopedProcedure('planner', 'admin').input(zodInput(parcelUpdateInput)).mutation(({ ctx, input }) => updateParcel(ctx.db, ctx.actor, input)),
    remove: scopedProcedure('planner', 'admin').input(zodInput(parcelIdInput)).mutation(({ ctx, input }) => removeParcel(ctx.db, ctx.actor, input.id)),
  }),
  submissions: router({
    list: scopedProcedure('applicant', 'planner', 'admin')
      .input(zodInput(submissionsListInput))
      .query(({ ctx, input }) => listSubmissions(ctx.db, ctx.actor, input ?? {})),
    byId: scopedProcedure('applicant', 'planner', 'admin').input(zodInput(submissionIdInput)).query(({ ctx, input }) => submissionById(ctx.db, ctx.actor, input.id)),
    decide: scopedProcedure('planner', 'admin').input(zodInput(submissionDecideInput)).mutation(({ ctx, input }) => decideSubmission(ctx.db, ctx.actor, input)),
    recheck: scopedProcedure('planner', 'admin')
      .input(zodInput(submissionIdInput))
      .mutation(async ({ ctx, input }) => {
        await recheckSubmission(ctx.db, ctx.actor, input.id);
        return submissionById(ctx.db, ctx.actor, input.id);
      }),
  }),
});
