import { IMPORT_FOLDER } from '@kernel/properties-file';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { models } from '@server/db/schema/twin';
import { NotFoundError } from '@kernel/errors';
import { InputError } from '@kernel/errors';
import { describeInput, uuidSchema } from '@kernel/zod-fields';
import { CODING_SUFFIXES, CONTENT_CODINGS, type ContentCoding } from '@server/storage/content-coding';
import { visibleModelsSql } from './model-access';
import type { FileVersion } from './tile-etag';

/**
 * Safe resolution of `/tiles/<modelId>/<path...>` to a file inside that model's output directory.
 *
 * Notes: checks are layered so that one slip does not open the file system — (1) each URL segment must be a
 * plain file name (no '', '.', '..', '/', '\\', ':', '%', NUL; Next.js has already percent-decoded once, so an
 * encoded `..%2f` arrives as `../` and is refused, and double-encoded input keeps a '%'); (2) only known 3D Tiles
 * file types are served (so `x.glb.br` itself is not: its extension is not servable); (3) the real path (symlinks
 * resolved) must still lie under the real model directory; (4) the `import/` folder (the database import's input,
 * e.g. `import/elements.ndjson`) is never served. The precompressed siblings `<file>.br`/`<file>.gz` the tiler
 * writes beside each file pass check (3) too, and are offered only when they are regular files.
 *
 * Caching: a content-hashed name (`<name>-<12 lowercase hex>.<ext>`, e.g. `tiles/3-0a1b2c3d4e5f.glb`) never
 * changes under its URL, so it is immutable for a year (in shared caches 5 minutes only, {@link tileFileForModel});
 * every other file (tileset.json, properties.json, the
 * un-hashed `tiles/<id>.glb` of older outputs) may change when the model is reconverted in place, so it is
 * `no-cache`: stored, but revalidated with its ETag (./tile-response.ts) before each use.
 * @see docs/api.md "GET /tiles/<modelId>/<path...>"
 */

/** A file to send: its identity bytes (the fields of {@link FileVersion}), stored codings and response headers. */
export interface TileFile extends FileVersion {
  contentType: string;
  cacheControl: string;
  /** The precompressed siblings found beside the file (`.br` → `br`, `.gz` → `gzip`). */
  encoded: Partial<Record<ContentCoding, FileVersion>>;
}

/** Content types of the files a converted model's directory holds. */
export const TILE_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json; charset=utf-8',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.bin': 'application/octet-stream',
  '.subtree': 'application/octet-stream',
  '.b3dm': 'application/octet-stream',
  '.i3dm': 'application/octet-stream',
  '.pnts': 'application/octet-stream',
  '.cmpt': 'application/octet-stream',
  '.ktx2': 'image/ktx2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** A content-hashed file never changes under its URL (its name carries a hash of its bytes). */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/**
 * How long a shared cache (CDN, proxy) may keep a public model's content-hashed file, s: the file never changes, but
 * the model may be made internal (re-registered, server/twin/convert-model.ts) or removed, and shared caches must
 * let go of it within this time; browsers keep it immutable for a year.
 */
export const MODEL_PUBLIC_SHARED_MAX_AGE_S = 300;
/** {@link IMMUTABLE_CACHE} of a public model's file: a year in browsers, {@link MODEL_PUBLIC_SHARED_MAX_AGE_S} in shared caches. */
export const MODEL_PUBLIC_IMMUTABLE_CACHE = `public, max-age=31536000, s-maxage=${MODEL_PUBLIC_SHARED_MAX_AGE_S}, immutable`;
/** Every other file may change on a reconversion in place: kept, but revalidated with its ETag before each use. */
export const REVALIDATE_CACHE = 'public, no-cache';

/** A content-hashed file name: `<name>-<12 lowercase hex>.<ext>` (the tiler's tile GLBs). */
const CONTENT_HASHED_NAME = /-[0-9a-f]{12}\.[A-Za-z0-9]+$/;

/** Whether a file name carries a content hash (then it is served immutable). */
export function isContentHashedName(fileName: string): boolean {
  return CONTENT_HASHED_NAME.test(fileName);
}

const UNSAFE_SEGMENT = /[/\\:%\0]/;
/** Longest file or folder name accepted in a URL segment, characters (the ext4/NTFS name limit). */
export const MAX_SEGMENT_CHARS = 255;

/** Whether a URL path segment is a plain file or folder name. */
export function isSafeSegment(segment: string): boolean {
  return segment.length > 0 && segment.length <= MAX_SEGMENT_CHARS && segment !== '.' && segment !== '..' && !UNSAFE_SEGMENT.test(segment);
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The version of the regular file at `filePath` when its real path lies inside `modelDir` and outside its `import/`
 * folder (a symlink cannot lead there either), else `null`.
 */
async function fileInside(filePath: string, modelDir: string): Promise<FileVersion | null> {
  try {
    const absolutePath = await realpath(filePath);
    if (!isInside(absolutePath, modelDir)) return null;
    if (path.relative(modelDir, absolutePath).split(path.sep)[0].toLowerCase() === IMPORT_FOLDER) return null;
    const info = await stat(absolutePath);
    return info.isFile() ? { absolutePath, sizeBytes: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null; // ENOENT/ENOTDIR/EACCES/ELOOP: not servable, same answer as a missing file
  }
}

/**
 * Resolves URL segments to a regular file under `<tilesRoot>/<tilesetDir>`, with its precompressed siblings.
 * @param tilesRoot absolute `TILES_DIR`
 * @param tilesetDir the model's `tileset_dir` (relative to `tilesRoot`)
 * @param segments decoded URL path segments after `/tiles/<modelId>/`
 * @returns the file and headers, or `null` when the path is unsafe, of an unknown type, missing, or escapes
 */
export async function resolveTileFile(tilesRoot: string, tilesetDir: string, segments: readonly string[]): Promise<TileFile | null> {
  if (segments.length === 0 || !segments.every(isSafeSegment) || segments[0].toLowerCase() === IMPORT_FOLDER) return null;
  if (path.isAbsolute(tilesetDir) || !tilesetDir.split(/[/\\]/).every(isSafeSegment)) return null;
  const contentType = TILE_CONTENT_TYPES[path.extname(segments[segments.length - 1]).toLowerCase()];
  if (!contentType) return null;
  const modelDir = await realpath(path.resolve(tilesRoot, tilesetDir)).catch(() => null);
  const file = modelDir ? await fileInside(path.resolve(modelDir, ...segments), modelDir) : null;
  if (!modelDir || !file) return null;
  const siblings = await Promise.all(CONTENT_CODINGS.map((coding) => fileInside(`${file.absolutePath}${CODING_SUFFIXES[coding]}`, modelDir)));
  const encoded: TileFile['encoded'] = {};
  CONTENT_CODINGS.forEach((coding, i) => {
    const sibling = siblings[i];
    if (sibling) encoded[coding] = sibling;
  });
  const cacheControl = isContentHashedName(segments[segments.length - 1]) ? IMMUTABLE_CACHE : REVALIDATE_CACHE;
  return { ...file, contentType, cacheControl, encoded };
}

/**
 * Finds the file for `/tiles/<modelId>/<segments...>` of a model that has an output directory.
 * @throws {InputError} when `modelId` is not a UUID
 * @param actor the caller (null = anonymous); models outside its view are "not found" (model-access.ts)
 * @throws {NotFoundError} when the model does not exist, lies outside the actor's view, or the path does not name a
 *   servable file in it
 */
export async function tileFileForModel(
  db: Db,
  actor: Actor | null,
  tilesRoot: string,
  modelId: string,
  segments: readonly string[],
): Promise<TileFile> {
  if (!uuidSchema.safeParse(modelId).success) throw new InputError(`tiles: model id must be a UUID, got ${describeInput(modelId)}`);
  const [model] = await db
    .select({ tilesetDir: models.tilesetDir, visibility: models.visibility })
    .from(models)
    .where(and(eq(models.id, modelId), visibleModelsSql(actor)));
  const file = model ? await resolveTileFile(tilesRoot, model.tilesetDir, segments) : null;
  if (!file) throw new NotFoundError(`tiles: no file ${segments.join('/')} for model ${modelId}`, { context: { modelId } });
  // An internal model's files may only sit in the browser's own cache, never in a shared one; a public model's
  // content-hashed files only briefly there (the model may turn internal).
  if (model?.visibility !== 'public') return { ...file, cacheControl: file.cacheControl.replace(/^public/, 'private') };
  return file.cacheControl === IMMUTABLE_CACHE ? { ...file, cacheControl: MODEL_PUBLIC_IMMUTABLE_CACHE } : file;
}
