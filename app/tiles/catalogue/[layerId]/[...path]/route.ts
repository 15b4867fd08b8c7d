import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { env } from '@server/env';
import { catalogueTileResponse } from '@server/twin/catalogue/catalogue-tile-response';

/** Files of an uploaded catalogue tileset: `GET /tiles/catalogue/<layerId>/<path...>` (server/twin/catalogue/catalogue-tile-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler reads files and PostgreSQL. */
export const runtime = 'nodejs';

/** Serves one file of an uploaded tileset the caller may see; errors answer 400/404/500 as text. */
export async function GET(req: Request, context: { params: Promise<{ layerId: string; path: string[] }> }): Promise<Response> {
  const { layerId, path } = await context.params;
  return catalogueTileResponse({ getDb, tilesRoot: env.TILES_DIR, logger: SERVER_LOGGER }, req, layerId, path);
}
