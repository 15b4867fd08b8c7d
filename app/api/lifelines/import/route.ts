import os from 'node:os';
import path from 'node:path';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { networkImportResponse } from '@server/lifelines/import-response';

/** `POST /api/lifelines/import`: an inspector, officer or admin imports pipes and nodes (server/lifelines/import-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler streams to disk and writes PostgreSQL. */
export const runtime = 'nodejs';

/** Imports the network file; 201/422 JSON report or a text error. */
export function POST(req: Request): Promise<Response> {
  return networkImportResponse({ getDb, uploadDir: path.join(os.tmpdir(), 'gantwin-lifelines-import'), logger: SERVER_LOGGER }, req);
}
