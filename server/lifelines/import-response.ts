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
import { importNetwork, NETWORK_IMPORT_ROLES } from './import-service';
import { networkImportFieldsInput } from './inputs';
import { lifelinesEnv } from './lifelines-env';

/**
 * `POST /api/lifelines/import` (multipart/form-data: the fields of {@link networkImportFieldsInput}, then one file
 * part `file`): an inspector, officer or admin imports pipes and nodes into their region (./import-service.ts).
 *
 * Notes: order of checks as the other uploads (server/review/parcels-import-response.ts): same origin (403), signed-in
 * inspector/officer/admin with a replaced password (401/403), one import per server process at a time (429),
 * declared `Content-Length` (413), then the body is streamed to a file in `uploadDir` with `LIFELINES_IMPORT_MAX_BYTES`
 * applied while streaming (413). The file is deleted once the request ends. With `TRUST_PROXY=0` the audit rows
 * record no client address rather than one the client chose (docs/security.md).
 * @see docs/api.md "Network import"
 */

let importsInProgress = 0;

/** What the route needs from the app. */
export interface NetworkImportRouteDeps {
  getDb: () => Db;
  /** Folder for the streamed upload (created if missing). */
  uploadDir: string;
  logger: Logger;
}

/** The signed-in importer of the request, or the refusal. */
async function importerOf(db: Db, req: Request): Promise<Actor | Response> {
  const found = await actorFromHeaders(db, req.headers);
  const actor = found && env.TRUST_PROXY === 0 ? { ...found, ipAddress: null } : found;
  if (!actor) return textResponse(401, 'Sign-in required');
  if (actor.mustChangePassword) return textResponse(403, 'Change the one-time password first');
  if (!(NETWORK_IMPORT_ROLES as readonly string[]).includes(actor.role)) return textResponse(403, `Role ${actor.role} may not do this (needs inspector, officer or admin)`);
  return actor;
}

/**
 * Answers one import: `201` with the report when written, `422` with the report (rejections, nothing written) when
 * features were rejected, or a text error (400 unreadable file or bad fields, 401/403, 409 code taken meanwhile, 413
 * too large, 429 busy, 500 hidden and logged). Never throws.
 */
export async function networkImportResponse(deps: NetworkImportRouteDeps, req: Request): Promise<Response> {
  if (!isSameOrigin(req)) return textResponse(403, 'Cross-origin upload refused');
  let file: string | null = null;
  let counted = false;
  try {
    const db = deps.getDb();
    const actor = await importerOf(db, req);
    if (actor instanceof Response) return actor;
    if (importsInProgress >= 1) return textResponse(429, 'Another import is in progress; retry in a minute', { 'retry-after': '60' });
    importsInProgress += 1;
    counted = true;
    const { LIFELINES_IMPORT_MAX_BYTES: maxFileBytes, LIFELINES_IMPORT_MAX_FEATURES: maxFeatures } = lifelinesEnv();
    const declared = Number(req.headers.get('content-length') ?? '0');
    if (declared > maxFileBytes + 64 * 1024) return textResponse(413, `Upload of ${declared} bytes exceeds the limit of ${maxFileBytes} bytes`);
    const received = await receiveMultipart(req, deps.uploadDir, maxFileBytes);
    file = received.file?.path ?? null;
    if (!received.file) throw new InputError('upload: no file part named "file"');
    const fields = parseMultipartFields(networkImportFieldsInput, received.fields);
    const report = await importNetwork(db, actor, fields, received.file.path, { fileName: received.file.fileName, limits: { maxFileBytes, maxFeatures } });
    return new Response(JSON.stringify(report), { status: report.committed ? 201 : 422, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse('lifelines-import', error, deps.logger);
  } finally {
    if (counted) importsInProgress -= 1;
    if (file) await rm(file, { force: true });
  }
}
