import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { env } from '@server/env';
import { catalogueUploadResponse } from '@server/twin/catalogue/upload-response';

/** `POST /api/twin/catalogue/vectors`: an admin uploads a GeoJSON or Shapefile zip (server/twin/catalogue/upload-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler streams to disk and writes PostgreSQL. */
export const runtime = 'nodejs';

/** Stores the upload and registers its layer; 201 JSON or a text error. */
export function POST(req: Request): Promise<Response> {
  return catalogueUploadResponse({ getDb, tilesRoot: env.TILES_DIR, maxBytes: env.CATALOGUE_UPLOAD_MAX_BYTES, logger: SERVER_LOGGER }, req, 'vector');
}
