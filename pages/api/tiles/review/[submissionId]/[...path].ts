import { webResponseHandler, oneParam, segmentsParam } from '@server/api/web-response-handler';
import { getDb } from '@server/db/client';
import { reviewTileResponse } from '@server/review/tile-response';
import { getObjectStore } from '@server/storage/shared-store';

/** No body parsing (GET/HEAD only) and no 4 MB response warning (tiles may be larger). */
export const config = { api: { bodyParser: false, responseLimit: false } };

/** `GET /tiles/review/<submissionId>/<path...>` (rewritten here, next.config.ts): a submission's published tileset, scope-checked. */
export default webResponseHandler((request, { submissionId, path }) =>
  reviewTileResponse(getDb(), getObjectStore(), request, oneParam(submissionId), segmentsParam(path)),
);
