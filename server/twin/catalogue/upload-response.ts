import { rm } from 'node:fs/promises';
import path from 'node:path';
import { actorFromHeaders } from '@server/accounts/session-actor';
import type { Actor } from '@server/api/actor';
import { errorResponse } from '@server/api/error-response';
import { textResponse } from '@server/api/request-limits';
import { parseMultipartFields, receiveMultipart } from '@server/api/multipart-upload';
import { isSameOrigin } from '@server/api/same-origin';
import type { Db } from '@server/db/client';
import { env } from '@server/env';
import { InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { CATALOGUE_TILES_FOLDER } from './catalogue-service';
import { uploadFieldsSchema, vectorUploadFieldsSchema } from './inputs';
import { uploadTileset } from './tileset-upload';
import { uploadVector, VECTOR_LIMITS } from './vector-upload';

/**
 * `POST /api/twin/catalogue/tilesets` and `POST /api/twin/catalogue/vectors` (multipart/form-data): an admin uploads
 * a 3D Tiles zip or a vector file with the layer's metadata.
 *
 * Notes:
 * - Order of checks: same origin (CSRF, 403), signed-in admin with a replaced password (401/403), at most
 *   {@link MAX_CONCURRENT_UPLOADS} uploads per server process at a time (429), declared `Content-Length` (413), then
 *   the body is streamed (server/api/multipart-upload.ts) straight to a file under `TILES_DIR/catalogue/.uploads/` with the size limit
 *   applied while streaming (413, the partial file is deleted). Text fields come before the file part (a browser's
 *   FormData keeps insertion order); at most 20 fields of ≤ 2 000 bytes and one file.
 * - The uploaded file is deleted in every case once the request ends; the layer exists only if everything passed.
 * @see docs/api.md "Catalogue uploads"
 */

/** Uploads one server process handles at once (each inflates archives on disk and uses a CPU core). */
export const MAX_CONCURRENT_UPLOADS = 2;
let uploadsInProgress = 0;

/** What the upload routes need from the app. */
export interface UploadRouteDeps {
  getDb: () => Db;
  /** Absolute `TILES_DIR`. */
  tilesRoot: string;
  /** Largest upload, bytes (`CATALOGUE_UPLOAD_MAX_BYTES`). */
  maxBytes: number;
  logger: Logger;
}

/**
 * The signed-in admin of the request, or the refusal. These routes bypass proxy.ts (its body buffer would cut the
 * upload), so with `TRUST_PROXY=0` nobody removed a client's own `X-Forwarded-For`: the audit row then records no
 * address rather than one the client chose (docs/security.md).
 */
async function adminOf(db: Db, req: Request): Promise<Actor | Response> {
  const found = await actorFromHeaders(db, req.headers);
  const actor = found && env.TRUST_PROXY === 0 ? { ...found, ipAddress: null } : found;
  if (!actor) return textResponse(401, 'Sign-in required');
  if (actor.mustChangePassword) return textResponse(403, 'Change the one-time password first');
  if (actor.role !== 'admin') return textResponse(403, `Role ${actor.role} may not do this (needs admin)`);
  return actor;
}

/**
 * Answers one upload (see notes): 201 with the new layer as JSON, or a text error (400 bad input, 401/403, 413 too
 * large, 429 busy, 500 hidden and logged). Never throws.
 * @param what `tileset` (3D Tiles zip) or `vector` (GeoJSON or Shapefile zip)
 */
export async function catalogueUploadResponse(deps: UploadRouteDeps, req: Request, what: 'tileset' | 'vector'): Promise<Response> {
  if (!isSameOrigin(req)) return textResponse(403, 'Cross-origin upload refused');
  let file: string | null = null;
  let counted = false;
  try {
    const db = deps.getDb();
    const actor = await adminOf(db, req);
    if (actor instanceof Response) return actor;
    if (uploadsInProgress >= MAX_CONCURRENT_UPLOADS) return textResponse(429, 'Another upload is in progress; retry in a minute', { 'retry-after': '60' });
    uploadsInProgress += 1;
    counted = true;
    const maxBytes = what === 'vector' ? Math.min(deps.maxBytes, VECTOR_LIMITS.maxFileBytes) : deps.maxBytes;
    const declared = Number(req.headers.get('content-length') ?? '0');
    if (declared > maxBytes + 64 * 1024) return textResponse(413, `Upload of ${declared} bytes exceeds the limit of ${maxBytes} bytes`);
    const received = await receiveMultipart(req, path.join(deps.tilesRoot, CATALOGUE_TILES_FOLDER, '.uploads'), maxBytes);
    file = received.file?.path ?? null;
    if (!received.file) throw new InputError('upload: no file part named "file"');
    const body =
      what === 'tileset'
        ? await uploadTileset(db, actor, parseMultipartFields(uploadFieldsSchema, received.fields), received.file.path, { tilesRoot: deps.tilesRoot, fileName: received.file.fileName })
        : await uploadVector(db, actor, parseMultipartFields(vectorUploadFieldsSchema, received.fields), received.file.path, { fileName: received.file.fileName });
    return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(`catalogue-upload-${what}`, error, deps.logger);
  } finally {
    if (counted) uploadsInProgress -= 1;
    if (file) await rm(file, { force: true });
  }
}
