/**
 * Next.js configuration.
 *
 * Notes: CesiumJS is bundled from its package entry (`cesium` → `Source/Cesium.js`), imported only by the
 * client-only globe (`await import('cesium')`), so it is a separate chunk; the first dev compile of `/` takes
 * ≈ 30 s on two cores. Aliasing `cesium` to the prebuilt `Build/Cesium/index.js` was tried: Turbopack rejects
 * it (AMD `define(["./punycode", …])` leftovers of urijs cannot be resolved, and the file is flagged as CommonJS).
 * CesiumJS's workers and assets are served from `public/cesium` (`scripts/copy-cesium-assets.ts`).
 *
 * `compress` stays on (default): Next.js gzips answers that carry no `Content-Encoding` (pages, JS, JSON, and tile
 * files stored without `.br`/`.gz` siblings) and leaves precompressed tile answers alone (it skips a response that
 * already has `Content-Encoding`; checked with `curl -H 'Accept-Encoding: gzip, br'` on `next start`).
 */
import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './server/api/content-security-policy';

/** A model id in a `/tiles/<modelId>/…` URL (any other first segment is not a model's). */
const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

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
  // `npm run typecheck` (tsc --noEmit over the same tsconfig, part of `npm run test:all`) checks the types; Next.js's
  // own pass in `next build` repeated it (16 s of every build on two cores).
  typescript: { ignoreBuildErrors: true },
  // Security headers on every response; the page CSP (with its nonce) is set per request in proxy.ts.
  headers: async () => [{ source: '/:path*', headers: [...SECURITY_HEADERS] }],
  // Tile files that may be sent precompressed go to Pages Router API routes (pages/api/tiles/): an App Router route
  // handler cannot send `Content-Encoding` (server/api/web-response-handler.ts). Lifelines and villages tiles stay in app/.
  rewrites: async () => ({
    beforeFiles: [
      { source: `/tiles/:modelId(${UUID_PATTERN})/:path*`, destination: '/api/tiles/:modelId/:path*' },
      { source: '/tiles/catalogue/:path*', destination: '/api/tiles/catalogue/:path*' },
      { source: '/tiles/review/:path*', destination: '/api/tiles/review/:path*' },
    ],
    afterFiles: [],
    fallback: [],
  }),
};

export default nextConfig;
