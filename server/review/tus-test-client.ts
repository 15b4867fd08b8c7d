import type { Server } from '@tus/server';
import { REVIEW_UPLOAD_PATH } from './upload-handler';

/**
 * Test support: requests to the review upload endpoint as the browser's tus-js-client sends them (tus 1.0, same
 * origin `http://localhost`), straight into the tus server's `handleWeb` — no HTTP server needed.
 */

/** `Upload-Metadata` of `fields`: `key base64(value)` pairs joined by commas. */
export function tusMetadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

/** One tus request. */
export function tusRequest(method: string, url: string, headers: Record<string, string>, body?: Uint8Array): Request {
  return new Request(new URL(url, 'http://localhost'), {
    method,
    headers: { 'tus-resumable': '1.0.0', origin: 'http://localhost', ...headers },
    body: body ? Buffer.from(body) : undefined,
  });
}

/** Creation and PATCH requests against `tus`, signed in with `cookie`. */
export function tusClient(tus: Server) {
  return {
    /** `POST` creating an upload of `length` bytes with `metadata` (a raw header value: see {@link tusMetadata}). */
    create: (cookie: string, length: number | string, metadata: string, extra: Record<string, string> = {}, body?: Uint8Array): Promise<Response> =>
      tus.handleWeb(tusRequest('POST', REVIEW_UPLOAD_PATH, { cookie, 'upload-length': String(length), 'upload-metadata': metadata, ...extra }, body)),
    /** `PATCH` of `bytes` at `offset`. */
    patch: (cookie: string, location: string, offset: number, bytes: Uint8Array, extra: Record<string, string> = {}): Promise<Response> =>
      tus.handleWeb(tusRequest('PATCH', location, { cookie, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...extra }, bytes)),
  };
}
