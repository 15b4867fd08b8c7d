import { SERVER_LOGGER } from '@server/api/server-logger';
import { trpcHttpResponse } from '@server/api/trpc-http-handler';
import { getDb } from '@server/db/client';

/** tRPC v11 over HTTP (fetch adapter, superjson): `GET|POST /api/trpc/<procedure>` (see server/api/trpc-http-handler.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: procedures query PostgreSQL. */
export const runtime = 'nodejs';

function handler(req: Request): Promise<Response> {
  return trpcHttpResponse(req, { getDb, logger: SERVER_LOGGER });
}

export { handler as GET, handler as POST };
