import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { ingestResponse } from '@server/sensors/ingest-response';
import { sensorsEnv } from '@server/sensors/sensors-env';

/**
 * `POST /api/sensors/readings`: batched readings of a sensor or gateway (server/sensors/ingest-response.ts).
 * Not behind the proxy (proxy.ts `config.matcher`), which would buffer the body (up to 1 MiB here).
 */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler writes PostgreSQL. */
export const runtime = 'nodejs';

/** Stores the batch; JSON `{ accepted, duplicates }` after the commit, or a JSON error. */
export function POST(req: Request): Promise<Response> {
  return ingestResponse({ getDb, logger: SERVER_LOGGER, settings: sensorsEnv() }, req);
}
