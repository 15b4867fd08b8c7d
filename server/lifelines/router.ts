import { router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { pipeIdInput, pipesInBboxInput } from './inputs';
import { isolationForSegment } from './isolation-service';
import { networksSummary, pipeById, pipesInBbox } from './pipes-service';
import { LIFELINES_READER_ROLES } from './reader-roles';

/** Roles that read the networks: inspectors (the main users), officers, admins and planners — not applicants. */
const reader = () => scopedProcedure(...LIFELINES_READER_ROLES);

/**
 * The `lifelines` plate's router (市政管网 / 城市生命线): thin procedures, one service call each, region-scoped.
 * @see docs/api.md "lifelines"
 */
export const lifelinesRouter = router({
  pipes: router({
    inBbox: reader().input(zodInput(pipesInBboxInput)).query(({ ctx, input }) => pipesInBbox(ctx.db, ctx.actor, input)),
    byId: reader().input(zodInput(pipeIdInput)).query(({ ctx, input }) => pipeById(ctx.db, ctx.actor, input.id)),
  }),
  isolation: router({
    forSegment: reader().input(zodInput(pipeIdInput)).query(({ ctx, input }) => isolationForSegment(ctx.db, ctx.actor, input)),
  }),
  networks: router({
    summary: reader().query(({ ctx }) => networksSummary(ctx.db, ctx.actor)),
  }),
});
