import type { Readable } from 'node:stream';

/**
 * The object store contract shared by the local-directory backend (./local-store.ts) and the S3-compatible one
 * (./s3-store.ts); both pass the same test suite (./object-store.contract.test.ts). Keys follow ./object-key.ts;
 * every method rejects a bad key or prefix with `InputError` before touching storage.
 *
 * A "prefix" names a folder: `list('tilesets/m1')` yields keys under `tilesets/m1/`, never `tilesets/m10/…`.
 */

/** The record that makes a published version visible; written last, as `<prefix>/publish-manifest.json`. */
export interface PublishManifest {
  /** Manifest format version. */
  format: 1;
  /** `YYYYMMDDTHHMMSSmmmZ-<12 hex>`: the publish's UTC start and a random part. */
  publishId: string;
  /** The version prefix, `<prefix>/<publishId>`: what the database row stores; a file is `<prefix>/<path>`. */
  prefix: string;
  /** ISO 8601 UTC time the manifest was written. */
  publishedAt: string;
  /** Every file, by relative POSIX path, with its size (bytes) and SHA-256 (hex). Sorted by path. */
  files: { path: string; size: number; sha256: string }[];
  /** Sum of the file sizes, bytes. */
  totalBytes: number;
}

/** Options of `publishTree`. */
export interface PublishOptions {
  /** Called after each file is stored (awaited): for job progress. An error it throws aborts the publish. */
  onProgress?: (progress: { filesDone: number; filesTotal: number; bytesDone: number }) => void | Promise<void>;
  /** Give up (ConflictError) instead of writing the manifest when the publish took longer, ms (default 6 h, `DEFAULT_MAX_PUBLISH_MS`). */
  maxDurationMs?: number;
  /** Files stored at once (default 8, `DEFAULT_PUBLISH_CONCURRENCY`). */
  concurrency?: number;
}

/** What is known about one stored object. */
export interface ObjectInfo {
  key: string;
  /** Whole object size, bytes. */
  size: number;
  /** Entity tag as sent in HTTP, with its quotes (`"…"`); changes when the content changes. */
  etag: string;
  lastModified: Date;
  /** MIME type: S3's stored `Content-Type`; the local backend derives it from the key's extension. */
  contentType: string;
}

/** A byte range, both ends inclusive, in bytes from the object's start (`end` omitted: to the last byte). */
export interface ByteRange {
  start: number;
  end?: number;
}

/** An object's content as a stream, with its metadata. */
export interface ObjectBody extends ObjectInfo {
  /** The bytes: the whole object, or only `range` when one was asked for. Consume or destroy it. */
  body: Readable;
  /** The bytes `body` holds (inclusive, clamped to the object), when a range was asked for. */
  range?: { start: number; end: number };
}

/** One listed object (no content type: listings do not carry it). */
export type ListedObject = Omit<ObjectInfo, 'contentType'>;

/** Options of writes. */
export interface PutOptions {
  /** MIME type stored with the object (S3); default by the key's extension (./content-type.ts). */
  contentType?: string;
}

/** Result of {@link ObjectStore.sweepUnpublished}. */
export interface SweepResult {
  /** Publish ids whose partial uploads were removed. */
  removed: string[];
}

/** An object store: keys → immutable-ish blobs, streamed both ways. */
export interface ObjectStore {
  /** Which backend this is. */
  readonly kind: 'local' | 's3';

  /**
   * Stores a local file under `key` (streamed; replaces an existing object whole — readers see old or new).
   * @throws {InputError} bad key; file-system or network errors as they come
   */
  putFile(key: string, localPath: string, options?: PutOptions): Promise<void>;

  /**
   * Stores a stream under `key`, never holding it whole in memory (S3: multipart in 8 MiB parts, at most 4 in
   * flight). Replaces an existing object whole. The stream is consumed; on failure nothing is stored.
   * @throws {InputError} bad key; the stream's own error
   */
  putStream(key: string, body: Readable, options?: PutOptions): Promise<void>;

  /**
   * Opens an object for reading.
   * @param options.range bytes to read (inclusive); `end` past the last byte is clamped
   * @returns the body and metadata, or `null` when there is no such object
   * @throws {InputError} bad key, or `range.start` at or past the object's end (HTTP 416 territory)
   */
  getStream(key: string, options?: { range?: ByteRange }): Promise<ObjectBody | null>;

  /** Metadata of an object, or `null` when there is none. @throws {InputError} bad key */
  head(key: string): Promise<ObjectInfo | null>;

  /** Whether an object exists under `key`. @throws {InputError} bad key */
  exists(key: string): Promise<boolean>;

  /**
   * Every object under the folder `prefix` (`''`: the whole store), fetched page by page. Order is unspecified
   * (S3: by key; local: directory by directory). Objects written during the walk may or may not appear.
   * @param options.pageSize objects per request (S3 `MaxKeys`, 1–1000, default 1000; ignored locally)
   * @throws {InputError} bad prefix
   */
  list(prefix: string, options?: { pageSize?: number }): AsyncIterable<ListedObject>;

  /** Deletes every object under the folder `prefix` (not `''`). No-op when empty. @throws {InputError} bad prefix */
  deletePrefix(prefix: string): Promise<void>;

  /**
   * Downloads an object to `localPath` (for a worker): streamed into a temporary file beside it, then renamed, so
   * `localPath` is either absent/old or complete. Parent folders are created.
   * @returns the object's metadata
   * @throws {NotFoundError} when there is no such object; {InputError} bad key
   */
  getToFile(key: string, localPath: string): Promise<ObjectInfo>;

  /**
   * Publishes a directory tree atomically under a fresh version prefix `<prefix>/<publishId>/` and returns its
   * manifest, written last (see ./publish-manifest.ts for the guarantee). Store `manifest.prefix` in the database
   * row that readers resolve through; only then is the version visible.
   * @throws {InputError} bad prefix, an unusable file name in the tree, or a publish exceeding `maxDurationMs`
   */
  publishTree(localDir: string, prefix: string, options?: PublishOptions): Promise<PublishManifest>;

  /**
   * Removes versions under `prefix` that never got their manifest (a worker killed or failed mid-publish) and
   * that started more than `olderThanMs` ago. `olderThanMs` must exceed the longest publish (`maxDurationMs`,
   * default 6 h) plus clock skew between machines — 24 h is a good value; `0` removes in-flight publishes too.
   * Published versions (with a manifest) are never touched.
   */
  sweepUnpublished(prefix: string, olderThanMs: number): Promise<SweepResult>;

  /** One line for logs naming the backend and where it stores (never credentials). */
  describe(): string;
}
