'use client';
/**
 * Whether the page is laid out for a phone: the viewport is at most {@link COMPACT_MAX_WIDTH_PX} wide (the same
 * breakpoint as the `@media (max-width: 900px)` rules of app/globals.css and app/models/[id]/inspect.module.css).
 */
import { useSyncExternalStore } from 'react';

/**
 * Widest viewport laid out for a phone, CSS px: phones and tablets in portrait (768–834 px iPads) are compact; at
 * 820 px two 264–300 px columns left the globe a strip and hid the picked model. Tablets in landscape (≥ 1024 px)
 * get the desktop layout with narrower columns.
 */
export const COMPACT_MAX_WIDTH_PX = 900;

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
