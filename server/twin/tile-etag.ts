import { createHash } from 'node:crypto';

/**
 * Entity tags of tile files, memoised per process so that a file is hashed once, not per request.
 *
 * Notes: the tag is the first 128 bits of the SHA-256 of the bytes sent, base64url (22 characters), so the br, gzip
 * and identity representations of one file get distinct tags (RFC 9110 §8.8.3: a strong validator names one
 * representation's bytes). Sibling files `.br`/`.gz` are sent as stored, under `Content-Encoding`, and nothing
 * transforms them: their tags are strong. The identity representation is tagged weak (`W/"…"`): Next.js's
 * `compress` (and any proxy) may gzip it on the way out when the client accepts gzip (older outputs without
 * siblings), and a strong tag must not label bytes it did not hash. `If-None-Match` compares weakly, so 304s work
 * for both. The memo is keyed by absolute path + size + mtime (a reconversion in place changes the mtime) and
 * bounded to {@link TILE_ETAG_CACHE_ENTRIES} entries, least recently used dropped first (≈ 200 B each).
 */

/** Entries the memo keeps (≈ 4 MB at most). */
export const TILE_ETAG_CACHE_ENTRIES = 20_000;

/** What identifies one version of a file on disk. */
export interface FileVersion {
  absolutePath: string;
  sizeBytes: number;
  /** Modification time, ms since the epoch (`stat().mtimeMs`). */
  mtimeMs: number;
}

/**
 * The entity tag of `bytes`: `"<22 base64url chars>"`, or `W/"…"` when `weak`.
 * @see RFC 9110 §8.8.3
 */
export function entityTagOf(bytes: Uint8Array, weak: boolean): string {
  const opaque = createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url');
  return weak ? `W/"${opaque}"` : `"${opaque}"`;
}

/** A bounded least-recently-used memo of entity tags by file version. */
export class TileEtagCache {
  private readonly tags = new Map<string, string>();

  /** @param maxEntries entries kept, ≥ 1 */
  constructor(private readonly maxEntries: number = TILE_ETAG_CACHE_ENTRIES) {}

  private static keyOf(file: FileVersion, weak: boolean): string {
    return `${file.absolutePath}\0${file.sizeBytes}\0${file.mtimeMs}\0${weak ? 'W' : 'S'}`;
  }

  /** The memoised tag of this file version, or `undefined` (the entry becomes the most recently used). */
  get(file: FileVersion, weak: boolean): string | undefined {
    const key = TileEtagCache.keyOf(file, weak);
    const tag = this.tags.get(key);
    if (tag !== undefined) {
      this.tags.delete(key);
      this.tags.set(key, tag);
    }
    return tag;
  }

  /** Remembers the tag of a file version, dropping the least recently used entry when full. */
  set(file: FileVersion, weak: boolean, tag: string): void {
    const key = TileEtagCache.keyOf(file, weak);
    this.tags.delete(key);
    this.tags.set(key, tag);
    if (this.tags.size > this.maxEntries) this.tags.delete(this.tags.keys().next().value as string);
  }

  /** Entries held. */
  get size(): number {
    return this.tags.size;
  }
}
