import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { models } from '@server/db/schema/twin';
import { NotFoundError } from '@kernel/errors';
import { InputError } from '@kernel/errors';
import { describeInput, uuidSchema } from '@kernel/zod-fields';
import { visibleModelsSql } from './model-access';

/**
 * Safe resolution of `/tiles/<modelId>/<path...>` to a file inside that model's output directory.
 *
 * Notes: checks are layered so that one slip does not open the file system — (1) each URL segment must be a
 * plain file name (no '', '.', '..', '/', '\\', ':', '%', NUL; Next.js has already percent-decoded once, so an
 * encoded `..%2f` arrives as `../` and is refused, and double-encoded input keeps a '%'); (2) only known 3D Tiles
 * file types are served; (3) the real path (symlinks resolved) must still lie under the real model directory.
 * @see docs/api.md "GET /tiles/<modelId>/<path...>"
 */

/** A file to send, with its response headers. */
export interface TileFile {
  absolutePath: string;
  contentType: string;
  cacheControl: string;
  sizeBytes: number;
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

/** Tile content never changes under its URL (a reconversion of the same bytes writes the same files). */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** JSON documents (tileset.json, report.json …) are revalidated. */
export const REVALIDATE_CACHE = 'public, max-age=0, must-revalidate';

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
 * Resolves URL segments to a regular file under `<tilesRoot>/<tilesetDir>`.
 * @param tilesRoot absolute `TILES_DIR`
 * @param tilesetDir the model's `tileset_dir` (relative to `tilesRoot`)
 * @param segments decoded URL path segments after `/tiles/<modelId>/`
 * @returns the file and headers, or `null` when the path is unsafe, of an unknown type, missing, or escapes
 */
export async function resolveTileFile(tilesRoot: string, tilesetDir: string, segments: readonly string[]): Promise<TileFile | null> {
  if (segments.length === 0 || !segments.every(isSafeSegment)) return null;
  if (path.isAbsolute(tilesetDir) || !tilesetDir.split(/[/\\]/).every(isSafeSegment)) return null;
  const contentType = TILE_CONTENT_TYPES[path.extname(segments[segments.length - 1]).toLowerCase()];
  if (!contentType) return null;
  try {
    const modelDir = await realpath(path.resolve(tilesRoot, tilesetDir));
    const filePath = await realpath(path.resolve(modelDir, ...segments));
    if (!isInside(filePath, modelDir)) return null;
    const info = await stat(filePath);
    if (!info.isFile()) return null;
    const cacheControl = contentType.startsWith('application/json') ? REVALIDATE_CACHE : IMMUTABLE_CACHE;
    return { absolutePath: filePath, contentType, cacheControl, sizeBytes: info.size };
  } catch {
    return null; // ENOENT/ENOTDIR/EACCES: not servable, same answer as a missing file
  }
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
  // An internal model's files may only sit in the browser's own cache, never in a shared one.
  return model?.visibility === 'public' ? file : { ...file, cacheControl: file.cacheControl.replace(/^public/, 'private') };
}
