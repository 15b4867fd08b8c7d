import { isIP } from 'node:net';
import { env } from '@server/env';

/**
 * The client address of a request, for per-address limits and the audit trail.
 *
 * Notes: Next.js gives route handlers no socket address (`NextRequest.ip` is gone since Next.js 15). It writes the
 * socket's peer address into `x-forwarded-for` only when the request has none (next/dist/server/base-server.js:
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client that sends the header itself would pick
 * its own address. With `TRUST_PROXY=0` (the default) proxy.ts deletes any `x-forwarded-for` the client sent
 * before the route runs, and Next.js then writes the socket address into it: the one value seen here is the TCP
 * peer's (checked with `next dev` and `next start` 16.4: a forged header came out as `::ffff:127.0.0.1`). With
 * `TRUST_PROXY=n`, proxy.ts keeps the header, and the n-th value from the right is the address the outermost
 * trusted proxy saw (each proxy appends its peer; the nearest one is the socket and is not listed). Whatever
 * is chosen must parse as an IP (`node:net` `isIP`, no zone, no port), else there is no address: a hostile
 * string never reaches a rate-limit key or an audit row.
 */

/**
 * The request header through which better-auth learns the address resolved here (its own reading of
 * `x-forwarded-for` would differ behind proxies). Set only by auth-http-handler.ts; proxy.ts drops any copy a
 * client sends.
 */
export const CLIENT_ADDRESS_HEADER = 'x-gantwin-client-address';

/**
 * A valid IP address in the form stored: IPv4-mapped IPv6 (`::ffff:127.0.0.1`, RFC 4291 §2.5.5.2) as plain IPv4
 * (as better-auth records it), other IPv6 in lower case. Null for anything else (ports, zones, names, markup).
 */
function parseAddress(value: string): string | null {
  const text = value.trim();
  if (text.includes('%')) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(text);
  if (mapped && isIP(mapped[1]) === 4) return mapped[1];
  const version = isIP(text);
  return version === 4 ? text : version === 6 ? text.toLowerCase() : null;
}

/**
 * The client address of a request, or null when it has none that can be trusted.
 * @param headers the request headers (`x-forwarded-for` as Next.js and proxy.ts leave it)
 * @param trustedProxies reverse proxies in front of the app that append to `x-forwarded-for` (`TRUST_PROXY`,
 *   0–10): 0 = exactly one value, the socket address Next.js wrote; n ≥ 1 = the n-th value from the right
 *   (null when the header has fewer values)
 * @returns an IPv4 or IPv6 address (see {@link parseAddress}), or null
 */
export function clientAddress(headers: Headers, trustedProxies: number = env.TRUST_PROXY): string | null {
  const values = (headers.get('x-forwarded-for') ?? '').split(',');
  if (trustedProxies === 0 && values.length !== 1) return null;
  const chosen = values[values.length - Math.max(1, trustedProxies)];
  return chosen === undefined ? null : parseAddress(chosen);
}

/**
 * A copy of `headers` carrying {@link clientAddress} in {@link CLIENT_ADDRESS_HEADER} (absent when null), with any
 * value the client sent under that name dropped: what better-auth reads its per-address limit key from.
 */
export function withClientAddressHeader(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddress(headers);
  if (address) copy.set(CLIENT_ADDRESS_HEADER, address);
  return copy;
}
