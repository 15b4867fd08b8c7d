'use client';
/**
 * Keeps the twin's camera (`cam`) and selection (`sel`) in the URL: writes them with
 * `history.replaceState` (debounced after camera moves, at once on selection), leaving other parameters alone.
 */
import { useCallback, useEffect, useRef } from 'react';
import { formatShareableUrl, writeTwinUrlState, type CameraState, type TwinUrlState } from '@viewer/core/camera-url';
import type { FeatureSelection } from '@viewer/core/selection';

/** Debounce after the last camera `moveEnd` before the URL is rewritten, ms. */
export const CAMERA_URL_DEBOUNCE_MS = 400;

function writeLocation(state: TwinUrlState): void {
  const params = writeTwinUrlState(new URLSearchParams(window.location.search), state);
  window.history.replaceState(window.history.state, '', formatShareableUrl(window.location.pathname, params));
}

/** Writers for the camera and selection parts of the URL. */
export interface TwinUrl {
  /** Records a camera pose (written after {@link CAMERA_URL_DEBOUNCE_MS}). */
  setCamera: (camera: CameraState) => void;
  /** Records the selection (written at once). */
  setSelection: (selection: FeatureSelection | null) => void;
  /** Writes a pending camera at once (before the URL is read, e.g. to switch the language). */
  flush: () => void;
}

/**
 * Writes the twin's URL state (see module doc).
 *
 * @param initial - the state the page was loaded with (parsed by the server component from `searchParams`)
 */
export function useTwinUrl(initial: TwinUrlState): TwinUrl {
  const current = useRef<TwinUrlState>(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const setCamera = useCallback((camera: CameraState) => {
    current.current = { ...current.current, camera };
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      writeLocation(current.current);
    }, CAMERA_URL_DEBOUNCE_MS);
  }, []);

  const setSelection = useCallback((selection: FeatureSelection | null) => {
    current.current = { ...current.current, selection };
    writeLocation(current.current);
  }, []);

  const flush = useCallback(() => {
    if (timer.current === null) return;
    clearTimeout(timer.current);
    timer.current = null;
    writeLocation(current.current);
  }, []);

  return { setCamera, setSelection, flush };
}
