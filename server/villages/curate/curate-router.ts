import { router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { VILLAGES_CURATOR_ROLES } from '../curator-roles';
import { villageCodeInput as publishInput } from '../inputs';
import { publishVillage, unpublishVillage } from '../public-village';
import { createBuilding, deleteBuilding, reorderBuildings, updateBuilding } from './buildings-service';
import {
  buildingCreateInput,
  buildingReorderInput,
  buildingUpdateInput,
  panoramaCreateInput,
  panoramaUpdateInput,
  poiCreateInput,
  poiUpdateInput,
  registerSearchInput,
  rowDeleteInput,
  sectionUpsertInput,
  villageCodeInput,
  villageCreateInput,
  villageUpdateInput,
} from './curate-inputs';
import { createPanorama, deletePanorama, updatePanorama } from './panoramas-service';
import { createPoi, deletePoi, updatePoi } from './pois-service';
import { searchRegister } from './register-search';
import { upsertSection } from './sections-service';
import { villageEditorDocument } from './village-editor';
import { createVillage, listCuratedVillages, updateVillage } from './villages-service';

/** Officers and admins (../curator-roles.ts), each in its region scope (applied by the services). */
const curator = () => scopedProcedure(...VILLAGES_CURATOR_ROLES);

/**
 * The curators' CMS of the village museum (`villages.curate`): working rows of the villages in the actor's region.
 * Every write marks the village as changed since its last publish and is audited; updates and deletes carry the
 * `updatedAt` the editor read (CONFLICT when stale).
 * @see ./README.md
 */
export const villagesCurateRouter = router({
  /** Copies the working rows into the public document (../public-village.ts). */
  publish: curator().input(zodInput(publishInput)).mutation(({ ctx, input }) => publishVillage(ctx.db, ctx.actor, input)),
  /** Withdraws the public document; the working rows stay. */
  unpublish: curator().input(zodInput(publishInput)).mutation(({ ctx, input }) => unpublishVillage(ctx.db, ctx.actor, input)),
  register: router({
    search: curator().input(zodInput(registerSearchInput)).query(({ ctx, input }) => searchRegister(ctx.db, ctx.actor, input)),
  }),
  villages: router({
    list: curator().query(({ ctx }) => listCuratedVillages(ctx.db, ctx.actor)),
    get: curator().input(zodInput(villageCodeInput)).query(({ ctx, input }) => villageEditorDocument(ctx.db, ctx.actor, input.code)),
    create: curator().input(zodInput(villageCreateInput)).mutation(({ ctx, input }) => createVillage(ctx.db, ctx.actor, input)),
    update: curator().input(zodInput(villageUpdateInput)).mutation(({ ctx, input }) => updateVillage(ctx.db, ctx.actor, input)),
  }),
  sections: router({
    upsert: curator().input(zodInput(sectionUpsertInput)).mutation(({ ctx, input }) => upsertSection(ctx.db, ctx.actor, input)),
  }),
  buildings: router({
    create: curator().input(zodInput(buildingCreateInput)).mutation(({ ctx, input }) => createBuilding(ctx.db, ctx.actor, input)),
    update: curator().input(zodInput(buildingUpdateInput)).mutation(({ ctx, input }) => updateBuilding(ctx.db, ctx.actor, input)),
    delete: curator().input(zodInput(rowDeleteInput)).mutation(({ ctx, input }) => deleteBuilding(ctx.db, ctx.actor, input)),
    reorder: curator().input(zodInput(buildingReorderInput)).mutation(({ ctx, input }) => reorderBuildings(ctx.db, ctx.actor, input)),
  }),
  pois: router({
    create: curator().input(zodInput(poiCreateInput)).mutation(({ ctx, input }) => createPoi(ctx.db, ctx.actor, input)),
    update: curator().input(zodInput(poiUpdateInput)).mutation(({ ctx, input }) => updatePoi(ctx.db, ctx.actor, input)),
    delete: curator().input(zodInput(rowDeleteInput)).mutation(({ ctx, input }) => deletePoi(ctx.db, ctx.actor, input)),
  }),
  panoramas: router({
    create: curator().input(zodInput(panoramaCreateInput)).mutation(({ ctx, input }) => createPanorama(ctx.db, ctx.actor, input)),
    update: curator().input(zodInput(panoramaUpdateInput)).mutation(({ ctx, input }) => updatePanorama(ctx.db, ctx.actor, input)),
    delete: curator().input(zodInput(rowDeleteInput)).mutation(({ ctx, input }) => deletePanorama(ctx.db, ctx.actor, input)),
  }),
});
