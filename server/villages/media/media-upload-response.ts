import { readFile, rm } from 'node:fs/promises';
import { actorFromHeaders } from '@server/accounts/session-actor';
import type { Actor } from '@server/api/actor';
import { errorResponse } from '@server/api/error-response';
import { parseMultipartFields, receiveMultipart } from '@server/api/multipart-upload';
import { textResponse } from '@server/api/request-limits';
import { isSameOrigin } from '@server/api/same-origin';
import type { Db } from '@server/db/client';
import { env } from '@server/env';
import type { ObjectStore } from '@server/storage/object-store';
import { InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { isVillagesCurator } from '../curator-roles';
import { villagesEnv } from '../villages-env';
import { MAX_CAPTION_CHARS, mediaUploadFieldsInput } from './media-inputs';
import { createMedia } from './media-service';

/**
 * `POST /api/villages/media` (multipart/form-data: the text fields `villageId`, `kind` (`photo` | `panorama`),
 * `altZh`, optional `altEn`, `captionZh`, `captionEn`, `credit`, `buildingId`, `sortOrder`, then one file part
 * `file`): a curator adds an image to a village of their region (./media-service.ts `createMedia`).
 *
 * Notes: checks in the order of the other uploads (server/lifelines/import-response.ts): same origin (403),
 * signed-in officer/admin with a replaced password (401/403), at most {@link MAX_UPLOADS_IN_PROGRESS} uploads
 * being encoded per process (429: encoding a panorama keeps a core busy for seconds), declared `Content-Length`
 * (413), then the body is streamed by busboy to a file in `uploadDir` with `VILLAGES_MEDIA_MAX_BYTES` applied
 * while streaming (413). The file's name and declared type are ignored: the content decides
 * (./image-variants.ts). The temporary file is deleted once the request ends.
 */

/** Uploads encoded at once by one server process. */
export const MAX_UPLOADS_IN_PROGRESS = 2;
let uploadsInProgress = 0;

/** What the route needs from the app. */
export interface MediaUploadRouteDeps {
  getDb: () => Db;
  /** The plate host's object store (server/storage/shared-store.ts). */
  getStore: () => ObjectStore;
  /** Folder for the streamed upload (created if missing). */
  uploadDir: string;
  logger: Logger;
}

/** The signed-in curator of the request, or the refusal. */
async function curatorOf(db: Db, req: Request): Promise<Actor | Response> {
  const found = await actorFromHeaders(db, req.headers);
  const actor = found && env.TRUST_PROXY === 0 ? { ...found, ipAddress: null } : found;
  if (!actor) return textResponse(401, 'Sign-in required');
  if (actor.mustChangePassword) return textResponse(403, 'Change the one-time password first');
  const { role } = actor;
  if (!isVillagesCurator(actor)) return textResponse(403, `Role ${role} may not do this (needs officer or admin)`);
  return actor;
}

/**
 * Answers one upload: `201` with the new media row as JSON, or a text error (400 bad fields, no or several files,
 * not JPEG/PNG/WebP/AVIF, a panorama that is not 2:1; 401/403, 403 a village outside the caller's region, 404 no
 * such village, 409 the same image already in the village, 413 too large, 429 busy, 500 hidden and logged).
 * Never throws.
 */
export async function mediaUploadResponse(deps: MediaUploadRouteDeps, req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return textResponse(403, 'Cross-origin upload refused');
  let file: string | null = null;
  let counted = false;
  try {
    const db = deps.getDb();
    const actor = await curatorOf(db, req);
    if (actor instanceof Response) return actor;
    if (uploadsInProgress >= MAX_UPLOADS_IN_PROGRESS) return textResponse(429, 'Other uploads are being processed; retry in a minute', { 'retry-after': '60' });
    uploadsInProgress += 1;
    counted = true;
    const { VILLAGES_MEDIA_MAX_BYTES: maxBytes } = villagesEnv();
    const declared = Number(req.headers.get('content-length') ?? '0');
    if (declared > maxBytes + 64 * 1024) return textResponse(413, `Upload of ${declared} bytes exceeds the limit of ${maxBytes} bytes`);
    // Captions and alt texts may hold MAX_CAPTION_CHARS characters of up to 4 bytes of UTF-8 each.
    const received = await receiveMultipart(req, deps.uploadDir, maxBytes, { maxFieldBytes: 4 * MAX_CAPTION_CHARS });
    file = received.file?.path ?? null;
    if (!received.file) throw new InputError('upload: no file part named "file"');
    const fields = parseMultipartFields(mediaUploadFieldsInput, received.fields);
    const media = await createMedia(db, actor, fields, await readFile(received.file.path), deps.getStore());
    return new Response(JSON.stringify(media), { status: 201, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse('villages-media-upload', error, deps.logger);
  } finally {
    if (counted) uploadsInProgress -= 1;
    if (file) await rm(file, { force: true });
  }
}
