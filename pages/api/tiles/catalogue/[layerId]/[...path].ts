import { SERVER_LOGGER } from '@server/api/server-logger';
import { oneParam, segmentsParam, webResponseHandler } from '@server/api/web-response-handler';
import { getDb } from '@server/db/client';
import { env } from '@server/env';
import { catalogueTileResponse } from '@server/twin/catalogue/catalogue-tile-response';

/** No body parsing (GET/HEAD only) and no 4 MB response warning (tiles may be larger). */
export const config = { api: { bodyParser: false, responseLimit: false } };

/** `GET /tiles/catalogue/<layerId>/<path...>` (rewritten here, next.config.ts): one file of an uploaded tileset the caller may see. */
export default webResponseHandler((request, { layerId, path }) =>
  catalogueTileResponse({ getDb, tilesRoot: env.TILES_DIR, logger: SERVER_LOGGER }, request, oneParam(layerId), segmentsParam(path)),
);
