/**
 * The client address of a request: the first value of `x-forwarded-for`. Next.js sets that header from the
 * socket when the client did not send one; behind a reverse proxy, the proxy must overwrite it with the peer
 * address (nginx: `proxy_set_header X-Forwarded-For $remote_addr;`), otherwise a client can choose its own
 * (docs/security.md). Returns null when absent.
 */
export function clientAddress(headers: Headers): string | null {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return first ? first : null;
}
