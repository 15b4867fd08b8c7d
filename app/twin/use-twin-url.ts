'use client';
/**
 * Keeps the twin's camera (`cam`) and selection (`sel`) in the URL: writes them with
 * `history.replaceState` (debounced after camera moves, at once on selection), leaving other parameters alone.
 */
import { useCallback, useEffect, useRef } from 'react';
import { formatShareableUrl, writeTwinUrlState, type CameraState, type TwinUrlState } from '@viewer/core/camera-url';

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
  /** Records the selected GlobalId (written at once). */
  setSelectedGlobalId: (globalId: string | null) => void;
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

  const setSelectedGlobalId = useCallback((selectedGlobalId: string | null) => {
    current.current = { ...current.current, selectedGlobalId };
    writeLocation(current.current);
  }, []);

  return { setCamera, setSelectedGlobalId };
}
