import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { env } from '@server/env';
import { tileResponse } from '@server/twin/tile-response';

/** Files of a converted model's output directory: `GET /tiles/<modelId>/<path...>` (see server/twin/tile-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler reads files and PostgreSQL. */
export const runtime = 'nodejs';

/** Serves one file of a model's tileset directory; errors answer 400/404/500 as text, never a stack. */
export async function GET(req: Request, context: { params: Promise<{ modelId: string; path: string[] }> }): Promise<Response> {
  const { modelId, path } = await context.params;
  return tileResponse({ getDb, tilesRoot: env.TILES_DIR, logger: SERVER_LOGGER }, req, modelId, path);
}
