/**
 * A small, stable surface for browser tests of the BIM inspection page (`window.__gantwinInspect`):
 * readiness, element counts (total / hidden per IFC class), selection, picking by canvas position.
 * Installed by the inspection page while its engine lives.
 */
import { spiralSearch } from '@viewer/core/screen-spiral';
import type { InspectEngine, InspectEngineSnapshot } from './inspect-engine';

/** What `window.__gantwinInspect` offers to tests. */
export interface InspectTestHook {
  isReady(): boolean;
  /** Engine counts plus the page's extra state (e.g. the section plane). */
  snapshot(): InspectEngineSnapshot & { extra: Record<string, unknown> };
  /** GlobalId of the visible, unclipped element at canvas CSS pixel (x, y), or null. */
  pickAt(xPx: number, yPx: number): string | null;
  /** Nearest pickable element to the canvas centre on a square spiral of `stepPx` (CSS px) steps. */
  findElementOnScreen(
    stepPx?: number,
  ): { xPx: number; yPx: number; pageX: number; pageY: number; globalId: string; ifcClass: string } | null;
}

declare global {
  interface Window {
    /** Test surface of the BIM inspection page (see {@link InspectTestHook}). */
    __gantwinInspect?: InspectTestHook;
  }
}

/**
 * Installs `window.__gantwinInspect` for `engine`.
 *
 * @param canvasHost the element holding the engine canvas (for page coordinates).
 * @param readExtra returns page state to include in snapshots.
 * @returns a function that removes the hook.
 */
export function installInspectTestHook(
  engine: InspectEngine,
  canvasHost: HTMLElement,
  readExtra: () => Record<string, unknown>,
): () => void {
  const hook: InspectTestHook = {
    isReady: () => engine.snapshot().isReady,
    snapshot: () => ({ ...engine.snapshot(), extra: readExtra() }),
    pickAt: (xPx, yPx) => engine.pickAt(xPx, yPx)?.globalId ?? null,
    findElementOnScreen(stepPx = 8) {
      const rect = canvasHost.getBoundingClientRect();
      const found = spiralSearch(rect.width, rect.height, stepPx, (xPx, yPx) => engine.pickAt(xPx, yPx));
      if (!found) return null;
      const { xPx, yPx, hit } = found;
      return { xPx, yPx, pageX: rect.left + xPx, pageY: rect.top + yPx, globalId: hit.globalId, ifcClass: hit.ifcClass };
    },
  };
  window.__gantwinInspect = hook;
  return () => {
    if (window.__gantwinInspect === hook) delete window.__gantwinInspect;
  };
}
