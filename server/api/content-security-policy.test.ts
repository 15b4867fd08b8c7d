import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce } from './content-security-policy';

describe('page Content-Security-Policy', () => {
  it('allows only nonce scripts, wasm and same-origin/blob workers in production; no inline or eval scripts', () => {
    const policy = contentSecurityPolicy('abc123==', { dev: false });
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['script-src']).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(policy).not.toMatch(/https?:\/\//);
  });

  it('lists registered origins in img-src and connect-src only, and drops anything that is not a plain origin', () => {
    const policy = contentSecurityPolicy('n', {
      dev: false,
      extraOrigins: ['https://t0.tianditu.gov.cn', 'http://127.0.0.1:8081', 'https://*.evil.example', "https://a.example; script-src 'unsafe-inline'", 'https://b.example/path'],
    });
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://t0.tianditu.gov.cn', 'http://127.0.0.1:8081']);
    expect(directives['connect-src']).toEqual(["'self'", 'data:', 'blob:', 'https://t0.tianditu.gov.cn', 'http://127.0.0.1:8081']);
    expect(directives['script-src']).not.toContain('https://t0.tianditu.gov.cn');
    expect(policy).not.toContain('evil');
    expect(policy).not.toContain('a.example');
    expect(policy).not.toContain('b.example');
  });

  it("adds 'unsafe-eval' only for next dev", () => {
    expect(contentSecurityPolicy('n', { dev: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = createNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });
});
