'use client';
/**
 * Loads the CesiumJS globe on the client only (`next/dynamic`, `ssr: false`): CesiumJS needs `window` and WebGL,
 * and its 4 MB bundle should not delay the first paint of the panels.
 */
import dynamic from 'next/dynamic';

/** The client-only twin globe (same props as `@viewer/cesium/twin-globe`). */
export const TwinGlobeLoader = dynamic(() => import('@viewer/cesium/twin-globe'), { ssr: false });
