import { router } from '@server/api/trpc';
import { villagesCurateRouter } from './curate/curate-router';

/**
 * The `villages` plate's router (传统村落数字博物馆). Minimal version of the curate worktree: only the curators' CMS
 * (`villages.curate`); the lead's router adds the public procedures.
 */
export const villagesRouter = router({
  curate: villagesCurateRouter,
});
