import { createHash, randomBytes } from 'node:crypto';
import { lstat, opendir } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { ConflictError, InputError } from '@kernel/errors';
import { assertObjectKey, assertObjectPrefix, joinKey } from './object-key';
import type { ObjectStore, PublishManifest, PublishOptions } from './object-store';

/**
 * Atomic publish of a directory tree (a converted tileset) to an {@link ObjectStore}: the parts both backends share.
 *
 * Notes — the guarantee. `publishTree(dir, 'tilesets/m1')` uploads every file under a version prefix nobody else
 * uses, `tilesets/m1/<publishId>/…` (publishId = UTC start time + 48 random bits), and writes
 * `tilesets/m1/<publishId>/publish-manifest.json` only after every file upload has returned. The caller then
 * stores `manifest.prefix` in the database row readers resolve through, in one transaction. So:
 * - a reader sees a version whole or not at all: it learns the prefix only from the row, which is set only after
 *   the manifest, which is written only after all files. S3 is strongly read-after-write consistent (since
 *   Dec 2020; MinIO too), so every file is readable once its PUT has returned.
 * - S3 has no rename and no multi-object transaction (a "move" is copy + delete, object by object), so the
 *   pointer flip happens in the database, not in storage. The local backend stages into `<prefix>/.tmp-<id>/` and
 *   `rename`s it to `<prefix>/<publishId>/` (atomic on one file system), then writes the manifest the same way.
 * - a worker killed (or failed) mid-publish leaves a version without a manifest, never pointed at;
 *   `sweepUnpublished(prefix, olderThanMs)` removes such versions once they are older than any publish may take
 *   (`maxDurationMs`, default 6 h, enforced: a slower publish fails instead of writing its manifest).
 * - concurrent publishes of one prefix never share a key: both complete, each manifest lists its own files; the
 *   database decides which version is current. Superseded versions are the caller's to delete
 *   (`deletePrefix(old.prefix)`) after readers that resolved them have had time to finish (e.g. a delayed job).
 */

/** File name of the manifest inside a version prefix; a tree may not contain it at its top level. */
export const PUBLISH_MANIFEST_NAME = 'publish-manifest.json';
/** Longest a publish may take before it gives up rather than write its manifest, ms (6 h). */
export const DEFAULT_MAX_PUBLISH_MS = 6 * 3600_000;
/** Files uploaded at once by a publish. */
export const DEFAULT_PUBLISH_CONCURRENCY = 8;

const PUBLISH_ID = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[0-9a-f]{12}$/;

/** A file of the tree being published. */
export interface TreeFile {
  /** Relative POSIX path, a valid key part. */
  relPath: string;
  absPath: string;
  size: number;
}

/** A fresh publish id for a publish starting at `now`. */
export function newPublishId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, ''); // 20261207T041022123Z
  return `${stamp}-${randomBytes(6).toString('hex')}`;
}

/** The start time (ms since the epoch) encoded in a publish id, or `null` when `name` is not one. */
export function publishIdTime(name: string): number | null {
  const m = PUBLISH_ID.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms] = m;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms);
}

/**
 * Checks the age threshold of a sweep.
 * @throws {InputError} unless `olderThanMs` is a finite number ≥ 0
 */
export function assertSweepAge(olderThanMs: number): number {
  if (!Number.isFinite(olderThanMs) || olderThanMs < 0) throw new InputError(`storage: olderThanMs must be a number of ms ≥ 0, got ${olderThanMs}`);
  return olderThanMs;
}

/** Whether a version folder named `name` may be swept: a publish id, no manifest, started over `olderThanMs` ago. */
export function isSweepable(name: string, hasManifest: boolean, olderThanMs: number, now = Date.now()): boolean {
  const started = publishIdTime(name);
  return started !== null && !hasManifest && now - started >= olderThanMs;
}

/**
 * Every regular file under `localDir`, sorted by relative path.
 * @throws {InputError} when the tree holds a symlink or other non-regular entry, a path that is not a valid key,
 *   or a top-level {@link PUBLISH_MANIFEST_NAME}
 */
export async function listTreeFiles(localDir: string): Promise<TreeFile[]> {
  const files: TreeFile[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    for await (const entry of await opendir(dir)) {
      const relPath = joinKey(rel, entry.name);
      const absPath = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(absPath, relPath);
      else if (entry.isFile()) files.push({ relPath: assertObjectKey(relPath), absPath, size: (await lstat(absPath)).size });
      else throw new InputError(`storage: publish of ${localDir}: ${relPath} is not a regular file or folder`, { context: { localDir, relPath } });
    }
  };
  await walk(localDir, '');
  if (files.some((f) => f.relPath === PUBLISH_MANIFEST_NAME)) {
    throw new InputError(`storage: publish of ${localDir}: the tree may not contain ${PUBLISH_MANIFEST_NAME} at its top`, { context: { localDir } });
  }
  return files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/** What both backends' `publishTree` start from. */
export interface PublishPlan {
  /** The checked prefix, without trailing `/`. */
  folder: string;
  startedAt: number;
  publishId: string;
  /** `<folder>/<publishId>`. */
  versionPrefix: string;
  files: TreeFile[];
}

/**
 * Checks the prefix, lists the tree and names the new version.
 * @throws {InputError} bad prefix or tree (see {@link listTreeFiles})
 */
export async function planPublish(localDir: string, prefix: string): Promise<PublishPlan> {
  const folder = assertObjectPrefix(prefix);
  const startedAt = Date.now();
  const files = await listTreeFiles(localDir);
  const publishId = newPublishId(new Date(startedAt));
  return { folder, startedAt, publishId, versionPrefix: joinKey(folder, publishId), files };
}

/** A pass-through stream that computes the SHA-256 of what flows through it. */
export function sha256PassThrough(): { stream: Transform; hex: () => string } {
  const hash = createHash('sha256');
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { stream, hex: () => hash.digest('hex') };
}

/**
 * Stores every file with `store1` (at most `concurrency` at once), reporting progress, and returns the manifest
 * to write (not yet written). On the first failure it starts no further file, waits for those in flight and throws.
 * @param store1 stores one file and returns its SHA-256 (hex)
 * @throws the first error of `store1` or `onProgress`; {ConflictError} when `maxDurationMs` has passed
 */
export async function storeTreeFiles(
  plan: Omit<PublishPlan, 'folder'>,
  options: PublishOptions,
  store1: (file: TreeFile) => Promise<string>,
): Promise<PublishManifest> {
  const { files, versionPrefix, publishId, startedAt } = plan;
  const { onProgress, maxDurationMs = DEFAULT_MAX_PUBLISH_MS, concurrency = DEFAULT_PUBLISH_CONCURRENCY } = options;
  const hashes = new Array<string>(files.length);
  let next = 0;
  let filesDone = 0;
  let bytesDone = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < files.length) {
      const index = next++;
      try {
        hashes[index] = await store1(files[index]);
        filesDone += 1;
        bytesDone += files[index].size;
        await onProgress?.({ filesDone, filesTotal: files.length, bytesDone });
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  const elapsed = Date.now() - startedAt;
  if (elapsed > maxDurationMs) {
    throw new ConflictError(`storage: publish ${versionPrefix} took ${elapsed} ms, over the ${maxDurationMs} ms limit; not published (it may be swept)`, {
      context: { versionPrefix, elapsed, maxDurationMs },
    });
  }
  const entries = files.map((f, i) => ({ path: f.relPath, size: f.size, sha256: hashes[i] }));
  return {
    format: 1,
    publishId,
    prefix: versionPrefix,
    publishedAt: new Date().toISOString(),
    files: entries,
    totalBytes: entries.reduce((sum, f) => sum + f.size, 0),
  };
}

/** The manifest's JSON bytes. */
export function manifestBytes(manifest: PublishManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, 'utf8');
}

/**
 * Reads the manifest of a version prefix (`manifest.prefix`), e.g. to check a version is whole.
 * @returns the manifest, or `null` when the version has none (unpublished, swept or deleted)
 * @throws {InputError} bad prefix
 */
export async function readPublishManifest(store: ObjectStore, versionPrefix: string): Promise<PublishManifest | null> {
  const object = await store.getStream(joinKey(versionPrefix, PUBLISH_MANIFEST_NAME));
  if (!object) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of object.body) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as PublishManifest;
}
