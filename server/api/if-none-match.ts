/**
 * Whether an `If-None-Match` header matches an entity tag, for the routes that answer `304 Not Modified`
 * (stored objects, tile files, GeoJSON layers).
 *
 * Notes: RFC 9110 §13.1.2: `If-None-Match` uses the weak comparison (`W/"x"` matches `"x"`), and `*` matches any
 * current representation. A header of list items is split on commas; an entity tag cannot contain one.
 * @param header the request's `If-None-Match`, or `null` when absent (never matches)
 * @param etag the current representation's tag, with its quotes (`"…"` or `W/"…"`)
 * @see RFC 9110 §13.1.2 and §8.8.3.2 (weak comparison)
 */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
