/**
 * The client address of a request: the first value of `x-forwarded-for`. Next.js sets that header from the
 * socket when the client did not send one; behind a reverse proxy, the proxy must overwrite it with the peer
 * address (nginx: `proxy_set_header X-Forwarded-For $remote_addr;`), otherwise a client can choose its own
 * (docs/security.md). IPv4-mapped IPv6 (`::ffff:127.0.0.1`, RFC 4291 §2.5.5.2) is written as plain IPv4, as
 * better-auth records it. Returns null when absent.
 */
export function clientAddress(headers: Headers): string | null {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (!first) return null;
  return /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(first) ? first.slice(7) : first;
}
