import { protectedProcedure, publicProcedure, router, scopedProcedure } from '@server/api/trpc';
import { env } from '@server/env';
import { listCatalogue, registerLayer, removeLayer, updateLayer } from './catalogue/catalogue-service';
import { registerInput, removeInput, updateInput } from './catalogue/inputs';
import { zodInput } from '@server/api/zod-input';
import { elementByGlobalId, elementFacets, listElements } from './elements-service';
import {
  elementByGlobalIdInput,
  elementFacetsInput,
  elementsListInput,
  modelByIdInput,
  regionsListInput,
  savedViewRemoveInput,
} from './inputs';
import { savedViewInputSchema } from '@kernel/saved-view';
import { listLayers } from './layers-service';
import { listModels, modelById } from './models-service';
import { homeRegion, listRegions } from './regions-service';
import { createSavedView, listSavedViews, removeSavedView } from './saved-views-service';

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
  catalogue: router({
    list: scopedProcedure('admin').query(({ ctx }) => listCatalogue(ctx.db, ctx.actor)),
    register: scopedProcedure('admin').input(zodInput(registerInput)).mutation(({ ctx, input }) => registerLayer(ctx.db, ctx.actor, input)),
    update: scopedProcedure('admin').input(zodInput(updateInput)).mutation(({ ctx, input }) => updateLayer(ctx.db, ctx.actor, input)),
    remove: scopedProcedure('admin')
      .input(zodInput(removeInput))
      .mutation(({ ctx, input }) => removeLayer(ctx.db, ctx.actor, input, { tilesRoot: env.TILES_DIR })),
  }),
  regions: router({
    list: publicProcedure.input(zodInput(regionsListInput)).query(({ ctx, input }) => listRegions(ctx.db, ctx.actor, input)),
    home: publicProcedure.query(({ ctx }) => homeRegion(ctx.db, ctx.actor)),
  }),
  savedViews: router({
    list: protectedProcedure.query(({ ctx }) => listSavedViews(ctx.db, ctx.actor)),
    create: protectedProcedure.input(zodInput(savedViewInputSchema)).mutation(({ ctx, input }) => createSavedView(ctx.db, ctx.actor, input)),
    remove: protectedProcedure.input(zodInput(savedViewRemoveInput)).mutation(({ ctx, input }) => removeSavedView(ctx.db, ctx.actor, input)),
  }),
});
