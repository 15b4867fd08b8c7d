import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@server/api/root';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { logInternalTrpcErrors } from '@server/api/trpc-error-log';
import { createTrpcContext } from '@server/api/trpc';
import { getDb } from '@server/db/client';

/** tRPC v11 over HTTP (fetch adapter, superjson): `GET|POST /api/trpc/<procedure>`. */
export const dynamic = 'force-dynamic';
/** Node.js runtime: procedures query PostgreSQL. */
export const runtime = 'nodejs';

const onError = logInternalTrpcErrors(SERVER_LOGGER);

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createTrpcContext(getDb(), null),
    onError,
  });
}

export { handler as GET, handler as POST };
