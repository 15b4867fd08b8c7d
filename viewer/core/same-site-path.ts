/**
 * Whether a URL (e.g. a search result's `open-url`) is a path on this site: one leading `/`, no scheme, no `//host`,
 * no backslash, and no whitespace or control character anywhere — the WHATWG URL parser drops tabs and newlines, so
 * `/\t/evil.example` would become the scheme-relative `//evil.example`.
 * @param url the candidate, as received
 * @param origin this page's origin (`window.location.origin`); the path must resolve onto it
 * @see https://url.spec.whatwg.org/#concept-basic-url-parser (tab and newline removal)
 */
export function isSameSitePath(url: string, origin: string): boolean {
  if (!/^\/(?![/\\])[^\s\u0000-\u001f\u007f\\]*$/.test(url)) return false;
  return new URL(url, origin).origin === origin;
}
