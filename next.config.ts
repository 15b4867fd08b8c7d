/**
 * Next.js configuration.
 *
 * Notes: CesiumJS is bundled from its package entry (`cesium` → `Source/Cesium.js`), imported only by the
 * client-only globe (`await import('cesium')`), so it is a separate chunk; the first dev compile of `/` takes
 * ≈ 30 s on two cores. Aliasing `cesium` to the prebuilt `Build/Cesium/index.js` was tried: Turbopack rejects
 * it (AMD `define(["./punycode", …])` leftovers of urijs cannot be resolved, and the file is flagged as CommonJS).
 * CesiumJS's workers and assets are served from `public/cesium` (`scripts/copy-cesium-assets.ts`).
 */
import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './server/api/content-security-policy';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Browser tests reach the dev server as 127.0.0.1; without this Next.js blocks its dev resources (HMR) there.
  allowedDevOrigins: ['127.0.0.1'],
  // Server-side packages with native/wasm parts stay external to the server bundle.
  serverExternalPackages: ['pg', 'web-ifc', '@node-rs/argon2'],
  // proxy.ts runs before the API routes (it sets the trusted client address), and Next.js buffers request bodies
  // for it: 256 KiB (= MAX_BODY_BYTES.trpc, the largest body any route accepts) instead of 10 MB per request. A
  // longer body is cut there; the route still sees its Content-Length and answers 413 (request-limits.ts).
  experimental: { proxyClientMaxBodySize: 256 * 1024 },
  // Security headers on every response; the page CSP (with its nonce) is set per request in proxy.ts.
  headers: async () => [{ source: '/:path*', headers: [...SECURITY_HEADERS] }],
};

export default nextConfig;
