import { router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { VILLAGES_CURATOR_ROLES } from '../curator-roles';
import { mediaIdInput, updateMediaInput, villageMediaInput } from './media-inputs';
import { deleteMedia, listVillageMedia, updateMedia } from './media-service';

/** Curators (../curator-roles.ts); the service applies the village's region scope. */
const curator = () => scopedProcedure(...VILLAGES_CURATOR_ROLES);

/**
 * `villages.media.*` (mounted by ../router.ts): a village's working media rows for curators. Uploads go through
 * `POST /api/villages/media` (./media-upload-response.ts), since tRPC carries no files.
 */
export const villagesMediaRouter = router({
  list: curator()
    .input(zodInput(villageMediaInput))
    .query(({ ctx, input }) => listVillageMedia(ctx.db, ctx.actor, input.villageId)),
  update: curator()
    .input(zodInput(updateMediaInput))
    .mutation(({ ctx, input }) => updateMedia(ctx.db, ctx.actor, input)),
  delete: curator()
    .input(zodInput(mediaIdInput))
    .mutation(({ ctx, input }) => deleteMedia(ctx.db, ctx.actor, input.id)),
});
