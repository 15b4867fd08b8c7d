import { describe, expect, it } from 'vitest';
import { safeNextPath, signInHref } from './safe-next-path';

describe('safeNextPath', () => {
  it.each([
    ['/admin/accounts', '/admin/accounts'],
    ['/admin/audit?action=create&offset=50', '/admin/audit?action=create&offset=50'],
    ['/models/abc#sel', '/models/abc#sel'],
    ['/a/../admin/accounts', '/admin/accounts'],
    ['/?cam=115.9,27.3,900000', '/?cam=115.9,27.3,900000'],
  ])('accepts the same-site path %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    [undefined],
    [null],
    [''],
    ['https://evil.example/'],
    ['http:/evil.example'],
    ['//evil.example/path'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/%2F/evil.example'.replace('%2F', '/')],
    ['javascript:alert(1)'],
    ['admin/accounts'],
    ['/admin\n/accounts'],
    ['/admin\t//evil.example'],
    ['/sign-in'],
    ['/sign-in?next=/x'],
    ['/' + 'a'.repeat(3000)],
  ])('falls back to / for %j', (raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it('takes the first of repeated parameters and honours the fallback', () => {
    expect(safeNextPath(['/admin/audit', '//evil.example'])).toBe('/admin/audit');
    expect(safeNextPath('//evil.example', '/account/password')).toBe('/account/password');
  });

  it('never returns something a browser would read as another host', () => {
    for (const raw of ['/..//evil.example', '/./\\evil.example', '/%2e%2e//evil.example', '/.//evil.example']) {
      const result = safeNextPath(raw);
      expect(result.startsWith('/')).toBe(true);
      expect(result.startsWith('//')).toBe(false);
      expect(new URL(result, 'https://gantwin.example').host).toBe('gantwin.example');
    }
  });
});

describe('signInHref', () => {
  it('encodes the return path', () => {
    expect(signInHref('/admin/accounts?q=a&b')).toBe('/sign-in?next=%2Fadmin%2Faccounts%3Fq%3Da%26b');
  });
});
