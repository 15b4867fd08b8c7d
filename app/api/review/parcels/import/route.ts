import os from 'node:os';
import path from 'node:path';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { parcelImportResponse } from '@server/review/parcels-import-response';

/** `POST /api/review/parcels/import`: a planner imports parcels from GeoJSON or a Shapefile zip (server/review/parcels-import-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler streams to disk and writes PostgreSQL. */
export const runtime = 'nodejs';

/** Imports the parcels; 201 JSON or a text error. */
export function POST(req: Request): Promise<Response> {
  return parcelImportResponse({ getDb, uploadDir: path.join(os.tmpdir(), 'gantwin-parcel-import'), logger: SERVER_LOGGER }, req);
}
