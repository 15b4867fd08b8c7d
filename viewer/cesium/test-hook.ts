/**
 * A small, stable surface for browser tests (`window.__gantwin`): readiness, picking by canvas position, the
 * last selection, the camera and the layers' status. Installed by the twin globe while it is mounted.
 */
import type { CameraState } from '@viewer/core/camera-url';
import { spiralSearch } from '@viewer/core/screen-spiral';
import type { LayerKind } from '@kernel/layer-kinds';
import type { FeatureSelection } from '@viewer/core/selection';
import type { TwinScene } from './twin-scene';

/** What `window.__gantwin` offers to tests. */
export interface GanTwinTestHook {
  /** Whether the globe and every shown layer finished loading for the current view. */
  isReady(): boolean;
  /** Picks the feature at canvas CSS pixel (x, y) from the canvas's top-left corner (only layers of `kinds`). */
  pickAt(x: number, y: number, kinds?: LayerKind[]): FeatureSelection | null;
  /**
   * Searches the canvas for a pickable feature of a layer of `kinds` (default: model tilesets), spiralling out
   * from the centre in `stepPx` steps (CSS px). Returns its canvas position (CSS px) and page position, or `null`.
   */
  findFeatureOnScreen(stepPx?: number, kinds?: LayerKind[]): { x: number; y: number; pageX: number; pageY: number; selection: FeatureSelection } | null;
  /** The last feature selected by a click (`null` after clicking empty space or before any click). */
  lastSelection: FeatureSelection | null;
  /** The current camera pose. */
  camera(): CameraState;
  /** Ids of the layers that loaded, and each drawn layer's plugin diagnostics (kind, plate, counts). */
  layerStatus(): { loadedIds: string[]; byLayer: Record<string, Record<string, number | string | boolean>> };
}

declare global {
  interface Window {
    /** Test surface of the city twin (see {@link GanTwinTestHook}). */
    __gantwin?: GanTwinTestHook;
  }
}

/** Spiral search for a pickable feature (see {@link GanTwinTestHook.findFeatureOnScreen}). */
function findFeatureOnScreen(scene: TwinScene, stepPx: number, kinds: LayerKind[]): ReturnType<GanTwinTestHook['findFeatureOnScreen']> {
  const rect = scene.widget.canvas.getBoundingClientRect();
  const found = spiralSearch(rect.width, rect.height, stepPx, (xPx, yPx) => scene.pickAt(xPx, yPx, kinds));
  if (!found) return null;
  return { x: found.xPx, y: found.yPx, pageX: rect.left + found.xPx, pageY: rect.top + found.yPx, selection: found.hit };
}

/**
 * Installs `window.__gantwin` for `scene`.
 *
 * @returns a function that removes it again (only if it is still this scene's hook)
 */
export function installTestHook(scene: TwinScene): { hook: GanTwinTestHook; uninstall: () => void } {
  const hook: GanTwinTestHook = {
    isReady: () => scene.ready,
    pickAt: (x, y, kinds) => scene.pickAt(x, y, kinds),
    findFeatureOnScreen: (stepPx = 24, kinds = ['tileset']) => findFeatureOnScreen(scene, stepPx, kinds),
    lastSelection: null,
    camera: () => scene.getCamera(),
    layerStatus: () => scene.layerStatus(),
  };
  window.__gantwin = hook;
  return {
    hook,
    uninstall: () => {
      if (window.__gantwin === hook) delete window.__gantwin;
    },
  };
}
