import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { regionCovers, scopePrefix } from './region-scope';

describe('region scope (GB/T 2260 codes)', () => {
  it.each([
    ['360000', '36'],
    ['360100', '3601'],
    ['360102', '360102'],
  ])('scope prefix of %s is %s', (code, prefix) => expect(scopePrefix(code)).toBe(prefix));

  it.each([
    ['360000', '360402', true],
    ['360000', null, true],
    ['360100', '360102', true],
    ['360100', '360100', true],
    ['360100', '360402', false],
    ['360100', null, false],
    ['360102', '360102', true],
    ['360102', '360103', false],
    ['360102', '360100', false],
  ] as const)('account %s covers record %s: %s', (account, record, covers) => expect(regionCovers(account, record)).toBe(covers));

  it('rejects a code that is not 6 digits, naming it', () => {
    expect(() => scopePrefix('3601')).toThrow(InputError);
    expect(() => scopePrefix("36' or 1=1")).toThrow(/not a 6-digit/);
  });
});
