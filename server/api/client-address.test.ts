import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7, 10.0.0.1', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:db8::1', '2001:db8::1'],
  ])('x-forwarded-for %s → %s', (header, address) => expect(clientAddress(new Headers({ 'x-forwarded-for': header }))).toBe(address));

  it('is null without the header', () => expect(clientAddress(new Headers())).toBeNull());
});
