'use client';
/** Loads the parcels map client-only (`next/dynamic`, `ssr: false`): CesiumJS needs `window` and WebGL. */
import dynamic from 'next/dynamic';

/** The client-only parcel map (same props as `@viewer/review/parcel-map`). */
export const ParcelMapLoader = dynamic(() => import('@viewer/review/parcel-map'), { ssr: false });
