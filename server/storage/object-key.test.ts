import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { assertObjectKey, assertObjectPrefix, joinKey, MAX_KEY_BYTES } from './object-key';

describe('object keys', () => {
  it('accepts relative POSIX paths, including non-ASCII names, up to 1024 bytes of UTF-8', () => {
    for (const key of ['a', 'sources/3f1c/model.ifc', 'tilesets/m1/20261207T041022123Z-1f2e3d4c5b6a/tiles/0.glb', '南昌/模型.ifc', 'a..b/.hidden', 'k'.repeat(MAX_KEY_BYTES)]) {
      expect(assertObjectKey(key)).toBe(key);
    }
  });

  it.each([
    ['', 'must not be empty'],
    ['/etc/passwd', 'must be relative'],
    ['a/../b', 'must not contain "." or ".." segments'],
    ['..', 'must not contain "." or ".." segments'],
    ['./a', 'must not contain "." or ".." segments'],
    ['a\\..\\b', 'must not contain a backslash'],
    ['a\u0000b', 'must not contain NUL'],
    ['a//b', 'must not have empty segments'],
    ['a/', 'must not have empty segments'],
    ['x/.tmp-123/y', 'reserved'],
    ['k'.repeat(MAX_KEY_BYTES + 1), 'at most 1024 bytes'],
    ['模'.repeat(342), 'at most 1024 bytes'], // 342 × 3 bytes = 1026
  ])('refuses %j: %s', (key, fragment) => {
    expect(() => assertObjectKey(key)).toThrow(InputError);
    expect(() => assertObjectKey(key)).toThrow(fragment);
  });

  it('names the key in the message and context', () => {
    try {
      assertObjectKey('a/../../secret');
      expect.unreachable();
    } catch (error) {
      expect((error as InputError).message).toContain('"a/../../secret"');
      expect((error as InputError).context).toEqual({ key: 'a/../../secret' });
    }
  });

  it('treats prefixes as folders: a trailing "/" is dropped; the root only when allowed', () => {
    expect(assertObjectPrefix('tilesets/m1/')).toBe('tilesets/m1');
    expect(assertObjectPrefix('', true)).toBe('');
    expect(() => assertObjectPrefix('/')).toThrow(InputError);
    expect(() => assertObjectPrefix('')).toThrow(InputError);
    expect(() => assertObjectPrefix('a//')).toThrow(InputError);
    expect(joinKey('', 'a')).toBe('a');
    expect(joinKey('a', '')).toBe('a');
    expect(joinKey('a', 'b/c')).toBe('a/b/c');
  });
});
