import { publicProcedure, router } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { elementByGlobalId, elementFacets, listElements } from './elements-service';
import {
  elementByGlobalIdInput,
  elementFacetsInput,
  elementsListInput,
  modelByIdInput,
  regionsListInput,
} from './inputs';
import { listLayers } from './layers-service';
import { listModels, modelById } from './models-service';
import { homeRegion, listRegions } from './regions-service';

/**
 * The `twin` plate's router: thin procedures (input schema, one service call). Mounted as `twin` in root.ts.
 * @see docs/api.md
 */
export const twinRouter = router({
  models: router({
    list: publicProcedure.query(({ ctx }) => listModels(ctx.db, ctx.actor)),
    byId: publicProcedure.input(zodInput(modelByIdInput)).query(({ ctx, input }) => modelById(ctx.db, ctx.actor, input)),
  }),
  elements: router({
    list: publicProcedure.input(zodInput(elementsListInput)).query(({ ctx, input }) => listElements(ctx.db, ctx.actor, input)),
    facets: publicProcedure.input(zodInput(elementFacetsInput)).query(({ ctx, input }) => elementFacets(ctx.db, ctx.actor, input)),
    byGlobalId: publicProcedure
      .input(zodInput(elementByGlobalIdInput))
      .query(({ ctx, input }) => elementByGlobalId(ctx.db, ctx.actor, input)),
  }),
  layers: router({
    list: publicProcedure.query(({ ctx }) => listLayers(ctx.db, ctx.actor)),
  }),
  regions: router({
    list: publicProcedure.input(zodInput(regionsListInput)).query(({ ctx, input }) => listRegions(ctx.db, ctx.actor, input)),
    home: publicProcedure.query(({ ctx }) => homeRegion(ctx.db, ctx.actor)),
  }),
});
