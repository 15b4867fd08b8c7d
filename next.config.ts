/**
 * Next.js configuration.
 *
 * Notes: `cesium` resolves (package exports) to `Source/Cesium.js`, which re-exports ~2,000 modules of
 * @cesium/engine and @cesium/widgets; bundling those made the first dev compile of `/` take minutes on two
 * cores. The alias points Turbopack at CesiumJS's own prebuilt ESM bundle (`Build/Cesium/index.js`, one
 * 4.4 MB file) instead; its workers and assets come from `public/cesium` (`scripts/copy-cesium-assets.ts`).
 * Types still come from `cesium`'s `Source/Cesium.d.ts` through TypeScript's own resolution.
 */
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: {
    resolveAlias: {
      cesium: './node_modules/cesium/Build/Cesium/index.js',
    },
  },
  // Server-side packages with native/wasm parts stay external to the server bundle.
  serverExternalPackages: ['pg', 'web-ifc'],
};

export default nextConfig;
