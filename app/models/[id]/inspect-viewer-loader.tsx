'use client';
/**
 * Loads the three.js inspection canvas on the client only (`next/dynamic`, `ssr: false`): it needs `window`
 * and WebGL.
 */
import dynamic from 'next/dynamic';

/** The client-only inspection canvas (same props as `@viewer/three/inspect-viewer`). */
export const InspectViewerLoader = dynamic(
  () => import('@viewer/three/inspect-viewer').then((module) => module.InspectViewer),
  { ssr: false },
);
