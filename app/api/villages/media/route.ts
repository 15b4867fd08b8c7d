import os from 'node:os';
import path from 'node:path';
import { SERVER_LOGGER } from '@server/api/server-logger';
import { getDb } from '@server/db/client';
import { getObjectStore } from '@server/storage/shared-store';
import { mediaUploadResponse } from '@server/villages/media/media-upload-response';

/** `POST /api/villages/media`: a curator adds a photo or panorama to a village (server/villages/media/media-upload-response.ts). */
export const dynamic = 'force-dynamic';
/** Node.js runtime: the handler streams to disk, encodes with sharp and writes PostgreSQL and the object store. */
export const runtime = 'nodejs';

/** Stores the image; 201 JSON media row or a text error. */
export function POST(req: Request): Promise<Response> {
  return mediaUploadResponse({ getDb, getStore: getObjectStore, uploadDir: path.join(os.tmpdir(), 'gantwin-villages-media'), logger: SERVER_LOGGER }, req);
}
