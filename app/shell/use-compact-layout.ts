'use client';
/**
 * Whether the page is laid out for a phone: the viewport is at most {@link COMPACT_MAX_WIDTH_PX} wide (the same
 * breakpoint as the `@media (max-width: 720px)` rules of app/globals.css and app/models/[id]/inspect.module.css).
 */
import { useSyncExternalStore } from 'react';

/** Widest viewport laid out for a phone, CSS px (a 390 px phone and a 720 px small tablet in portrait are compact). */
export const COMPACT_MAX_WIDTH_PX = 720;

const QUERY = `(max-width: ${COMPACT_MAX_WIDTH_PX}px)`;

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

/**
 * `true` on a phone-sized viewport, following resizes and rotations. The server render (and hydration) assume a
 * desktop (`false`); the CSS hides what a phone does not show by default until then.
 */
export function useIsCompactLayout(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
}
