import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

const withForwardedFor = (value: string) => new Headers({ 'x-forwarded-for': value });

describe('clientAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['2001:DB8::1', '2001:db8::1'],
  ])('trusting no proxy: the one address Next.js wrote from the socket, x-forwarded-for %j → %s', (header, address) =>
    expect(clientAddress(withForwardedFor(header), 0)).toBe(address),
  );

  it('trusting no proxy: a list (a client wrote the header itself) gives no address', () => {
    expect(clientAddress(withForwardedFor('198.51.100.66, 203.0.113.7'), 0)).toBeNull();
  });

  it('trusting n proxies: the n-th value from the right (what the outermost trusted proxy saw)', () => {
    const chain = withForwardedFor('198.51.100.66, 203.0.113.7, 10.0.0.2');
    expect(clientAddress(chain, 1)).toBe('10.0.0.2');
    expect(clientAddress(chain, 2)).toBe('203.0.113.7');
    expect(clientAddress(chain, 3)).toBe('198.51.100.66');
    expect(clientAddress(chain, 4)).toBeNull();
  });

  it.each([
    ['markup', '<img src=x onerror=alert(1)>'],
    ['SQL', "203.0.113.7'; DROP TABLE accounts_audit_log; --"],
    ['a port', '203.0.113.7:8080'],
    ['an octet over 255', '999.1.1.1'],
    ['an IPv6 zone', 'fe80::1%eth0'],
    ['a word', 'unknown'],
    ['10 000 characters', 'x'.repeat(10_000)],
  ])('stores only a valid IP: a value with %s gives no address', (_label, header) => {
    expect(clientAddress(withForwardedFor(header), 0)).toBeNull();
    expect(clientAddress(withForwardedFor(`203.0.113.7, ${header}`), 1)).toBeNull();
  });

  it('is null without the header', () => expect(clientAddress(new Headers(), 0)).toBeNull());
});
