import { publicProcedure, router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { VILLAGES_CURATOR_ROLES } from './curator-roles';
import { sceneIdInput, tourSaveInput, villageCodeInput } from './scene-inputs';
import { sceneBuildingById, villageSceneByCode } from './scene-service';
import { saveTour, workingTour } from './tour-service';

/**
 * The villages plate's scene procedures (the twin's 3D village scene), spread into ./router.ts:
 * - `scene.byCode` / `scene.building` (public): a published village's scene entry and published tour; a published
 *   building picked in the scene tiles. From the published documents only.
 * - `tour.get` / `tour.save` (curators of the village's region): the WORKING tour, recorded in the twin; saving
 *   marks the village as changed since its last publish (the public tour changes only when it is published).
 */
export const VILLAGES_SCENE_ROUTES = {
  scene: router({
    byCode: publicProcedure.input(zodInput(villageCodeInput)).query(({ ctx, input }) => villageSceneByCode(ctx.db, ctx.actor, input.code)),
    building: publicProcedure.input(zodInput(sceneIdInput)).query(({ ctx, input }) => sceneBuildingById(ctx.db, input.id)),
  }),
  tour: router({
    get: scopedProcedure(...VILLAGES_CURATOR_ROLES).input(zodInput(villageCodeInput)).query(({ ctx, input }) => workingTour(ctx.db, ctx.actor, input.code)),
    save: scopedProcedure(...VILLAGES_CURATOR_ROLES).input(zodInput(tourSaveInput)).mutation(({ ctx, input }) => saveTour(ctx.db, ctx.actor, input)),
  }),
};
