/**
 * Loads the CesiumJS module in the browser, after pointing it at its self-hosted static files.
 *
 * @see https://cesium.com/learn/cesiumjs-learn/cesiumjs-quickstart/ (CESIUM_BASE_URL)
 */

/** The CesiumJS module namespace (`import('@cesium/engine')`). */
export type CesiumModule = typeof import('@cesium/engine');

/** Where `scripts/copy-cesium-assets.ts` puts Workers/Assets/Widgets/ThirdParty (served from public/). */
export const CESIUM_BASE_URL = '/cesium';

declare global {
  interface Window {
    /** Read by CesiumJS's `buildModuleUrl` to find its workers and assets. */
    CESIUM_BASE_URL?: string;
  }
}

let cesiumPromise: Promise<CesiumModule> | null = null;

/**
 * Sets `window.CESIUM_BASE_URL` and imports CesiumJS once (later calls share the first import).
 * Browser only.
 *
 * @returns the CesiumJS module
 */
export function loadCesium(baseUrl: string = CESIUM_BASE_URL): Promise<CesiumModule> {
  window.CESIUM_BASE_URL = baseUrl;
  cesiumPromise ??= import('@cesium/engine');
  return cesiumPromise;
}
