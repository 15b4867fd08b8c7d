import { describe, expect, it } from 'vitest';
import { isSameOrigin, requestOrigin } from './same-origin';

/** Next.js hands route handlers `req.url` on its own host; the Host header is what the browser addressed. */
const post = (headers: Record<string, string>) => new Request('http://localhost:3000/api/trpc/x', { method: 'POST', headers });

describe('same-origin check for state-changing requests', () => {
  it('takes the origin from Host (and x-forwarded-* behind a proxy), not from req.url', () => {
    expect(requestOrigin(post({ host: '127.0.0.1:3300' }))).toBe('http://127.0.0.1:3300');
    expect(requestOrigin(post({ host: '10.0.0.5:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'twin.example.gov.cn' }))).toBe('https://twin.example.gov.cn');
  });

  it('accepts our own Origin and requests without one; refuses another site', () => {
    expect(isSameOrigin(post({ host: '127.0.0.1:3300', origin: 'http://127.0.0.1:3300' }))).toBe(true);
    expect(isSameOrigin(post({ host: '127.0.0.1:3300' }))).toBe(true);
    expect(isSameOrigin(post({ host: '127.0.0.1:3300', origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(post({ host: '127.0.0.1:3300', origin: 'http://127.0.0.1:3301' }))).toBe(false);
  });
});
