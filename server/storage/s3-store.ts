import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { InputError, InvariantError } from '@kernel/errors';
import { downloadToFile } from './atomic-file';
import { contentTypeForKey, DEFAULT_CONTENT_TYPE } from './content-type';
import { assertObjectKey, assertObjectPrefix, joinKey } from './object-key';
import type { ByteRange, ListedObject, ObjectBody, ObjectInfo, ObjectStore, PublishManifest, PublishOptions, PutOptions, SweepResult } from './object-store';
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
 * The S3-compatible backend (AWS S3, MinIO, Ceph RGW, …) on the AWS SDK v3.
 *
 * Notes:
 * - Checksums: SDK ≥ 3.729 sends CRC32 checksum headers/trailers on every upload and validates response
 *   checksums by default; several S3-compatible servers reject or mishandle them. With an explicit endpoint
 *   (i.e. not AWS) the client is built with `requestChecksumCalculation` and `responseChecksumValidation` set to
 *   `WHEN_REQUIRED`, so checksums are sent only where the S3 API demands them (DeleteObjects). Measured with
 *   s3rver 3.7.1 and SDK 3.1178.0: both settings work there; WHEN_REQUIRED is the one that also suits MinIO/Ceph.
 * - Uploads stream through `@aws-sdk/lib-storage` in {@link PART_SIZE} parts, {@link QUEUE_SIZE} in flight:
 *   at most 32 MiB buffered per upload, whatever the file size; a failed upload aborts its multipart upload.
 *   A killed process leaves an incomplete multipart upload behind: give the bucket a lifecycle rule
 *   "AbortIncompleteMultipartUpload after 1 day".
 * - No rename in S3, so `publishTree` makes a version visible by writing its manifest last (./publish-manifest.ts).
 */

/** Multipart part size, bytes (8 MiB; S3's minimum is 5 MiB). */
export const PART_SIZE = 8 * 1024 * 1024;
/** Parts uploaded at once per upload. */
export const QUEUE_SIZE = 4;
/** Largest page S3 returns from a listing, and the most keys one DeleteObjects takes. */
const MAX_PAGE = 1000;

/** Where and how to reach the bucket (the `S3_*` variables of server/env.ts). */
export interface S3StoreConfig {
  /** Endpoint URL of an S3-compatible server, e.g. `http://127.0.0.1:9000`; `undefined`: AWS S3 itself. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Static credentials; `undefined`: the SDK's default chain (environment, instance role, …). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** `http://host/bucket/key` instead of `http://bucket.host/key` (MinIO, self-hosted). */
  forcePathStyle: boolean;
}

/** Whether an SDK error means "no such object". */
function isNotFound(error: unknown): boolean {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Parses `Content-Range: bytes 1-3/5` into the served range and the whole size. */
function parseContentRange(value: string | undefined): { start: number; end: number; size: number } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value ?? '');
  return m ? { start: Number(m[1]), end: Number(m[2]), size: Number(m[3]) } : null;
}

/** Stores objects in one S3 bucket. */
export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly config: S3StoreConfig;

  constructor(config: S3StoreConfig) {
    this.config = config;
    this.client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
      ...(config.accessKeyId && config.secretAccessKey
        ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
        : {}),
    });
  }

  async putFile(key: string, localPath: string, options: PutOptions = {}): Promise<void> {
    assertObjectKey(key);
    await this.putStream(key, createReadStream(localPath), options);
  }

  async putStream(key: string, body: Readable, options: PutOptions = {}): Promise<void> {
    assertObjectKey(key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.config.bucket, Key: key, Body: body, ContentType: options.contentType ?? contentTypeForKey(key) },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
    });
    await upload.done();
  }

  async getStream(key: string, options: { range?: ByteRange } = {}): Promise<ObjectBody | null> {
    assertObjectKey(key);
    const { range } = options;
    if (range && (range.start < 0 || (range.end !== undefined && range.end < range.start))) {
      throw new InputError(`storage: range ${range.start}-${range.end ?? ''} is not a byte range of ${key}`, { context: { key, range } });
    }
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end ?? ''}` } : {}) }),
      );
      if (!(out.Body instanceof Readable)) throw new InvariantError(`storage: ${key}: the S3 client returned no Node stream`);
      const served = range ? parseContentRange(out.ContentRange) : null;
      return {
        key,
        size: served ? served.size : (out.ContentLength ?? 0),
        etag: out.ETag ?? '""',
        lastModified: out.LastModified ?? new Date(0),
        contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE,
        body: out.Body,
        ...(served ? { range: { start: served.start, end: served.end } } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      if ((error as { name?: unknown }).name === 'InvalidRange') {
        throw new InputError(`storage: range ${range?.start}-${range?.end ?? ''} outside ${key}`, { context: { key, range }, cause: error });
      }
      throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    assertObjectKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: out.ETag ?? '""',
        lastModified: out.LastModified ?? new Date(0),
        contentType: out.ContentType ?? DEFAULT_CONTENT_TYPE,
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  /** Pages of a listing under `prefix` (a folder, `''` = all). */
  private async *pages(prefix: string, pageSize: number): AsyncGenerator<ListObjectsV2CommandOutput> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.config.bucket,
          Prefix: prefix === '' ? undefined : `${prefix}/`,
          MaxKeys: pageSize,
          ContinuationToken: token,
        }),
      );
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async *list(prefix: string, options: { pageSize?: number } = {}): AsyncIterable<ListedObject> {
    const folder = assertObjectPrefix(prefix, true);
    const pageSize = options.pageSize ?? MAX_PAGE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InputError(`storage: pageSize must be an integer 1-${MAX_PAGE}, got ${pageSize}`);
    }
    for await (const page of this.pages(folder, pageSize)) {
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        yield { key: item.Key, size: item.Size ?? 0, etag: item.ETag ?? '""', lastModified: item.LastModified ?? new Date(0) };
      }
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    const folder = assertObjectPrefix(prefix);
    let batch: string[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const out = await this.client.send(
        new DeleteObjectsCommand({ Bucket: this.config.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      batch = [];
      const failed = out.Errors ?? [];
      if (failed.length > 0) {
        throw new InvariantError(`storage: deleting ${folder}/: ${failed.length} objects failed, first ${failed[0].Key}: ${failed[0].Code} ${failed[0].Message}`, {
          context: { prefix: folder, errors: failed.slice(0, 10) },
        });
      }
    };
    for await (const item of this.list(folder)) {
      batch.push(item.key);
      if (batch.length === MAX_PAGE) await flush();
    }
    await flush();
  }

  async getToFile(key: string, localPath: string): Promise<ObjectInfo> {
    return downloadToFile(this, key, localPath);
  }

  async publishTree(localDir: string, prefix: string, options: PublishOptions = {}): Promise<PublishManifest> {
    const plan = await planPublish(localDir, prefix);
    const { versionPrefix } = plan;
    try {
      const manifest = await storeTreeFiles(plan, options, async (file) => {
        const hash = sha256PassThrough();
        const source = createReadStream(file.absPath);
        source.on('error', (error) => hash.stream.destroy(error));
        await this.putStream(joinKey(versionPrefix, file.relPath), source.pipe(hash.stream));
        return hash.hex();
      });
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: joinKey(versionPrefix, PUBLISH_MANIFEST_NAME),
          Body: manifestBytes(manifest),
          ContentType: 'application/json',
        }),
      );
      return manifest;
    } catch (error) {
      // Best effort: what remains after a failed clean-up is an unpublished version that sweepUnpublished removes.
      await this.deletePrefix(versionPrefix).catch(() => undefined);
      throw error;
    }
  }

  async sweepUnpublished(prefix: string, olderThanMs: number): Promise<SweepResult> {
    assertSweepAge(olderThanMs);
    const folder = assertObjectPrefix(prefix);
    // A flat listing grouped by version, not Delimiter/CommonPrefixes: s3rver (and some other S3-compatible
    // servers) omit a common prefix whose objects all lie one folder deeper, e.g. a version holding only tiles/.
    const versions = new Map<string, boolean>(); // publish id → has its manifest
    for await (const item of this.list(folder)) {
      const [id, ...rest] = item.key.slice(folder.length + 1).split('/');
      if (rest.length === 0 || publishIdTime(id) === null) continue;
      versions.set(id, (versions.get(id) ?? false) || rest.join('/') === PUBLISH_MANIFEST_NAME);
    }
    const now = Date.now();
    const removed: string[] = [];
    for (const [id, hasManifest] of versions) {
      if (!isSweepable(id, hasManifest, olderThanMs, now)) continue;
      await this.deletePrefix(joinKey(folder, id));
      removed.push(id);
    }
    return { removed };
  }

  describe(): string {
    let where = 'AWS';
    if (this.config.endpoint) {
      const url = new URL(this.config.endpoint);
      url.username = '';
      url.password = '';
      where = url.origin;
    }
    return `S3 bucket ${this.config.bucket} at ${where} (region ${this.config.region}, ${this.config.forcePathStyle ? 'path-style' : 'virtual-hosted'})`;
  }

  /** Closes the client's sockets (tests, shutdown). */
  destroy(): void {
    this.client.destroy();
  }
}
