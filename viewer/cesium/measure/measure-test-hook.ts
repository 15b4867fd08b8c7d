/**
 * A small surface for browser tests of the measuring tools (`window.__gantwinMeasure`): where a geodetic position is
 * on screen (so a test can click known places) and the current measurement. Installed while the tools are mounted
 * on a scene.
 */
import type { Scene } from '@cesium/engine';
import type { CesiumModule } from '../load-cesium';
import type { MeasureSnapshot } from './measure-controller';

/** What `window.__gantwinMeasure` offers to tests. */
export interface MeasureTestHook {
  /**
   * Where lon/lat (degrees, WGS84) at `heightEllipsoidalM` (default 0) is drawn: canvas CSS px (`x`, `y`) and page
   * CSS px (`pageX`, `pageY`); `null` when it is behind the Earth or off the canvas.
   */
  screenOf(lonDeg: number, latDeg: number, heightEllipsoidalM?: number): { x: number; y: number; pageX: number; pageY: number } | null;
  /** The current measuring state. */
  snapshot(): MeasureSnapshot;
}

declare global {
  interface Window {
    /** Test surface of the measuring tools (see {@link MeasureTestHook}). */
    __gantwinMeasure?: MeasureTestHook;
  }
}

/** Installs `window.__gantwinMeasure` for `scene`. @returns a function removing it (if it is still this one) */
export function installMeasureTestHook(Cesium: CesiumModule, scene: Scene, snapshot: () => MeasureSnapshot): () => void {
  const hook: MeasureTestHook = {
    screenOf(lonDeg, latDeg, heightEllipsoidalM = 0) {
      if (scene.isDestroyed()) return null;
      const position = Cesium.Cartesian3.fromDegrees(lonDeg, latDeg, heightEllipsoidalM);
      const onScreen = Cesium.SceneTransforms.worldToWindowCoordinates(scene, position);
      if (!onScreen) return null;
      const rect = scene.canvas.getBoundingClientRect();
      if (onScreen.x < 0 || onScreen.y < 0 || onScreen.x > rect.width || onScreen.y > rect.height) return null;
      return { x: onScreen.x, y: onScreen.y, pageX: rect.left + onScreen.x, pageY: rect.top + onScreen.y };
    },
    snapshot,
  };
  window.__gantwinMeasure = hook;
  return () => {
    if (window.__gantwinMeasure === hook) delete window.__gantwinMeasure;
  };
}
