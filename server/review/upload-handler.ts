import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server, type ServerOptions } from '@tus/server';
import type { Upload } from '@tus/utils';
import yauzl from 'yauzl';
import { actorFromHeaders } from '@server/accounts/session-actor';
import type { Actor } from '@server/api/actor';
import { isSameOrigin } from '@server/api/same-origin';
import type { Db } from '@server/db/client';
import { env } from '@server/env';
import type { ObjectStore } from '@server/storage/object-store';
import { GanTwinError, InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { uploadMetadataSchema, type UploadMetadata } from './inputs';
import { parcelById } from './parcels-service';
import { sourceKeyOf } from './storage-keys';
import { createSubmission } from './submissions-service';

/**
 * `/api/review/uploads[/<id>]`: applicants upload an IFC / IFCZIP with the tus resumable-upload protocol 1.0
 * (`@tus/server`; the page uses `tus-js-client`): a dropped connection resumes where the server's copy ends
 * (`HEAD` gives the offset, `PATCH` appends), nothing is ever held whole in memory, and the size limit
 * (`REVIEW_UPLOAD_MAX_BYTES`) is enforced on the declared length and while streaming.
 *
 * Order of checks (each a clear HTTP error with a text body): same origin (CSRF) for writes, a signed-in applicant
 * whose one-time password is replaced (401/403), on creation the metadata (`filename`, `projectName`, `parcelId`)
 * and a parcel of the applicant's region (400/404), on every later request the upload's owner (403). When the last
 * byte arrives: the type is sniffed from the content (`ISO-10303-21;` = IFC, a zip holding an `.ifc` = IFCZIP; else
 * 415), the SHA-256 is computed streaming, the file is put into the storage backend under
 * `review/sources/<sha256>.<ifc|ifczip>` (content-addressed: the same bytes are stored once), and the submission
 * with its job is created in one transaction (./submissions-service.ts `createSubmission`); the response body is
 * `{ submissionId, version, projectId }`. The partial files live in `<stagingDir>` (one per upload, with a
 * `.json` of its metadata) and are removed once stored; abandoned ones expire after 24 h.
 * @see docs/api.md "Review uploads"
 */

/** URL path of the tus endpoint. */
export const REVIEW_UPLOAD_PATH = '/api/review/uploads';

/** How long an unfinished upload may be resumed, milliseconds. */
export const UPLOAD_EXPIRY_MS = 24 * 60 * 60 * 1000;

/**
 * Most unfinished uploads one account may hold at once (each up to `REVIEW_UPLOAD_MAX_BYTES`): a resumed upload
 * keeps its id, so an applicant needs one per file in flight; more answers 429 until some finish or expire.
 */
export const MAX_UNFINISHED_UPLOADS_PER_ACCOUNT = 5;

/** How often (at most) a creation sweeps expired unfinished uploads from the staging folder, milliseconds. */
const EXPIRY_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** What the handler needs from the app. */
export interface UploadHandlerDeps {
  getDb: () => Db;
  store: ObjectStore;
  /** Local folder of partial uploads (one machine: see docs/operations for several web servers). */
  stagingDir: string;
  maxBytes: number;
  logger: Logger;
}

/** A tus error: the status and text body the client gets. */
function refuse(status: number, message: string): { status_code: number; body: string } {
  return { status_code: status, body: `${message}\n` };
}

/** The signed-in applicant behind a request, or a tus refusal. */
async function applicantOf(db: Db, req: Request): Promise<Actor> {
  const found = await actorFromHeaders(db, req.headers);
  // This route bypasses proxy.ts (its body buffer would cut the upload), so with `TRUST_PROXY=0` nobody removed a
  // client's own `X-Forwarded-For`: the audit rows then record no address rather than one the client chose.
  const actor = found && env.TRUST_PROXY === 0 ? { ...found, ipAddress: null } : found;
  if (!actor) throw refuse(401, 'Sign in as an applicant to upload');
  if (actor.mustChangePassword) throw refuse(403, 'Change the one-time password first');
  if (actor.role !== 'applicant') throw refuse(403, `Only applicants submit models (you are ${actor.role})`);
  return actor;
}

/**
 * Sniffs the stored bytes: an IFC STEP file starts with `ISO-10303-21;` (after an optional UTF-8 BOM / whitespace);
 * an IFCZIP is a zip archive with at least one `.ifc` entry.
 * @throws {InputError} naming what the file is not
 */
export async function sniffIfcFormat(filePath: string): Promise<'ifc' | 'ifczip'> {
  const handle = await open(filePath, 'r');
  const head = Buffer.alloc(64);
  try {
    await handle.read(head, 0, 64, 0);
  } finally {
    await handle.close();
  }
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (text.startsWith('ISO-10303-21;')) return 'ifc';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    const hasIfc = await new Promise<boolean>((resolve, reject) => {
      yauzl.open(filePath, { lazyEntries: true, autoClose: true }, (error, zip) => {
        if (error || !zip) return reject(new InputError(`upload: not a readable zip archive (${error?.message ?? 'no archive'})`));
        let entries = 0;
        zip.on('entry', (entry: yauzl.Entry) => {
          if (/\.ifc$/i.test(entry.fileName)) {
            zip.close();
            return resolve(true);
          }
          if (++entries > 10_000) {
            zip.close();
            return resolve(false);
          }
          zip.readEntry();
        });
        zip.on('end', () => resolve(false));
        zip.on('error', (zipError: Error) => reject(new InputError(`upload: broken zip archive (${zipError.message})`)));
        zip.readEntry();
      });
    });
    if (hasIfc) return 'ifczip';
    throw new InputError('upload: the zip archive holds no .ifc file');
  }
  throw new InputError('upload: not an IFC file (an IFC starts with "ISO-10303-21;") nor an IFCZIP (a zip archive holding an .ifc)');
}

/** SHA-256 (hex) and size of a file, streamed. */
async function sha256Of(filePath: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(filePath)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

function metadataOf(upload: Upload): UploadMetadata {
  const parsed = uploadMetadataSchema.safeParse({ filename: upload.metadata?.filename, projectName: upload.metadata?.projectName, parcelId: upload.metadata?.parcelId });
  if (!parsed.success) throw refuse(400, `Upload-Metadata: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * How many uploads in `stagingDir` that `owner` created are still unfinished and unexpired (their `.json` names the
 * owner and the declared size; the data file's size is the offset).
 */
async function unfinishedUploadsOf(stagingDir: string, owner: string): Promise<number> {
  const names = await readdir(stagingDir).catch(() => [] as string[]);
  let count = 0;
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    try {
      const info = JSON.parse(await readFile(path.join(stagingDir, name), 'utf8')) as { size?: number; metadata?: { owner?: string }; creation_date?: string };
      if (info.metadata?.owner !== owner) continue;
      if (info.creation_date && Date.parse(info.creation_date) + UPLOAD_EXPIRY_MS < Date.now()) continue;
      const offset = (await stat(path.join(stagingDir, name.slice(0, -'.json'.length)))).size;
      if (info.size === undefined || info.size === null || offset < info.size) count += 1;
    } catch {
      // Removed meanwhile, or not an upload's metadata.
    }
  }
  return count;
}

/**
 * The tus server of the review uploads (one per web server process).
 * @example const tus = createReviewUploadServer(deps); export const PATCH = (req: Request) => tus.handleWeb(req);
 */
export function createReviewUploadServer(deps: UploadHandlerDeps): Server {
  const datastore = new FileStore({ directory: deps.stagingDir, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
  let lastSweepMs = 0;
  /** Removes expired unfinished uploads (the FileStore only refuses them), at most every few minutes, in the background. */
  const sweepExpired = () => {
    if (Date.now() - lastSweepMs < EXPIRY_SWEEP_INTERVAL_MS) return;
    lastSweepMs = Date.now();
    void datastore
      .deleteExpired()
      .then((removed) => removed > 0 && deps.logger.info(`review uploads: removed ${removed} expired unfinished upload(s)`))
      .catch((error: unknown) => deps.logger.warn(`review uploads: expiry sweep: ${error instanceof Error ? error.message : String(error)}`));
  };
  const options: Omit<ServerOptions, 'locker'> & { datastore: FileStore } = {
    path: REVIEW_UPLOAD_PATH,
    datastore,
    relativeLocation: true,
    maxSize: deps.maxBytes,
    async onIncomingRequest(req, uploadId) {
      const method = req.method.toUpperCase();
      if (method !== 'HEAD' && method !== 'OPTIONS' && !isSameOrigin(req as unknown as Request)) throw refuse(403, 'Cross-origin upload refused');
      const actor = await applicantOf(deps.getDb(), req as unknown as Request);
      if (method === 'POST' || !uploadId) return;
      let owner: string | null | undefined;
      try {
        owner = (await datastore.getUpload(uploadId)).metadata?.owner;
      } catch {
        throw refuse(404, 'No such upload (finished, expired or never started)');
      }
      if (owner !== actor.userId) throw refuse(403, 'This upload belongs to another account');
    },
    async onUploadCreate(req, upload) {
      const db = deps.getDb();
      const actor = await applicantOf(db, req as unknown as Request);
      const metadata = metadataOf(upload);
      try {
        await parcelById(db, actor, metadata.parcelId);
      } catch {
        throw refuse(404, `parcel ${metadata.parcelId} not found in your region`);
      }
      sweepExpired();
      if ((await unfinishedUploadsOf(deps.stagingDir, actor.userId)) >= MAX_UNFINISHED_UPLOADS_PER_ACCOUNT) {
        throw refuse(429, `You have ${MAX_UNFINISHED_UPLOADS_PER_ACCOUNT} unfinished uploads: finish or cancel one first (unfinished uploads expire after 24 h)`);
      }
      return { metadata: { ...upload.metadata, owner: actor.userId } };
    },
    async onUploadFinish(req, upload) {
      const db = deps.getDb();
      const filePath = path.join(deps.stagingDir, upload.id);
      const removeStaged = async () => {
        await rm(filePath, { force: true });
        await rm(`${filePath}.json`, { force: true });
      };
      try {
        const actor = await applicantOf(db, req as unknown as Request);
        const metadata = metadataOf(upload);
        const format = await sniffIfcFormat(filePath);
        const { sha256, bytes } = await sha256Of(filePath);
        const key = sourceKeyOf(sha256, format);
        if (!(await deps.store.exists(key))) await deps.store.putFile(key, filePath, { contentType: format === 'ifc' ? 'application/x-step' : 'application/zip' });
        const created = await createSubmission(db, actor, { uploadId: upload.id, metadata, sha256, bytes, format });
        await removeStaged();
        deps.logger.info(`review upload ${upload.id}: ${bytes} bytes ${format} sha256 ${sha256.slice(0, 12)}… → submission ${created.id} v${created.version}`);
        return { status_code: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ submissionId: created.id, version: created.version, projectId: created.projectId }) };
      } catch (error) {
        if (error && typeof error === 'object' && 'status_code' in error) throw error;
        if (error instanceof GanTwinError) {
          // A final refusal (not an IFC, parcel gone): the staged bytes are of no further use.
          await removeStaged();
          const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'SCOPE' ? 403 : error.code === 'INPUT' ? 415 : 409;
          throw refuse(status, error.message);
        }
        // Storage or database trouble: the staged file stays until it expires, for an operator to recover.
        deps.logger.error(`review upload ${upload.id}: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error)}`);
        throw refuse(500, 'The upload could not be stored; try again later');
      }
    },
  };
  return new Server(options as ServerOptions & { datastore: FileStore });
}
