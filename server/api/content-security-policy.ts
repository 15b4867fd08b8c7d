/**
 * The Content-Security-Policy of every page, and the other security headers of every response.
 *
 * CSP (W3C CSP Level 3), per page request with a fresh nonce (proxy.ts; Next.js puts the nonce on its own
 * scripts when it sees the policy on the request, so pages are rendered dynamically):
 * - `script-src 'nonce-…' 'strict-dynamic'`: only scripts the server rendered, and the chunks they load. No
 *   `'unsafe-inline'`; `'unsafe-eval'` only under `next dev` (React's dev tooling evaluates code).
 * - `'wasm-unsafe-eval'`: WebAssembly compilation without allowing `eval` — the meshopt decoder (3D Tiles
 *   `EXT_meshopt_compression`) in the BIM view and CesiumJS's Draco/Basis decoders compile wasm.
 * - `worker-src 'self' blob:`: CesiumJS workers come from `/cesium/Workers/*.js`; CesiumJS and
 *   3d-tiles-renderer may start a worker from a `blob:` URL it built itself.
 * - `style-src 'self' 'unsafe-inline'`: React `style={…}` props and CesiumJS set inline style attributes, which a
 *   nonce cannot cover; styles cannot run script.
 * - `img-src`/`connect-src` `data: blob:`: CesiumJS decodes textures and glTF buffers from data/blob URLs.
 * - Nothing is loaded from another origin (the twin is offline by design) unless an admin registered a service:
 *   then the twin page `/` alone lists its origins (scheme://host:port, no wildcards) in `img-src` and `connect-src`
 *   (`extraOrigins`, from server/twin/catalogue/csp-origins.ts via proxy.ts). No plugins, no framing.
 * @see https://www.w3.org/TR/CSP3/ ; node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md
 */

/** A fresh nonce for one response: 16 random bytes, base64 (CSP3 §2.3.1 asks for ≥ 128 bits). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The page policy for one nonce.
 * @param nonce base64 nonce of this response
 * @param options.dev true under `next dev` (adds `'unsafe-eval'` for React's dev tooling)
 * @param options.extraOrigins third-party origins the page may load images and data from (`https://host[:port]`);
 *   anything else (a wildcard, a path, a `;`) is dropped
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; extraOrigins?: readonly string[] }): string {
  const extra = (options.extraOrigins ?? []).filter((origin) => /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/.test(origin));
  const more = extra.length > 0 ? ` ${extra.join(' ')}` : '';
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${options.dev ? " 'unsafe-eval'" : ''}`,
    'worker-src': "'self' blob:",
    'style-src': "'self' 'unsafe-inline'",
    'img-src': `'self' data: blob:${more}`,
    'font-src': "'self' data:",
    'connect-src': `'self' data: blob:${more}`,
    'object-src': "'none'",
    'base-uri': "'self'",
    'form-action': "'self'",
    'frame-ancestors': "'none'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/**
 * Headers for every response (next.config.ts `headers()`), besides the page CSP:
 * no MIME sniffing, no framing (also for non-page routes), a strict referrer, no access to devices the twin does
 * not use, an isolated browsing context group, and HSTS (browsers ignore it over plain HTTP, RFC 6797 §8.1, so
 * it is safe to send always and takes effect behind HTTPS).
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' },
];
