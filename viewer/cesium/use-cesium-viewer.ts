/**
 * The one React hook that creates the twin's CesiumJS engine objects ({@link TwinScene}: widget, imagery,
 * primitives, tilesets, handlers) and destroys them on unmount. Everything else talks to the returned scene.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { CameraState } from '@viewer/core/camera-url';
import type { EventEmitter, TwinEventMap } from '@viewer/core/twin-events';
import type { LayerKindPlugin } from './layer-kind-plugin';
import { loadCesium } from './load-cesium';
import { TwinScene } from './twin-scene';

/** What {@link useCesiumViewer} returns: the scene once created, or why creation failed. */
export interface CesiumViewerState {
  /** The scene, or `null` while CesiumJS loads (and after unmount). */
  scene: TwinScene | null;
  /** The error that stopped CesiumJS from starting (no WebGL, failed import), or `null`. */
  error: Error | null;
}

/**
 * Loads CesiumJS, creates a {@link TwinScene} in `containerRef.current` and destroys it on unmount.
 * The scene is created once per mount; later changes of `initialCamera` are ignored (use `scene.setCamera`).
 *
 * @param initialCamera - the first camera pose, or `null` for the Jiangxi overview
 * @param events - where the scene emits its {@link TwinEventMap} events
 * @param layerKinds - the layer-kind plugins of the scene (read once, like the camera)
 */
export function useCesiumViewer(
  containerRef: RefObject<HTMLElement | null>,
  initialCamera: CameraState | null,
  events: EventEmitter<TwinEventMap>,
  layerKinds: readonly LayerKindPlugin[],
): CesiumViewerState {
  const [state, setState] = useState<CesiumViewerState>({ scene: null, error: null });
  // Read once: the scene is created a single time per mount.
  const [firstCamera] = useState(initialCamera);
  const [kinds] = useState(layerKinds);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    let isCancelled = false;
    let scene: TwinScene | null = null;
    loadCesium()
      .then((Cesium) => {
        if (isCancelled) return;
        scene = new TwinScene(Cesium, container, events, firstCamera, kinds);
        setState({ scene, error: null });
      })
      .catch((error: unknown) => {
        if (!isCancelled) setState({ scene: null, error: error instanceof Error ? error : new Error(String(error)) });
      });
    return () => {
      isCancelled = true;
      scene?.destroy();
      setState({ scene: null, error: null });
    };
  }, [containerRef, events, firstCamera, kinds]);

  return state;
}
