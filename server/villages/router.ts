import { villagesSceneRouter } from './scene-router';

/**
 * The `villages` plate's router (传统村落数字博物馆). Scene branch stand-in: only the scene procedures
 * (./scene-router.ts: `scene.byCode`, `scene.building`, `tour.get`, `tour.save`); the lead's router merges them with
 * the rest of the plate at the same paths.
 */
export const villagesRouter = villagesSceneRouter;
