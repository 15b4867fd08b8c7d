/**
 * Content negotiation of precompressed files: which of a file's stored codings (`<file>.br`, `<file>.gz` beside it)
 * to send for a request's `Accept-Encoding`. Shared by the file-system tile routes (server/twin/tile-response.ts) and
 * the object-store ones (server/review/tile-response.ts).
 *
 * Notes: RFC 9110 §12.5.3 and §12.4.2. Codings are case-insensitive; `x-gzip` is `gzip` (§8.4.1.3); `*` gives its
 * weight to every coding not named; a coding not named (and no `*`) is not acceptable; `q=0` refuses. A coding is
 * sent only when stored; among acceptable ones the highest weight wins, ties go to `br` (smaller), then `gzip`.
 * `identity` wins only when named with a weight above every stored coding's, or when no stored coding is acceptable
 * — also when the header refuses identity too (`identity;q=0`, `*;q=0`): §12.5.3 lets the server disregard the
 * header instead of answering 406, and no 3D Tiles client can use a 406. Hostile headers: at most
 * {@link MAX_ACCEPT_ENCODING_ITEMS} items are read, an item with a malformed or repeated weight is skipped (never an error), and
 * the parse is linear in the header's length (no backtracking regular expression).
 */

/** The stored codings, in preference order on equal weights. */
export const CONTENT_CODINGS = ['br', 'gzip'] as const;
/** A stored content coding. */
export type ContentCoding = (typeof CONTENT_CODINGS)[number];
/** What is sent: a stored coding or the file itself. */
export type Representation = ContentCoding | 'identity';

/** File-name suffix of each coding's sibling: `tileset.json` → `tileset.json.br`, `tileset.json.gz`. */
export const CODING_SUFFIXES: Readonly<Record<ContentCoding, string>> = { br: '.br', gzip: '.gz' };

/** `Vary` of every negotiated answer (RFC 9110 §12.5.5): caches must key on the request's `Accept-Encoding`. */
export const VARY_ACCEPT_ENCODING = 'Accept-Encoding';

/** Items of an `Accept-Encoding` header read at most (real browsers send 3–5). */
export const MAX_ACCEPT_ENCODING_ITEMS = 32;

const CODING_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const WEIGHT = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Parses an `Accept-Encoding` header into weights by lower-case coding name (`x-gzip` → `gzip`).
 * @param header the header value, or `null` when absent
 * @returns weight 0–1 per named coding (the first mention of a coding counts); empty for an absent or empty header
 */
export function parseAcceptEncoding(header: string | null): Map<string, number> {
  const weights = new Map<string, number>();
  if (!header) return weights;
  const items = header.split(',', MAX_ACCEPT_ENCODING_ITEMS);
  for (const item of items) {
    const [rawName, ...params] = item.split(';');
    const name = rawName.trim().toLowerCase();
    if (!CODING_TOKEN.test(name)) continue;
    let weight: number | null = null;
    let malformed = false;
    for (const param of params) {
      const [key, value = ''] = param.split('=', 2).map((part) => part.trim());
      if (key.toLowerCase() !== 'q') continue;
      if (weight !== null || !WEIGHT.test(value)) malformed = true; // a bad or repeated weight
      else weight = Number(value);
    }
    const coding = name === 'x-gzip' ? 'gzip' : name;
    if (!malformed && !weights.has(coding)) weights.set(coding, weight ?? 1);
  }
  return weights;
}

/**
 * Chooses what to send (see the module notes for the rules).
 * @param header the request's `Accept-Encoding`, or `null`
 * @param stored the codings stored beside the file (e.g. `['br', 'gzip']`, `[]` for an older output)
 * @returns the coding to send, or `identity` for the file itself
 * @see RFC 9110 §12.5.3
 */
export function chooseRepresentation(header: string | null, stored: readonly ContentCoding[]): Representation {
  const weights = parseAcceptEncoding(header);
  const wildcard = weights.get('*');
  let best: ContentCoding | null = null;
  let bestWeight = 0;
  for (const coding of CONTENT_CODINGS) {
    if (!stored.includes(coding)) continue;
    const weight = weights.get(coding) ?? wildcard ?? 0;
    if (weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  const identityWeight = weights.get('identity');
  if (best === null || (identityWeight !== undefined && identityWeight > bestWeight)) return 'identity';
  return best;
}
