import { NotFoundError } from '@kernel/errors';
import { publicProcedure, router } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { villagesCurateRouter } from './curate/curate-router';
import { publicListInput, villageCodeInput } from './inputs';
import { villagesMediaRouter } from './media/media-router';
import { listPublicVillages } from './public-list';
import { publicVillageByCode } from './public-village';
import { VILLAGES_SCENE_ROUTES } from './scene-router';

/**
 * The `villages` plate's router (传统村落数字博物馆): thin procedures, one service call each. `public.*` is open to
 * anyone and reads only published documents, as do `scene.*` (./scene-router.ts); `curate.*` (./curate/curate-router.ts:
 * the CMS, publish and unpublish) and `tour.*` are for curators of the village's region.
 * @see docs/api.md "villages"
 */
export const villagesRouter = router({
  public: router({
    list: publicProcedure.input(zodInput(publicListInput)).query(({ ctx, input }) => listPublicVillages(ctx.db, input)),
    byCode: publicProcedure.input(zodInput(villageCodeInput)).query(async ({ ctx, input }) => {
      const village = await publicVillageByCode(ctx.db, input.code);
      if (!village) throw new NotFoundError(`village ${input.code} is not published`);
      return village;
    }),
  }),
  curate: villagesCurateRouter,
  media: villagesMediaRouter,
  ...VILLAGES_SCENE_ROUTES,
});
