import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '@server/api/root';
import { createTrpcContext } from '@server/api/trpc';
import { getDb } from '@server/db/client';

/** tRPC v11 over HTTP (fetch adapter, superjson): `GET|POST /api/trpc/<procedure>`. */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

function handler(req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createTrpcContext(getDb(), null),
  });
}

export { handler as GET, handler as POST };
