import { describe, expect, it } from 'vitest';
import { isSameSitePath } from './same-site-path';

const ORIGIN = 'https://twin.example.gov.cn';

describe('isSameSitePath', () => {
  it('accepts paths of this site', () => {
    expect(isSameSitePath('/models/0b9e6f1c', ORIGIN)).toBe(true);
    expect(isSameSitePath('/villages/360100000000?lang=en#map', ORIGIN)).toBe(true);
  });

  it('refuses other hosts, schemes and what the URL parser would turn into them', () => {
    for (const url of ['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', 'https://evil.example/', 'javascript:alert(1)', 'models/1', '', '/ /x', '/a\u0000b']) {
      expect(isSameSitePath(url, ORIGIN), JSON.stringify(url)).toBe(false);
    }
  });
});
