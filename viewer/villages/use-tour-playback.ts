'use client';
/**
 * The React side of a guided tour: starts ./tour-camera.ts on the twin's scene, keeps the tour's position for the
 * tour bar, ends the tour on Escape (before the twin shell's own Escape, which would close the panel) and when the
 * component unmounts. Honours `prefers-reduced-motion` (cuts instead of flights).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Scene } from '@cesium/engine';
import type { CesiumModule } from '@viewer/cesium/load-cesium';
import { playTourOnCamera, type TourCameraControl } from './tour-camera';
import type { TourPosition, TourStopView } from './tour-player';

/** Where the twin's scene comes from (the shell's scene link). */
export interface TourSceneSource {
  current(): { Cesium: CesiumModule; scene: Scene } | null;
}

/** A tour being played, for the tour bar. */
export interface TourPlaybackState {
  stops: readonly TourStopView[];
  position: TourPosition;
  isPaused: boolean;
}

/** What {@link useTourPlayback} returns. */
export interface TourPlayback {
  /** The running tour, or null. */
  state: TourPlaybackState | null;
  /** Starts `stops` (ends a running tour first); false when the scene is not ready or there is no stop. */
  play: (stops: readonly TourStopView[]) => boolean;
  pause: () => void;
  resume: () => void;
  stop: () => void;
}

/** Plays tours on the scene of `source` (see module doc). */
export function useTourPlayback(source: TourSceneSource): TourPlayback {
  const control = useRef<TourCameraControl | null>(null);
  // The current run; reports of an ended run are ignored.
  const run = useRef<{ isActive: boolean }>({ isActive: false });
  const [state, setState] = useState<TourPlaybackState | null>(null);

  const stop = useCallback(() => {
    run.current.isActive = false;
    control.current?.stop();
    control.current = null;
    setState(null);
  }, []);

  const play = useCallback(
    (stops: readonly TourStopView[]) => {
      stop();
      const live = source.current();
      if (!live || stops.length === 0) return false;
      const jump = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
      const thisRun = { isActive: true };
      run.current = thisRun;
      control.current = playTourOnCamera(
        live.Cesium,
        live.scene,
        stops,
        (position, isPaused) => {
          if (!thisRun.isActive) return;
          if (position.phase === 'done') {
            thisRun.isActive = false;
            control.current = null;
            setState(null);
          } else setState({ stops, position, isPaused });
        },
        { jump },
      );
      return true;
    },
    [source, stop],
  );

  const isRunning = state !== null;
  useEffect(() => {
    if (!isRunning) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Ends the tour only; the shell's Escape (close the selection) sees defaultPrevented and waits.
      event.preventDefault();
      stop();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [isRunning, stop]);

  useEffect(() => () => control.current?.stop(), []);

  return {
    state,
    play,
    pause: useCallback(() => {
      control.current?.pause();
      setState((previous) => (previous ? { ...previous, isPaused: true } : previous));
    }, []),
    resume: useCallback(() => {
      control.current?.resume();
      setState((previous) => (previous ? { ...previous, isPaused: false } : previous));
    }, []),
    stop,
  };
}
