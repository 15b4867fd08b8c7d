import { accountsRouter } from '@server/accounts/router';
import { twinRouter } from '@server/twin/router';
import { createCallerFactory, router } from './trpc';

/**
 * The app's root router: one router per plate, mounted under its slug (STYLE rule 18).
 * @see /work/notes/API.md
 */
export const appRouter = router({
  twin: twinRouter,
  accounts: accountsRouter,
});

/** Type of the whole API, imported (as a type only) by the tRPC client in app/. */
export type AppRouter = typeof appRouter;

/**
 * Server-side caller factory: `createCaller(createTrpcContext(db, actor))` calls procedures without HTTP
 * (server components via `server/api/server-caller.ts`, tests). Errors are mapped like over HTTP.
 */
export const createCaller = createCallerFactory(appRouter);
