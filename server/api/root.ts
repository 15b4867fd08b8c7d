import { searchRouter } from '@server/host/search-router';
import { plateRouterRecord } from '@server/host/server-plate';
import { SERVER_PLATES } from '@server/plates';
import { createCallerFactory, router } from './trpc';

/**
 * The app's root router: one router per plate of server/plates.ts, mounted under its slug (STYLE rule 18), and the
 * host's `search` (every plate's results for the header search box, server/host/search-router.ts).
 * @see docs/api.md
 */
export const appRouter = router({ ...plateRouterRecord(SERVER_PLATES), search: searchRouter });

/** Type of the whole API, imported (as a type only) by the tRPC client in app/. */
export type AppRouter = typeof appRouter;

/**
 * Server-side caller factory: `createCaller(createTrpcContext(db, actor))` calls procedures without HTTP
 * (server components via `server/api/server-caller.ts`, tests). Errors are mapped like over HTTP.
 */
export const createCaller = createCallerFactory(appRouter);
