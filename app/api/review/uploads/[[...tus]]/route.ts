import path from 'node:path';
import type { Server } from '@tus/server';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { env } from '@server/env';
import { reviewEnv } from '@server/review/review-env';
import { createReviewUploadServer } from '@server/review/upload-handler';
import { getObjectStore } from '@server/storage/shared-store';

/**
 * `/api/review/uploads[/<id>]`: the tus resumable-upload endpoint of BIM submissions (server/review/upload-handler.ts).
 * Not behind the proxy (proxy.ts `config.matcher`), which would buffer and cut the body.
 */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

let server: Server | undefined;
function tus(): Server {
  server ??= createReviewUploadServer({
    getDb,
    store: getObjectStore(),
    stagingDir: path.join(env.STORAGE_DIR, '.uploads', 'review'),
    maxBytes: reviewEnv().REVIEW_UPLOAD_MAX_BYTES,
    logger: SERVER_LOGGER,
  });
  return server;
}

const handle = (request: Request): Promise<Response> => tus().handleWeb(request);
export { handle as POST, handle as PATCH, handle as HEAD, handle as DELETE, handle as OPTIONS };
