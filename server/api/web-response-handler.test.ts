import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordingLogger } from './recording-logger';
import { segmentsParam, webResponseHandler, type ApiRouteRequest } from './web-response-handler';

const ORIGINAL = Buffer.from(JSON.stringify({ asset: { version: '1.1' }, names: Array.from({ length: 300 }, (_, i) => `name ${i}`) }));
const BR = brotliCompressSync(ORIGINAL);
let seen: { url: string; method: string; acceptEncoding: string | null; segments: string[] } | null = null;

/** A web handler that answers like a tile route: precompressed bytes with their encoding and exact length. */
const handler = webResponseHandler(async (request, { path }) => {
  seen = { url: request.url, method: request.method, acceptEncoding: request.headers.get('accept-encoding'), segments: segmentsParam(path) };
  return new Response(new Uint8Array(BR), {
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'br', 'Content-Length': String(BR.byteLength), Vary: 'Accept-Encoding' },
  });
});
const server = createServer((req, res) => {
  void handler(Object.assign(req, { query: { path: ['tiles', 'a.json'] } }) as ApiRouteRequest, res);
});
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw HTTP exchange (no client-side decoding): status, headers, body bytes. */
function exchange(method: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/api/tiles/x/tiles/a.json?q=1', method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('webResponseHandler (a web handler as a Pages Router API route)', () => {
  it('keeps Content-Encoding and the exact Content-Length, and passes the request through', async () => {
    const answer = await exchange('GET', { 'accept-encoding': 'br' });
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'content-encoding': 'br', 'content-length': String(BR.byteLength), 'content-type': 'application/json', vary: 'Accept-Encoding' });
    expect(answer.headers['transfer-encoding']).toBeUndefined();
    expect(brotliDecompressSync(answer.body).equals(ORIGINAL)).toBe(true);
    expect(seen).toEqual({ url: `http://127.0.0.1:${port}/api/tiles/x/tiles/a.json?q=1`, method: 'GET', acceptEncoding: 'br', segments: ['tiles', 'a.json'] });
  });

  it('answers HEAD with the headers and no body, and other methods with 405', async () => {
    const head = await exchange('HEAD');
    expect([head.status, head.headers['content-length'], head.body.byteLength]).toEqual([200, String(BR.byteLength), 0]);
    const post = await exchange('POST');
    expect([post.status, post.headers.allow, post.body.toString()]).toEqual([405, 'GET, HEAD', 'Method not allowed']);
  });
});

describe('webResponseHandler under attack (issue #13 review)', () => {
  /** Runs one exchange against `handle` on a fresh server; resolves with the answer and how the route's promise ended. */
  async function withServer(
    handle: Parameters<typeof webResponseHandler>[0],
    send: (port: number) => Promise<{ status: number; body: string; headers: IncomingHttpHeaders } | null>,
  ) {
    const logger = createRecordingLogger();
    const route = webResponseHandler(handle, logger);
    const outcomes: Promise<string>[] = [];
    const hostile = createServer((req, res) => {
      outcomes.push(route(Object.assign(req, { query: {} }) as ApiRouteRequest, res).then(() => 'resolved', (error: unknown) => `rejected: ${String(error)}`));
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await send((hostile.address() as AddressInfo).port);
      return { answer, outcome: await outcomes[0], logged: logger.errors };
    } finally {
      hostile.closeAllConnections();
      await new Promise<void>((resolve) => hostile.close(() => resolve()));
    }
  }
  const get = (port: number, path = '/api/tiles/x/a.json') =>
    new Promise<{ status: number; body: string; headers: IncomingHttpHeaders }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  it('answers a handler that throws with a bare 500 (no stack, not cached) and never rejects', async () => {
    const { answer, outcome, logged } = await withServer(async () => {
      throw new Error('secret detail at /srv/gantwin/server/twin/tile-response.ts:42');
    }, (port) => get(port));
    expect([answer?.status, answer?.body, answer?.headers['cache-control']]).toEqual([500, 'Internal server error', 'no-store']);
    expect(outcome).toBe('resolved');
    expect(logged).toEqual(['tiles: secret detail at /srv/gantwin/server/twin/tile-response.ts:42']);
  });

  it('keeps the request URL on its own origin: a path starting with // cannot name another host', async () => {
    let url = '';
    await withServer(async (request) => {
      url = request.url;
      return new Response('ok');
    }, (port) => get(port, '//evil.example/tiles/x'));
    expect(new URL(url).hostname).toBe('127.0.0.1');
    expect(new URL(url).pathname).toBe('//evil.example/tiles/x');
  });

  it('reads a request whose Host is not a valid authority as one for localhost (no 500, nothing logged)', async () => {
    for (const host of ['a:b:c', '[::1', 'x:99999', '[zz]']) {
      let url = '';
      const { answer, logged } = await withServer(
        async (request) => {
          url = request.url;
          return new Response('ok');
        },
        (port) =>
          new Promise((resolve, reject) => {
            const req = httpRequest({ host: '127.0.0.1', port, path: '/api/tiles/x/a.json', method: 'GET', headers: { host } }, (res) => {
              res.resume();
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers }));
            });
            req.on('error', reject);
            req.end();
          }),
      );
      expect([host, answer?.status, logged]).toEqual([host, 200, []]);
      expect(url).toBe('http://localhost/api/tiles/x/a.json');
    }
  });

  it('resolves quietly when the client goes away in the middle of a body', async () => {
    const { outcome, logged } = await withServer(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async pull(controller) {
              controller.enqueue(new Uint8Array(64 * 1024));
              await new Promise((resolve) => setTimeout(resolve, 5));
            },
          }),
        ),
      (port) =>
        new Promise((resolve) => {
          const req = httpRequest({ host: '127.0.0.1', port, path: '/api/tiles/x/big.glb', method: 'GET' }, (res) => {
            res.once('data', () => {
              req.destroy();
              resolve(null);
            });
          });
          req.on('error', () => resolve(null));
          req.end();
        }),
    );
    expect(outcome).toBe('resolved');
    expect(logged, 'an aborted download is not logged').toEqual([]);
  });
});
