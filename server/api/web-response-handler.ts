import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { Logger } from '@kernel/logger';
import { errorResponse } from './error-response';
import { SERVER_LOGGER } from './server-logger';

/**
 * Runs a web-standard `(Request) → Response` handler as a Node.js `(req, res)` handler (a Pages Router API route),
 * writing every header of the `Response` as it is.
 *
 * Notes: Next.js 16 drops `Content-Encoding`, `Content-Length` and `Transfer-Encoding` from every App Router route
 * handler's `Response` (node_modules/next/dist/server/send-response.js, FORBIDDEN_HEADERS: "the body may have been
 * transparently decoded"), so a route cannot send precompressed bytes there: a `.br` body went out without its
 * `Content-Encoding` (undecodable for the browser), and with `Accept-Encoding: gzip, br` Next.js's `compress`
 * then gzipped the brotli bytes once more. Measured on `next start` (2026-12, Next.js 16.4.6). A Pages Router API
 * route writes to the Node.js response itself, which keeps the headers; `compress` sees `Content-Encoding` and leaves
 * the body alone ("already encoded"), and still gzips identity answers for clients that accept gzip.
 * `/tiles/…` is rewritten to these routes in next.config.ts (`rewrites.beforeFiles`).
 */

/** A Node.js request as a Pages Router API route receives it (`query` holds the route's parameters). */
export interface ApiRouteRequest extends IncomingMessage {
  query: Partial<Record<string, string | string[]>>;
}

/** Methods the wrapped handlers answer; others get 405. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * The web `Request` of a Node.js request: method, absolute URL (host from the `Host` header, `localhost` without
 * a valid one) and headers (multi-valued ones joined with `, `). No body: only GET and HEAD reach the handlers. The URL is
 * always on that host: a request target such as `//evil.example/x` stays a path (it is not resolved as a
 * scheme-relative reference).
 * @throws {TypeError} for a target or header that the WHATWG URL/Headers classes refuse
 */
export function webRequestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const target = req.url ?? '/';
  const path = target.startsWith('/') ? target : `/${target}`;
  const host = /^[A-Za-z0-9.:[\]-]+$/.test(req.headers.host ?? '') ? req.headers.host : 'localhost';
  let url: URL;
  try {
    url = new URL(`http://${host}${path}`);
  } catch {
    url = new URL(`http://localhost${path}`); // a Host that is no valid authority (`a:b:c`, `[::1`): not the client's to break
  }
  return new Request(url, { method: req.method, headers });
}

/**
 * Writes a web `Response` to a Node.js response with all of its headers (also `Content-Encoding`/`Content-Length`),
 * streaming the body; a HEAD answer has none. A client that goes away mid-body ends the stream (the body is
 * cancelled, the socket destroyed) without an error: an aborted download is not a server fault to log.
 */
export async function sendWebResponse(res: ServerResponse, response: Response, method = 'GET'): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (!response.body || method === 'HEAD') {
    await response.body?.cancel();
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>), res);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_STREAM_PREMATURE_CLOSE' && !res.destroyed) throw error;
  }
}

/**
 * A Pages Router API route from a web handler: GET and HEAD only (405 with `Allow` otherwise). Never rejects: an
 * error thrown by `handle` (or by reading the request) answers as the app routes do (server/api/error-response.ts:
 * text, `no-store`, 500 "Internal server error" without a stack, logged), and once headers are out the socket is
 * destroyed instead.
 * @param handle answers one request; `params` are the route's parameters from `req.query` (catch-alls as arrays)
 * @param logger where such errors are reported (default: the server's stderr logger)
 */
export function webResponseHandler(
  handle: (request: Request, params: Partial<Record<string, string | string[]>>) => Promise<Response>,
  logger: Logger = SERVER_LOGGER,
): (req: ApiRouteRequest, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const method = req.method ?? 'GET';
    if (!READ_METHODS.has(method)) {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Method not allowed');
      return;
    }
    let response: Response;
    try {
      response = await handle(webRequestOf(req), req.query);
    } catch (error) {
      response = errorResponse('tiles', error, logger);
    }
    try {
      await sendWebResponse(res, response, method);
    } catch (error) {
      logger.error(`tiles: sending the answer failed: ${error instanceof Error ? error.message : String(error)}`);
      res.destroy();
    }
  };
}

/** A route parameter that must be one string (`''` when absent or repeated). */
export function oneParam(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** A catch-all route parameter as segments (`[]` when absent). */
export function segmentsParam(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
