import { createReadStream, type Stats } from 'node:fs';
import { mkdir, open, opendir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError } from '@kernel/errors';
import { downloadToFile, temporarySibling, writeFileAtomically } from './atomic-file';
import { contentTypeForKey } from './content-type';
import { assertObjectKey, assertObjectPrefix, joinKey, RESERVED_SEGMENT_PREFIX } from './object-key';
import type { ByteRange, ListedObject, ObjectBody, ObjectInfo, ObjectStore, PublishManifest, PublishOptions, SweepResult } from './object-store';
import {
  assertSweepAge,
  isSweepable,
  manifestBytes,
  planPublish,
  PUBLISH_MANIFEST_NAME,
  publishIdTime,
  sha256PassThrough,
  storeTreeFiles,
} from './publish-manifest';

/**
 * The local-directory backend: key `a/b.glb` is the file `<root>/a/b.glb`. Every write goes to a `.tmp-<id>`
 * file or folder beside its target and is renamed into place, so readers never see a partial object. Content
 * types come from the key's extension. Meant for one machine, or several sharing one POSIX file system (NFS).
 * A key cannot be both an object and a folder here (`a` and `a/b`); S3 allows it — keep keys file-like.
 */

/** Whether a file-system error means "no such object". */
function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

/** The strong-enough entity tag of a file: inode, size and modification time (a rename-in write changes all). */
function fileEtag(info: Stats): string {
  return `"${info.ino.toString(16)}-${info.size.toString(16)}-${Math.round(info.mtimeMs).toString(16)}"`;
}

function infoOf(key: string, info: Stats): ObjectInfo {
  return { key, size: info.size, etag: fileEtag(info), lastModified: info.mtime, contentType: contentTypeForKey(key) };
}

/** Stores objects as files under `root`. */
export class LocalObjectStore implements ObjectStore {
  readonly kind = 'local' as const;
  /** Absolute root folder; created on the first write. */
  readonly root: string;

  /** @param root the storage folder (`STORAGE_DIR`); made absolute */
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string): string {
    return key === '' ? this.root : path.join(this.root, ...key.split('/'));
  }

  async putFile(key: string, localPath: string): Promise<void> {
    await this.putStream(assertObjectKey(key), createReadStream(localPath));
  }

  async putStream(key: string, body: Readable): Promise<void> {
    await writeFileAtomically(body, this.pathOf(assertObjectKey(key)));
  }

  async getStream(key: string, options: { range?: ByteRange } = {}): Promise<ObjectBody | null> {
    const file = this.pathOf(assertObjectKey(key));
    const handle = await open(file, 'r').catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!handle) return null;
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      const { range } = options;
      if (range && (range.start < 0 || range.start >= info.size || (range.end !== undefined && range.end < range.start))) {
        throw new InputError(`storage: range ${range.start}-${range.end ?? ''} outside ${key} (${info.size} bytes)`, { context: { key, range } });
      }
      const served = range ? { start: range.start, end: Math.min(range.end ?? info.size - 1, info.size - 1) } : undefined;
      const body = handle.createReadStream(served ? { start: served.start, end: served.end } : {});
      return { ...infoOf(key, info), body, ...(served ? { range: served } : {}) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const info = await stat(this.pathOf(assertObjectKey(key))).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    return info?.isFile() ? infoOf(key, info) : null;
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async *list(prefix: string): AsyncIterable<ListedObject> {
    const folder = assertObjectPrefix(prefix, true);
    yield* this.walk(this.pathOf(folder), folder);
  }

  private async *walk(dir: string, keyPrefix: string): AsyncGenerator<ListedObject> {
    const entries = await opendir(dir).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!entries) return;
    for await (const entry of entries) {
      if (entry.name.startsWith(RESERVED_SEGMENT_PREFIX)) continue; // in-flight writes
      const key = joinKey(keyPrefix, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(path.join(dir, entry.name), key);
      } else if (entry.isFile()) {
        const info = await stat(path.join(dir, entry.name)).catch((error: unknown) => {
          if (isMissing(error)) return null; // deleted during the walk
          throw error;
        });
        if (info) yield { key, size: info.size, etag: fileEtag(info), lastModified: info.mtime };
      }
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    const folder = this.pathOf(assertObjectPrefix(prefix));
    // Renamed away first, so the folder disappears at once for readers, then removed.
    const doomed = temporarySibling(folder);
    try {
      await rename(folder, doomed);
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    await rm(doomed, { recursive: true, force: true });
  }

  async getToFile(key: string, localPath: string): Promise<ObjectInfo> {
    return downloadToFile(this, key, localPath);
  }

  async publishTree(localDir: string, prefix: string, options: PublishOptions = {}): Promise<PublishManifest> {
    const plan = await planPublish(localDir, prefix);
    const { folder, publishId, versionPrefix } = plan;
    const staging = path.join(this.pathOf(folder), `${RESERVED_SEGMENT_PREFIX}${publishId}`);
    await mkdir(staging, { recursive: true });
    try {
      const manifest = await storeTreeFiles(plan, options, async (file) => {
        const target = path.join(staging, ...file.relPath.split('/'));
        await mkdir(path.dirname(target), { recursive: true });
        const hash = sha256PassThrough();
        await pipeline(createReadStream(file.absPath), hash.stream, (await open(target, 'wx')).createWriteStream());
        return hash.hex();
      });
      await rename(staging, this.pathOf(versionPrefix));
      await writeFileAtomically(Readable.from([manifestBytes(manifest)]), this.pathOf(joinKey(versionPrefix, PUBLISH_MANIFEST_NAME)));
      return manifest;
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  async sweepUnpublished(prefix: string, olderThanMs: number): Promise<SweepResult> {
    assertSweepAge(olderThanMs);
    const base = assertObjectPrefix(prefix);
    const folder = this.pathOf(base);
    const removed: string[] = [];
    const entries = await opendir(folder).catch((error: unknown) => {
      if (isMissing(error)) return null;
      throw error;
    });
    if (!entries) return { removed };
    const now = Date.now();
    for await (const entry of entries) {
      const staged = entry.name.startsWith(RESERVED_SEGMENT_PREFIX);
      const id = staged ? entry.name.slice(RESERVED_SEGMENT_PREFIX.length) : entry.name;
      if ((!staged && !entry.isDirectory()) || publishIdTime(id) === null) continue;
      const hasManifest = !staged && (await this.exists(joinKey(base, `${id}/${PUBLISH_MANIFEST_NAME}`)));
      if (!isSweepable(id, hasManifest, olderThanMs, now)) continue;
      await rm(path.join(folder, entry.name), { recursive: true, force: true });
      removed.push(id);
    }
    return { removed };
  }

  describe(): string {
    return `local directory ${this.root}`;
  }
}
