import { definePlate } from '@server/host/server-plate';
import { villagesRouter } from './router';

/** The `villages` plate (传统村落数字博物馆): the curators' CMS in this worktree; the lead's plate adds the rest. */
export const VILLAGES_PLATE = definePlate({
  slug: 'villages',
  router: villagesRouter,
});
