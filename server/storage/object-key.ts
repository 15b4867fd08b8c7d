import { InputError } from '@kernel/errors';
import { describeInput } from '@kernel/zod-fields';

/**
 * Object keys: relative POSIX paths shared by every {@link ObjectStore} backend (server/storage/object-store.ts).
 *
 * Notes: one rule set for both backends, so a key that works on a developer's local directory works on S3 and
 * never escapes the local root: segments separated by `/`, none empty, `.` or `..`; no leading `/`, no backslash,
 * no NUL; at most {@link MAX_KEY_BYTES} bytes of UTF-8 (S3's own limit). Segments starting with
 * {@link RESERVED_SEGMENT_PREFIX} are reserved for in-flight writes (the local backend's temporary files and
 * publish folders), so no caller can name, list or overwrite one.
 */

/** Longest key in UTF-8 bytes (S3's limit). */
export const MAX_KEY_BYTES = 1024;

/** Segments starting with this are temporary files/folders of in-flight writes; keys may not use it. */
export const RESERVED_SEGMENT_PREFIX = '.tmp-';

/** Why `key` is not a valid object key, or `null` when it is. */
function keyProblem(key: unknown): string | null {
  if (typeof key !== 'string') return 'must be a string';
  if (key === '') return 'must not be empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `must be at most ${MAX_KEY_BYTES} bytes of UTF-8`;
  if (key.includes('\u0000')) return 'must not contain NUL';
  if (key.includes('\\')) return 'must not contain a backslash';
  if (key.startsWith('/')) return 'must be relative (no leading "/")';
  for (const segment of key.split('/')) {
    if (segment === '') return 'must not have empty segments ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return 'must not contain "." or ".." segments';
    if (segment.startsWith(RESERVED_SEGMENT_PREFIX)) return `must not have a segment starting with "${RESERVED_SEGMENT_PREFIX}" (reserved)`;
  }
  return null;
}

/**
 * Checks an object key (see the module notes for the rules).
 * @param key e.g. `sources/3f1c…/model.ifc`
 * @returns the key, unchanged
 * @throws {InputError} naming the key and the rule it breaks
 * @example assertObjectKey('tilesets/m1/tileset.json')
 */
export function assertObjectKey(key: string): string {
  const problem = keyProblem(key);
  if (problem) throw new InputError(`storage: object key ${describeInput(key)} ${problem}`, { context: { key } });
  return key;
}

/**
 * Checks a prefix: a key naming a "folder" (`tilesets/m1`); a trailing `/` is dropped. `''` (the whole store) is
 * accepted only when `allowRoot` is set.
 * @returns the prefix without trailing `/`
 * @throws {InputError} naming the prefix and the rule it breaks
 */
export function assertObjectPrefix(prefix: string, allowRoot = false): string {
  const trimmed = typeof prefix === 'string' && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (allowRoot && trimmed === '') return '';
  const problem = keyProblem(trimmed);
  if (problem) throw new InputError(`storage: prefix ${describeInput(prefix)} ${problem}`, { context: { prefix } });
  return trimmed;
}

/** `prefix` + `/` + `rest` (either may be `''`). */
export function joinKey(prefix: string, rest: string): string {
  if (prefix === '') return rest;
  if (rest === '') return prefix;
  return `${prefix}/${rest}`;
}
