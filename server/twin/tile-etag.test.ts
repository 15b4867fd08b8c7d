import { describe, expect, it } from 'vitest';
import { entityTagOf, TileEtagCache } from './tile-etag';

describe('entityTagOf', () => {
  it('tags the bytes with 128 bits of SHA-256, base64url, strong or weak', () => {
    // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 …
    expect(entityTagOf(Buffer.from('abc'), false)).toBe(`"${Buffer.from('ba7816bf8f01cfea414140de5dae2223', 'hex').toString('base64url')}"`);
    expect(entityTagOf(Buffer.from('abc'), true)).toBe(`W/${entityTagOf(Buffer.from('abc'), false)}`);
    expect(entityTagOf(Buffer.from('abd'), false)).not.toBe(entityTagOf(Buffer.from('abc'), false));
  });
});

describe('TileEtagCache', () => {
  const version = (name: string, mtimeMs = 1) => ({ absolutePath: `/t/${name}`, sizeBytes: 10, mtimeMs });

  it('keys by path, size, mtime and strength, and drops the least recently used entry beyond its bound', () => {
    const cache = new TileEtagCache(2);
    cache.set(version('a'), false, '"a"');
    cache.set(version('b'), false, '"b"');
    expect(cache.get(version('a'), false)).toBe('"a"'); // a is now the most recent
    expect(cache.get(version('a'), true)).toBeUndefined();
    expect(cache.get(version('a', 2), false)).toBeUndefined();
    expect(cache.get({ ...version('a'), sizeBytes: 11 }, false)).toBeUndefined();
    cache.set(version('c'), false, '"c"');
    expect([cache.size, cache.get(version('b'), false), cache.get(version('a'), false), cache.get(version('c'), false)]).toEqual([2, undefined, '"a"', '"c"']);
  });
});
