import { chooseRepresentation, CODING_SUFFIXES, CONTENT_CODINGS, VARY_ACCEPT_ENCODING, type ContentCoding } from './content-coding';
import { contentTypeForKey } from './content-type';
import { objectResponse, type ObjectResponseOptions } from './object-response';
import type { ObjectStore } from './object-store';

/**
 * {@link objectResponse} with content negotiation over the precompressed siblings published beside an object
 * (`<key>.br`, `<key>.gz`; ./content-coding.ts): the preferred stored coding the request accepts is sent with
 * `Content-Encoding` and the original key's content type (by its extension); its validators are the sibling object's own (the store's
 * ETag of those bytes, distinct from the original's). `Vary` always names `Accept-Encoding`, plus what
 * `options.headers.Vary` adds (e.g. `Cookie`). Siblings are looked up in preference order and only as far as needed:
 * one `exists` for a browser (br stored), none for a client that accepts no coding.
 * @param key the original object's key (e.g. `…/tileset.json`); access checks are the caller's, as for objectResponse
 * @throws {InputError} for a bad key; the store's own errors
 * @see RFC 9110 §12.5.3, §8.4
 */
export async function negotiatedObjectResponse(store: ObjectStore, key: string, request: Request, options: ObjectResponseOptions = {}): Promise<Response> {
  const header = request.headers.get('accept-encoding');
  let candidates: ContentCoding[] = [...CONTENT_CODINGS];
  let chosen = chooseRepresentation(header, candidates);
  while (chosen !== 'identity' && !(await store.exists(`${key}${CODING_SUFFIXES[chosen]}`))) {
    const missing = chosen;
    candidates = candidates.filter((coding) => coding !== missing);
    chosen = chooseRepresentation(header, candidates);
  }
  const { Vary: extraVary, vary: extraVaryLower, ...otherHeaders } = options.headers ?? {};
  const vary = [VARY_ACCEPT_ENCODING, extraVary ?? extraVaryLower].filter(Boolean).join(', ');
  if (chosen === 'identity') return objectResponse(store, key, request, { ...options, headers: { ...otherHeaders, Vary: vary } });
  return objectResponse(store, `${key}${CODING_SUFFIXES[chosen]}`, request, {
    ...options,
    contentType: contentTypeForKey(key),
    headers: { ...otherHeaders, Vary: vary, 'Content-Encoding': chosen },
  });
}
