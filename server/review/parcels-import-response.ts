import { rm } from 'node:fs/promises';
import { actorFromHeaders } from '@server/accounts/session-actor';
import type { Actor } from '@server/api/actor';
import { errorResponse } from '@server/api/error-response';
import { parseMultipartFields, receiveMultipart } from '@server/api/multipart-upload';
import { textResponse } from '@server/api/request-limits';
import { isSameOrigin } from '@server/api/same-origin';
import type { Db } from '@server/db/client';
import { env } from '@server/env';
import { InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { parcelImportFieldsInput } from './inputs';
import { importParcels, PARCEL_IMPORT_LIMITS } from './parcels-import';
import { PARCEL_EDITOR_ROLES } from './parcels-service';

/**
 * `POST /api/review/parcels/import` (multipart/form-data: the fields of {@link parcelImportFieldsInput}, then one file
 * part `file`): a planner or admin imports parcels (./parcels-import.ts).
 *
 * Notes: order of checks as the catalogue uploads: same origin (403), signed-in planner/admin with a replaced
 * password (401/403), one import per server process at a time (429), declared `Content-Length` (413), then the body
 * is streamed to a file in `uploadDir` with the 20 MB limit applied while streaming (413). The file is deleted once
 * the request ends. The route bypasses proxy.ts (its body buffer would cut the file), so with `TRUST_PROXY=0` the
 * audit rows record no client address rather than one the client chose (docs/security.md).
 * @see docs/api.md "Parcel import"
 */

let importsInProgress = 0;

/** What the route needs from the app. */
export interface ParcelImportRouteDeps {
  getDb: () => Db;
  /** Folder for the streamed upload (created if missing). */
  uploadDir: string;
  logger: Logger;
}

/** The signed-in planner or admin of the request, or the refusal. */
async function editorOf(db: Db, req: Request): Promise<Actor | Response> {
  const found = await actorFromHeaders(db, req.headers);
  const actor = found && env.TRUST_PROXY === 0 ? { ...found, ipAddress: null } : found;
  if (!actor) return textResponse(401, 'Sign-in required');
  if (actor.mustChangePassword) return textResponse(403, 'Change the one-time password first');
  if (!(PARCEL_EDITOR_ROLES as readonly string[]).includes(actor.role)) return textResponse(403, `Role ${actor.role} may not do this (needs planner or admin)`);
  return actor;
}

/**
 * Answers one import: 201 JSON `{ imported, parcels: [{id, code}], crsLabel }`, or a text error (400 listing every bad
 * feature, 401/403, 409 code taken meanwhile, 413 too large, 429 busy, 500 hidden and logged). Never throws.
 */
export async function parcelImportResponse(deps: ParcelImportRouteDeps, req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return textResponse(403, 'Cross-origin upload refused');
  let file: string | null = null;
  let counted = false;
  try {
    const db = deps.getDb();
    const actor = await editorOf(db, req);
    if (actor instanceof Response) return actor;
    if (importsInProgress >= 1) return textResponse(429, 'Another import is in progress; retry in a minute', { 'retry-after': '60' });
    importsInProgress += 1;
    counted = true;
    const maxBytes = PARCEL_IMPORT_LIMITS.maxFileBytes;
    const declared = Number(req.headers.get('content-length') ?? '0');
    if (declared > maxBytes + 64 * 1024) return textResponse(413, `Upload of ${declared} bytes exceeds the limit of ${maxBytes} bytes`);
    const received = await receiveMultipart(req, deps.uploadDir, maxBytes);
    file = received.file?.path ?? null;
    if (!received.file) throw new InputError('upload: no file part named "file"');
    const body = await importParcels(db, actor, parseMultipartFields(parcelImportFieldsInput, received.fields), received.file.path, { fileName: received.file.fileName });
    return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse('review-parcels-import', error, deps.logger);
  } finally {
    if (counted) importsInProgress -= 1;
    if (file) await rm(file, { force: true });
  }
}
