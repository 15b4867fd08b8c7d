/**
 * A small, stable surface for browser tests (`window.__gantwin`): readiness, picking by canvas position, the
 * last selection and the camera. Installed by the twin globe while it is mounted.
 */
import type { CameraState } from '@viewer/core/camera-url';
import { spiralSearch } from '@viewer/core/screen-spiral';
import type { ElementSelection } from '@viewer/core/selection';
import type { TwinScene } from './twin-scene';

/** What `window.__gantwin` offers to tests. */
export interface GanTwinTestHook {
  /** Whether the globe and every visible tileset finished loading for the current view. */
  isReady(): boolean;
  /** Picks the element at canvas CSS pixel (x, y) from the canvas's top-left corner. */
  pickAt(x: number, y: number): ElementSelection | null;
  /**
   * Searches the canvas for a pickable element, spiralling out from the centre in `stepPx` steps (CSS px).
   * Returns its canvas position (CSS px) and page position, or `null`.
   */
  findElementOnScreen(stepPx?: number): { x: number; y: number; pageX: number; pageY: number; element: ElementSelection } | null;
  /** The last element selected by a click (`null` after clicking empty space or before any click). */
  lastSelection: ElementSelection | null;
  /** The current camera pose. */
  camera(): CameraState;
  /** Loaded tileset layer ids and how many elements each has indexed. */
  tilesetStatus(): { loadedIds: string[]; indexedElementCounts: Record<string, number> };
}

declare global {
  interface Window {
    /** Test surface of the city twin (see {@link GanTwinTestHook}). */
    __gantwin?: GanTwinTestHook;
  }
}

/** Spiral search for a pickable element (see {@link GanTwinTestHook.findElementOnScreen}). */
function findElementOnScreen(scene: TwinScene, stepPx: number): ReturnType<GanTwinTestHook['findElementOnScreen']> {
  const rect = scene.widget.canvas.getBoundingClientRect();
  const found = spiralSearch(rect.width, rect.height, stepPx, (xPx, yPx) => scene.pickAt(xPx, yPx));
  if (!found) return null;
  return { x: found.xPx, y: found.yPx, pageX: rect.left + found.xPx, pageY: rect.top + found.yPx, element: found.hit };
}

/**
 * Installs `window.__gantwin` for `scene`.
 *
 * @returns a function that removes it again (only if it is still this scene's hook)
 */
export function installTestHook(scene: TwinScene): { hook: GanTwinTestHook; uninstall: () => void } {
  const hook: GanTwinTestHook = {
    isReady: () => scene.ready,
    pickAt: (x, y) => scene.pickAt(x, y),
    findElementOnScreen: (stepPx = 24) => findElementOnScreen(scene, stepPx),
    lastSelection: null,
    camera: () => scene.getCamera(),
    tilesetStatus: () => scene.tilesetStatus(),
  };
  window.__gantwin = hook;
  return {
    hook,
    uninstall: () => {
      if (window.__gantwin === hook) delete window.__gantwin;
    },
  };
}
