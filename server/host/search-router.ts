import { publicProcedure, router } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { SERVER_PLATES } from '@server/plates';
import { searchQueryInput } from './plate-search';
import { searchPlates, type SearchablePlate } from './search-service';

/** The plates of server/plates.ts that declare a search, in list order. */
const SEARCHABLE_PLATES: readonly SearchablePlate[] = SERVER_PLATES.flatMap((plate) =>
  plate.search ? [{ slug: plate.slug, search: plate.search }] : [],
);

/**
 * The host's `search` router (not a plate: every plate contributes through `ServerPlate.search`), mounted as
 * `search` in root.ts. Anyone may search; each plate filters to what the caller may see.
 * @see docs/api.md `search.query`
 */
export const searchRouter = router({
  query: publicProcedure
    .input(zodInput(searchQueryInput))
    .query(({ ctx, input }) => searchPlates(ctx.db, ctx.actor, input, { plates: SEARCHABLE_PLATES, logger: SERVER_LOGGER })),
});
