import { describe, expect, it } from 'vitest';
import { ifNoneMatchHits } from '@server/api/if-none-match';
import { chooseRepresentation, MAX_ACCEPT_ENCODING_ITEMS, parseAcceptEncoding, type ContentCoding } from './content-coding';

const BOTH: ContentCoding[] = ['br', 'gzip'];

describe('chooseRepresentation (RFC 9110 §12.5.3)', () => {
  it.each<[string | null, ContentCoding[], string]>([
    // What browsers send.
    ['gzip, deflate, br, zstd', BOTH, 'br'],
    ['gzip, deflate, br', ['gzip'], 'gzip'],
    ['gzip, deflate', BOTH, 'gzip'],
    ['br', ['gzip'], 'identity'],
    ['gzip, deflate, br', [], 'identity'],
    // No header, empty header, identity only.
    [null, BOTH, 'identity'],
    ['', BOTH, 'identity'],
    ['identity', BOTH, 'identity'],
    // Weights.
    ['br;q=0.5, gzip;q=0.8', BOTH, 'gzip'],
    ['br;q=0.8, gzip;q=0.8', BOTH, 'br'],
    ['br;q=0, gzip', BOTH, 'gzip'],
    ['br;q=0, gzip;q=0', BOTH, 'identity'],
    ['gzip;q=0.5, identity', BOTH, 'identity'],
    ['gzip;q=1, identity;q=1', BOTH, 'gzip'],
    ['*', BOTH, 'br'],
    ['*;q=0.1, br;q=0', BOTH, 'gzip'],
    ['*;q=0', BOTH, 'identity'],
    ['identity;q=0', [], 'identity'],
    ['x-gzip', BOTH, 'gzip'],
    ['GZIP, BR;Q=0.9', BOTH, 'gzip'],
    ['br ; q=0.9 , gzip ; q=0.3', BOTH, 'br'],
    // Garbage: malformed items and weights are skipped, never an error.
    ['br;q=2, gzip', BOTH, 'gzip'],
    ['br;q=-1, gzip;q=abc', BOTH, 'identity'],
    ['br;q=0.0001', BOTH, 'identity'],
    ['br;q=, gzip', BOTH, 'gzip'],
    [';;;,,,=,q=1', BOTH, 'identity'],
    ['br\u0000, gzip', BOTH, 'gzip'],
    ['ＢＲ, gzip', BOTH, 'gzip'],
    ['"br", gzip', BOTH, 'gzip'],
    ['br;q=0.9;q=0, gzip;q=0.5', BOTH, 'gzip'],
  ])('%j with %j stored → %s', (header, stored, expected) => {
    expect(chooseRepresentation(header, stored)).toBe(expected);
  });

  it('reads only the first items of a hostile header, quickly', () => {
    const padding = Array.from({ length: MAX_ACCEPT_ENCODING_ITEMS }, (_, i) => `x${i}`).join(',');
    expect(chooseRepresentation(`${padding}, br`, BOTH)).toBe('identity');
    const started = performance.now();
    // Far beyond Node's 16 KiB header limit, still linear: the third item is a plain `br`.
    const huge = `${'a;q=0.5;'.repeat(20_000)}, ${';'.repeat(100_000)}, ${' '.repeat(100_000)}br`;
    expect(chooseRepresentation(huge, BOTH)).toBe('br');
    expect(chooseRepresentation(`br, ${'gzip;q=0.1,'.repeat(50_000)}`, BOTH)).toBe('br');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('parses weights by coding, first mention wins', () => {
    expect([...parseAcceptEncoding('gzip;q=0.5, br, gzip;q=1, identity;q=0')]).toEqual([
      ['gzip', 0.5],
      ['br', 1],
      ['identity', 0],
    ]);
  });
});

describe('ifNoneMatchHits (RFC 9110 §13.1.2, weak comparison)', () => {
  it.each<[string | null, string, boolean]>([
    ['"abc"', '"abc"', true],
    ['W/"abc"', '"abc"', true],
    ['"abc"', 'W/"abc"', true],
    ['"x", "abc"', '"abc"', true],
    ['*', '"abc"', true],
    ['"abd"', '"abc"', false],
    ['abc', '"abc"', false],
    [null, '"abc"', false],
    ['', '"abc"', false],
  ])('%j against %s → %s', (header, etag, expected) => {
    expect(ifNoneMatchHits(header, etag)).toBe(expected);
  });
});
