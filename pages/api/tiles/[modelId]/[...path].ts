import { SERVER_LOGGER } from '@server/api/server-logger';
import { oneParam, segmentsParam, webResponseHandler } from '@server/api/web-response-handler';
import { getDb } from '@server/db/client';
import { env } from '@server/env';
import { tileResponse } from '@server/twin/tile-response';

/** No body parsing (GET/HEAD only) and no 4 MB response warning (tiles may be larger). */
export const config = { api: { bodyParser: false, responseLimit: false } };

/** `GET /tiles/<modelId>/<path...>` (rewritten here, next.config.ts): one file of a model's output, precompressed when stored so. */
export default webResponseHandler((request, { modelId, path }) =>
  tileResponse({ getDb, tilesRoot: env.TILES_DIR, logger: SERVER_LOGGER }, request, oneParam(modelId), segmentsParam(path)),
);
