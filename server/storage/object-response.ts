import { Readable } from 'node:stream';
import { InputError } from '@kernel/errors';
import { ifNoneMatchHits } from '@server/api/if-none-match';
import { contentTypeForKey, DEFAULT_CONTENT_TYPE } from './content-type';
import type { ByteRange, ObjectInfo, ObjectStore } from './object-store';

/**
 * HTTP responses for stored objects, for route handlers (`GET /tiles/…`, source downloads): streamed, with
 * validators and single byte ranges. Independent of the file-system tile routes (server/twin/tile-response.ts),
 * which read whole files from `TILES_DIR`; once tilesets live in the object store those routes can answer with
 * {@link objectResponse} and keep only their access checks and cache policy.
 *
 * Notes: RFC 9110 §13–14. A `Range` with a unit other than `bytes` and multi-range requests are ignored (200 with
 * the whole object: allowed by §14.2, and 3D Tiles clients never send them); a malformed or unsatisfiable byte
 * range answers 416 with `Content-Range: bytes *\/<size>`. `If-None-Match` (weak comparison) wins over
 * `If-Modified-Since`; `If-Range` must equal the ETag for the range to apply.
 */

/** Options of {@link objectResponse}. */
export interface ObjectResponseOptions {
  /** `Cache-Control` of the answer (200, 206, 304); none when unset. */
  cacheControl?: string;
  /** Further headers for 200/206/304 answers (e.g. `Access-Control-Allow-Origin`, `Vary`, `Content-Encoding`). */
  headers?: Record<string, string>;
  /**
   * `Content-Type` of the answer; default by the key's extension, else the stored type. Set it when `key` is a
   * precompressed sibling (`tileset.json.br`): the type is the original file's.
   */
  contentType?: string;
}

/** A parsed `Range` header: a range to serve, "serve it all", or "unsatisfiable/malformed". */
type RangeDecision = { kind: 'all' } | { kind: 'range'; start: number; end: number } | { kind: 'invalid' };

/**
 * Interprets a `Range` header against an object of `size` bytes.
 * @returns the inclusive byte range to serve, `all` (no header, other unit, several ranges), or `invalid`
 */
export function decideRange(header: string | null, size: number): RangeDecision {
  if (header === null) return { kind: 'all' };
  const unit = /^\s*([A-Za-z]+)=(.*)$/.exec(header);
  if (!unit) return { kind: 'invalid' };
  if (unit[1].toLowerCase() !== 'bytes') return { kind: 'all' };
  if (unit[2].includes(',')) return { kind: 'all' };
  const spec = /^\s*(\d*)-(\d*)\s*$/.exec(unit[2]);
  if (!spec || (spec[1] === '' && spec[2] === '')) return { kind: 'invalid' };
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return { kind: 'invalid' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || (spec[2] !== '' && Number(spec[2]) < start)) return { kind: 'invalid' };
  return { kind: 'range', start, end };
}

/** Whether the client's copy is current: `If-None-Match`, else `If-Modified-Since` (second precision). */
function notModified(request: Request, info: ObjectInfo): boolean {
  const noneMatch = request.headers.get('if-none-match');
  if (noneMatch !== null) return ifNoneMatchHits(noneMatch, info.etag);
  const since = Date.parse(request.headers.get('if-modified-since') ?? '');
  return Number.isFinite(since) && Math.floor(info.lastModified.getTime() / 1000) * 1000 <= since;
}

/** The validators and caching headers every 200/206/304 answer carries. */
function commonHeaders(info: ObjectInfo, options: ObjectResponseOptions): Record<string, string> {
  return {
    ETag: info.etag,
    'Last-Modified': info.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    ...(options.cacheControl ? { 'Cache-Control': options.cacheControl } : {}),
    ...options.headers,
  };
}

function textResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

/**
 * The answer to `GET`/`HEAD` of the object under `key`: 200 with the whole object, 206 with one byte range, 304
 * when the client's validators match, 404 when there is no object, 416 for a bad range. The body streams from the
 * store; nothing is buffered whole. Content-Type comes from the key's extension (./content-type.ts), else from
 * the stored type. Access checks are the caller's: call this only for a key the caller may read.
 * @param store where the object lives
 * @param key a valid key (./object-key.ts), e.g. `tilesets/m1/20261207T041022123Z-1f2e3d4c5b6a/tileset.json`
 * @param request the incoming request (method and conditional/range headers are read)
 * @throws {InputError} for a bad key; the store's own errors (the route's error handling answers 500)
 */
export async function objectResponse(store: ObjectStore, key: string, request: Request, options: ObjectResponseOptions = {}): Promise<Response> {
  const info = await store.head(key);
  if (!info) return textResponse(404, 'Not found');
  if (notModified(request, info)) return new Response(null, { status: 304, headers: commonHeaders(info, options) });

  const ifRange = request.headers.get('if-range');
  const rangeApplies = ifRange === null || ifRange.trim() === info.etag;
  const decision = rangeApplies ? decideRange(request.headers.get('range'), info.size) : ({ kind: 'all' } as const);
  if (decision.kind === 'invalid') return textResponse(416, 'Range not satisfiable', { 'Content-Range': `bytes */${info.size}` });

  const range: ByteRange | undefined = decision.kind === 'range' ? { start: decision.start, end: decision.end } : undefined;
  const head = request.method === 'HEAD';
  const object = head ? null : await store.getStream(key, range ? { range } : {}).catch((error: unknown) => {
    if (error instanceof InputError && range) return 'range-gone' as const; // replaced by a shorter object since head()
    throw error;
  });
  if (object === 'range-gone') return textResponse(416, 'Range not satisfiable');
  if (!head && !object) return textResponse(404, 'Not found');

  const current = object ?? info;
  const byExtension = contentTypeForKey(key);
  const headers: Record<string, string> = {
    ...commonHeaders(current, options),
    'Content-Type': options.contentType ?? (byExtension === DEFAULT_CONTENT_TYPE ? current.contentType : byExtension),
  };
  const served = object?.range ?? (range ? { start: range.start, end: range.end ?? info.size - 1 } : undefined);
  headers['Content-Length'] = String(served ? served.end - served.start + 1 : current.size);
  if (served) headers['Content-Range'] = `bytes ${served.start}-${served.end}/${current.size}`;
  const body = object ? (Readable.toWeb(object.body) as unknown as ReadableStream<Uint8Array>) : null;
  return new Response(body, { status: served ? 206 : 200, headers });
}
