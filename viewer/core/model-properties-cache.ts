/**
 * The browser's copy of each model's `properties.json` (format `gantwin.properties/1`, kernel/properties-file.ts):
 * fetched and decoded once per model, then every property panel, tree label and structure of that model answers from
 * memory. Engine-free; the twin (CesiumJS) and BIM inspection (three.js) share one cache per page.
 *
 * - {@link ModelPropertiesCache.load}: the decoded file; concurrent calls share one request.
 * - {@link ModelPropertiesCache.prefetch}: schedules `load` when the browser is idle (`requestIdleCallback`, else
 *   `setTimeout`), so a shown model's first click usually finds its properties in memory already.
 * - {@link ModelPropertiesCache.peek}: synchronous, the decoded file or `undefined`.
 *
 * At most `maxModels` decoded files are kept (least recently used dropped first). A failed load is remembered for
 * `errorRetryMs` (a click on a model without the file does not refetch at once) and then forgotten.
 *
 * Notes: a decoded file keeps the parsed JSON (≈ 2–3× the file size in memory) plus one Map entry per element; for a
 * 20 000-element model that is a few MB, hence the small bound.
 */
import { decodePropertiesFile, type ModelProperties, PROPERTIES_FILE_PATH } from '@kernel/properties-file';
import { GanTwinError, InputError } from '@kernel/errors';

/** A model's `properties.json` could not be had: HTTP status (404: not converted with it), network or format. */
export class ModelPropertiesError extends GanTwinError {
  /** HTTP status of the answer, or `null` (network failure, bad file). */
  readonly status: number | null;

  constructor(message: string, options: { modelId: string; status: number | null; cause?: unknown }) {
    super(options.status === 404 ? 'NOT_FOUND' : 'INPUT', message, {
      context: { modelId: options.modelId, status: options.status },
      cause: options.cause,
    });
    this.status = options.status;
  }
}

/** The `fetch` subset the cache calls (injected in tests). */
export type PropertiesFetch = (url: string, init?: { signal?: AbortSignal }) => Promise<Pick<Response, 'ok' | 'status' | 'json'>>;

/** Options of {@link createModelPropertiesCache}. */
export interface ModelPropertiesCacheOptions {
  /** Decoded files kept at once (least recently used dropped first). */
  maxModels?: number;
  /** How long a failed load is remembered before the next `load` tries again, ms. */
  errorRetryMs?: number;
  /** Longest wait for an idle period before a prefetch starts anyway, ms. */
  idleTimeoutMs?: number;
  /** URL of a model's file. */
  urlOf?: (modelId: string) => string;
  /** Default: the global `fetch`. */
  fetch?: PropertiesFetch;
  /** Default: `Date.now`. */
  now?: () => number;
  /** Runs `callback` when idle; default `requestIdleCallback` with `idleTimeoutMs`, else `setTimeout(…, 1)`. */
  scheduleIdle?: (callback: () => void, timeoutMs: number) => void;
}

/** Defaults of {@link ModelPropertiesCacheOptions}. */
export const MODEL_PROPERTIES_CACHE_DEFAULTS = {
  maxModels: 8,
  errorRetryMs: 15_000,
  idleTimeoutMs: 2_000,
  urlOf: (modelId: string) => `/tiles/${encodeURIComponent(modelId)}/${PROPERTIES_FILE_PATH}`,
} satisfies Omit<Required<ModelPropertiesCacheOptions>, 'fetch' | 'now' | 'scheduleIdle'>;

/** The cache (see module doc). */
export interface ModelPropertiesCache {
  /**
   * The model's decoded file, fetched once.
   * @throws {ModelPropertiesError} on an HTTP error (status kept, 404 = the model has no such file), a network
   *   failure or a file that does not decode (message names the model and the field)
   */
  load(modelId: string): Promise<ModelProperties>;
  /** Schedules {@link load} for an idle moment (no-op when loaded, loading or failed recently); errors are kept for `load`. */
  prefetch(modelId: string): void;
  /** The decoded file when in memory, else `undefined` (never starts a load). */
  peek(modelId: string): ModelProperties | undefined;
  /** Model ids in memory, least recently used first (for tests and benchmarks). */
  modelIds(): string[];
}

type Entry =
  | { state: 'loading'; promise: Promise<ModelProperties> }
  | { state: 'ready'; value: ModelProperties }
  | { state: 'failed'; error: ModelPropertiesError; atMs: number };

function defaultScheduleIdle(callback: () => void, timeoutMs: number): void {
  const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
  if (typeof idle === 'function') idle(callback, { timeout: timeoutMs });
  else setTimeout(callback, 1);
}

/** A cache with its own memory (the app uses the page's one, {@link modelPropertiesCache}; tests make their own).
 * @throws {InputError} when `maxModels` is not an integer ≥ 1. */
export function createModelPropertiesCache(options: ModelPropertiesCacheOptions = {}): ModelPropertiesCache {
  const maxModels = options.maxModels ?? MODEL_PROPERTIES_CACHE_DEFAULTS.maxModels;
  const errorRetryMs = options.errorRetryMs ?? MODEL_PROPERTIES_CACHE_DEFAULTS.errorRetryMs;
  const idleTimeoutMs = options.idleTimeoutMs ?? MODEL_PROPERTIES_CACHE_DEFAULTS.idleTimeoutMs;
  const urlOf = options.urlOf ?? MODEL_PROPERTIES_CACHE_DEFAULTS.urlOf;
  const now = options.now ?? Date.now;
  const scheduleIdle = options.scheduleIdle ?? defaultScheduleIdle;
  if (!Number.isInteger(maxModels) || maxModels < 1) throw new InputError(`model properties cache: maxModels must be an integer ≥ 1, got ${maxModels}`);
  // Map order = recency: a hit is deleted and set again.
  const entries = new Map<string, Entry>();
  const scheduled = new Set<string>();

  const touch = (modelId: string, entry: Entry) => {
    entries.delete(modelId);
    entries.set(modelId, entry);
    // Drop the least recently used decoded files beyond the bound (loads in flight are never dropped).
    let ready = [...entries.values()].filter((e) => e.state === 'ready').length;
    for (const [id, candidate] of entries) {
      if (ready <= maxModels) break;
      if (candidate.state === 'ready' && id !== modelId) {
        entries.delete(id);
        ready--;
      }
    }
  };

  const fetchAndDecode = async (modelId: string): Promise<ModelProperties> => {
    const url = urlOf(modelId);
    const fetchFn: PropertiesFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let response: Awaited<ReturnType<PropertiesFetch>>;
    try {
      response = await fetchFn(url);
    } catch (cause) {
      throw new ModelPropertiesError(`${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { modelId, status: null, cause });
    }
    if (!response.ok) throw new ModelPropertiesError(`${url}: HTTP ${response.status}`, { modelId, status: response.status });
    try {
      return decodePropertiesFile(await response.json());
    } catch (cause) {
      throw new ModelPropertiesError(`${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { modelId, status: response.status, cause });
    }
  };

  const load = (modelId: string): Promise<ModelProperties> => {
    const entry = entries.get(modelId);
    if (entry?.state === 'ready') {
      touch(modelId, entry);
      return Promise.resolve(entry.value);
    }
    if (entry?.state === 'loading') return entry.promise;
    if (entry?.state === 'failed' && now() - entry.atMs < errorRetryMs) return Promise.reject(entry.error);
    const promise = fetchAndDecode(modelId).then(
      (value) => {
        touch(modelId, { state: 'ready', value });
        return value;
      },
      (error: unknown) => {
        const failure = error instanceof ModelPropertiesError ? error : new ModelPropertiesError(`${modelId}: ${String(error)}`, { modelId, status: null, cause: error });
        entries.set(modelId, { state: 'failed', error: failure, atMs: now() });
        throw failure;
      },
    );
    entries.set(modelId, { state: 'loading', promise });
    return promise;
  };

  return {
    load,
    prefetch(modelId) {
      const entry = entries.get(modelId);
      if (scheduled.has(modelId) || entry?.state === 'ready' || entry?.state === 'loading') return;
      if (entry?.state === 'failed' && now() - entry.atMs < errorRetryMs) return;
      scheduled.add(modelId);
      scheduleIdle(() => {
        scheduled.delete(modelId);
        // The failure is kept in the cache for `load` to report; nothing to do here.
        load(modelId).catch(() => undefined);
      }, idleTimeoutMs);
    },
    peek(modelId) {
      const entry = entries.get(modelId);
      return entry?.state === 'ready' ? entry.value : undefined;
    },
    modelIds: () => [...entries.keys()].filter((id) => entries.get(id)?.state === 'ready'),
  };
}

let pageCache: ModelPropertiesCache | null = null;

/** The page's one cache (created on first use, with the global `fetch`). */
export function modelPropertiesCache(): ModelPropertiesCache {
  pageCache ??= createModelPropertiesCache();
  return pageCache;
}

/** {@link ModelPropertiesCache.load} of the page's cache. */
export function loadModelProperties(modelId: string): Promise<ModelProperties> {
  return modelPropertiesCache().load(modelId);
}

/** {@link ModelPropertiesCache.prefetch} of the page's cache. */
export function prefetchModelProperties(modelId: string): void {
  modelPropertiesCache().prefetch(modelId);
}

/** {@link ModelPropertiesCache.peek} of the page's cache. */
export function peekModelProperties(modelId: string): ModelProperties | undefined {
  return modelPropertiesCache().peek(modelId);
}
