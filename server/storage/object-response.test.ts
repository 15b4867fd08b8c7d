import { describe, expect, it } from 'vitest';
import { decideRange } from './object-response';

/** HTTP behaviour against real backends is in ./object-store.contract.test.ts; this is the Range grammar alone. */
describe('decideRange (RFC 9110 §14.1.2, one range of a 100-byte object)', () => {
  it.each([
    [null, { kind: 'all' }],
    ['bytes=0-9', { kind: 'range', start: 0, end: 9 }],
    ['bytes=90-', { kind: 'range', start: 90, end: 99 }],
    ['bytes=90-500', { kind: 'range', start: 90, end: 99 }],
    ['bytes=-10', { kind: 'range', start: 90, end: 99 }],
    ['bytes=-500', { kind: 'range', start: 0, end: 99 }],
    ['bytes=99-99', { kind: 'range', start: 99, end: 99 }],
    ['BYTES=1-2', { kind: 'range', start: 1, end: 2 }],
    ['bytes=0-1,5-6', { kind: 'all' }],
    ['lines=1-2', { kind: 'all' }],
    ['bytes=100-', { kind: 'invalid' }],
    ['bytes=5-4', { kind: 'invalid' }],
    ['bytes=-0', { kind: 'invalid' }],
    ['bytes=-', { kind: 'invalid' }],
    ['bytes=a-b', { kind: 'invalid' }],
    ['bytes=1.5-2', { kind: 'invalid' }],
    ['0-9', { kind: 'invalid' }],
  ])('%j → %j', (header, expected) => {
    expect(decideRange(header, 100)).toEqual(expected);
  });

  it('has no satisfiable range in an empty object', () => {
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'invalid' });
    expect(decideRange('bytes=-5', 0)).toEqual({ kind: 'invalid' });
    expect(decideRange(null, 0)).toEqual({ kind: 'all' });
  });
});
