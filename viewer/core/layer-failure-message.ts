/**
 * The one-line English message a layer-kind plugin reports when a layer cannot load (`reportLoad(id, message)`):
 * it names the kind, the layer id, the URL and the reason, e.g.
 * `imagery layer basemap-tdt (/tdt/vec_w/{TileMatrix}/{TileRow}/{TileCol}): Request has failed. Status Code: 404`.
 */
import type { SceneLayer } from './scene-layer';

/** Longest nesting of `error`/`cause` reasons followed (guards against cyclic causes). */
const MAX_REASON_DEPTH = 3;

function reasonOf(cause: unknown, depth: number): string {
  if (typeof cause === 'string') return cause;
  if (cause === null || cause === undefined) return 'unknown error';
  if (typeof cause !== 'object') return String(cause);
  const record = cause as { message?: unknown; error?: unknown; cause?: unknown };
  // CesiumJS rejects with Error subclasses, TileProviderError ({ message, error }) or RequestErrorEvent (toString).
  let text = typeof record.message === 'string' && record.message.length > 0 ? record.message : String(cause);
  if (text === '[object Object]') text = 'unknown error';
  const inner = record.error ?? record.cause;
  if (inner !== undefined && inner !== null && depth < MAX_REASON_DEPTH) {
    const innerText = reasonOf(inner, depth + 1);
    if (innerText !== 'unknown error' && !text.includes(innerText)) text = `${text} (${innerText})`;
  }
  return text;
}

/**
 * Builds the failure message of one layer.
 *
 * @param cause - whatever the load rejected with: an `Error`, a CesiumJS `TileProviderError` or
 *   `RequestErrorEvent`, or a reason of our own (a string)
 * @returns `<kind> layer <id> (<url>): <reason>`; nested `error`/`cause` reasons are appended in parentheses, and a
 *   reason that itself starts with `<kind> <url>: ` (our own input errors, which name what they refuse) loses that
 *   prefix instead of repeating it
 */
export function layerFailureMessage(layer: Pick<SceneLayer, 'kind' | 'id' | 'url'>, cause: unknown): string {
  const reason = reasonOf(cause, 0);
  const ownPrefix = `${layer.kind} ${layer.url}: `;
  return `${layer.kind} layer ${layer.id} (${layer.url}): ${reason.startsWith(ownPrefix) ? reason.slice(ownPrefix.length) : reason}`;
}
