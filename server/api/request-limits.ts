import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { clientAddress } from './client-address';

/**
 * Limits on anonymous traffic and request bodies, shared by the route handlers (tRPC, tiles, GeoJSON, auth).
 * Counters live in process memory (rate-limiter-flexible `RateLimiterMemory`): GanTwin runs as one Node.js
 * process, and a restart only forgives clients. Signed-in requests are not counted here.
 */

/** Bytes a request body may have: tRPC calls and sign-in forms are small JSON. */
export const MAX_BODY_BYTES = { trpc: 256 * 1024, auth: 16 * 1024 } as const;

/**
 * Anonymous requests per client address: 600 per 60 s (a tileset view loads a few hundred files). Each procedure
 * call of a tRPC batch counts as one request.
 */
export const ANONYMOUS_RATE_LIMIT = { points: 600, durationS: 60 } as const;

const anonymousLimiter = new RateLimiterMemory({ points: ANONYMOUS_RATE_LIMIT.points, duration: ANONYMOUS_RATE_LIMIT.durationS });

/** A plain-text error response with no-store caching. */
export function textResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** Whole seconds (at least 1) for a `Retry-After` header (RFC 9110 §10.2.3), from a wait in milliseconds. */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}

/** A 429 answer telling when to retry. */
export function tooManyRequests(msBeforeNext: number): Response {
  const seconds = retryAfterSeconds(msBeforeNext);
  return textResponse(429, `Too many requests; retry in ${seconds} s`, { 'retry-after': String(seconds) });
}

/**
 * Counts anonymous work of the caller's address; resolves to a 429 response when the budget is spent, else null.
 * Requests without an address share the key `unknown`.
 * @param calls points to count: 1 per request, or the number of procedure calls in a tRPC batch
 */
export async function throttleAnonymous(req: Request, calls = 1): Promise<Response | null> {
  try {
    await anonymousLimiter.consume(clientAddress(req.headers) ?? 'unknown', calls);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return tooManyRequests(rejection.msBeforeNext);
    throw rejection;
  }
}

/** {@link throttleAnonymous} as a yes/no: true while the caller's address still has budget for `calls`. */
export async function allowAnonymous(req: Request, calls = 1): Promise<boolean> {
  return (await throttleAnonymous(req, calls)) === null;
}

/**
 * Reads a request body of at most `maxBytes`; a longer body (declared or streamed) gives a 413 response.
 * @returns the body bytes, or the 413 response
 */
export async function readLimitedBody(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | Response> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return textResponse(413, `Request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`);
  if (!req.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return textResponse(413, `Request body exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Whether the request declares a JSON body: its media type (before any `;` parameter, case-insensitive,
 * RFC 9110 §8.3.1) is exactly `application/json`. Suffix types (`application/vnd.api+json`) do not count.
 */
export function hasJsonBody(req: Request): boolean {
  return (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

/**
 * A copy of `req` whose body is `body` (after {@link readLimitedBody} consumed the original stream).
 * @param headers the copy's headers (default: those of `req`)
 */
export function withBody(req: Request, body: Uint8Array<ArrayBuffer>, headers: Headers = req.headers): Request {
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(req.url, { method: req.method, headers, body: hasBody ? body : undefined, signal: req.signal });
}
