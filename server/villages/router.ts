import { NotFoundError } from '@kernel/errors';
import { publicProcedure, router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { VILLAGES_CURATOR_ROLES } from './curator-roles';
import { publicListInput, villageCodeInput } from './inputs';
import { listPublicVillages } from './public-list';
import { publicVillageByCode, publishVillage, unpublishVillage } from './public-village';

/**
 * The `villages` plate's router (传统村落数字博物馆): thin procedures, one service call each. `public.*` is open to
 * anyone and reads only published documents; `curate.*` is for curators of the village's region.
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
  curate: router({
    publish: scopedProcedure(...VILLAGES_CURATOR_ROLES).input(zodInput(villageCodeInput)).mutation(({ ctx, input }) => publishVillage(ctx.db, ctx.actor, input)),
    unpublish: scopedProcedure(...VILLAGES_CURATOR_ROLES).input(zodInput(villageCodeInput)).mutation(({ ctx, input }) => unpublishVillage(ctx.db, ctx.actor, input)),
  }),
});
