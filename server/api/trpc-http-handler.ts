import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Db } from '@server/db/client';
import type { Logger } from '@tiling/logger';
import { appRouter } from './root';
import { createTrpcContext } from './trpc';
import { logInternalTrpcErrors } from './trpc-error-log';
import { TRPC_ENDPOINT, TRPC_MAX_BATCH_SIZE } from './trpc-http-config';

/** What the tRPC HTTP handler needs from the app. */
export interface TrpcHttpDeps {
  /** The database handle, asked for per request (it throws when `DATABASE_URL` is unset → 500, logged). */
  getDb: () => Db;
  /** Where INTERNAL_SERVER_ERROR answers are reported. */
  logger: Logger;
}

/**
 * Answers one `GET|POST /api/trpc/<procedure>[,<procedure>…]` request: superjson, the error formatter of
 * trpc.ts (no stacks, internal messages hidden), batches of at most {@link TRPC_MAX_BATCH_SIZE} calls, and
 * 500s logged. The actor is anonymous until the accounts plate adds sign-in.
 * @param req the incoming fetch `Request`
 * @see /work/notes/API.md "tRPC routers"
 */
export function trpcHttpResponse(req: Request, deps: TrpcHttpDeps): Promise<Response> {
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    createContext: () => createTrpcContext(deps.getDb(), null),
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    onError: logInternalTrpcErrors(deps.logger),
  });
}
