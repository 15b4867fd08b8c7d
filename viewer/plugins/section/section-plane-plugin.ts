import { BufferGeometry, Float32BufferAttribute, LineBasicMaterial, LineLoop, Plane, Vector3 } from 'three';
import type { InspectPlugin, InspectPluginContext } from '@viewer/three/inspect-plugin';

/** State of the horizontal section plane. */
export interface SectionPlaneState {
  isEnabled: boolean;
  /**
   * Cut height in the inspection view frame: metres along ENU up from the model anchor (tileset
   * origin). Everything above it is clipped away.
   */
  heightM: number;
}

/** Allowed cut heights for the loaded model: its bounds along ENU up, metres. */
export interface SectionHeightRange {
  minM: number;
  maxM: number;
}

/** The section-plane plugin: an {@link InspectPlugin} with its own state. */
export interface SectionPlanePlugin extends InspectPlugin {
  getState(): SectionPlaneState;
  /** Applies a new state (adds/removes the clipping plane, moves it and its outline). */
  setState(state: SectionPlaneState): void;
  /** Height range of the model, or null before it loaded or when detached. */
  getHeightRangeM(): SectionHeightRange | null;
  /** A sensible first cut: 40 % of the model's height above its lowest point, metres. */
  getDefaultHeightM(): number | null;
}

/** Share of the model height (from the bottom) used as default cut, a storey-plan-like view. */
export const DEFAULT_CUT_FRACTION = 0.4;

/**
 * Creates a horizontal section plane (one three.js `Plane` with normal −Y, i.e. ENU down, so that
 * points with height > `heightM` are clipped) plus a thin outline of the cut at the model's extent.
 *
 * @param initial starting state (default: disabled at height 0 m).
 * @see https://threejs.org/docs/#api/en/materials/Material.clippingPlanes
 */
export function createSectionPlanePlugin(initial: Partial<SectionPlaneState> = {}): SectionPlanePlugin {
  let state: SectionPlaneState = { isEnabled: initial.isEnabled ?? false, heightM: initial.heightM ?? 0 };
  let ctx: InspectPluginContext | null = null;
  const plane = new Plane(new Vector3(0, -1, 0), state.heightM);
  const outline = new LineLoop(new BufferGeometry(), new LineBasicMaterial({ color: 0x19e3ff }));
  outline.name = 'section-plane-outline';
  outline.renderOrder = 10;

  const updateOutline = () => {
    const box = ctx?.getModelBox();
    if (!box) {
      outline.visible = false;
      return;
    }
    const y = state.heightM;
    const { min, max } = box;
    outline.geometry.setAttribute(
      'position',
      new Float32BufferAttribute([min.x, y, min.z, max.x, y, min.z, max.x, y, max.z, min.x, y, max.z], 3),
    );
    outline.geometry.computeBoundingSphere();
    outline.visible = state.isEnabled;
  };

  const apply = () => {
    if (!ctx) return;
    plane.constant = state.heightM;
    const at = ctx.clippingPlanes.indexOf(plane);
    if (state.isEnabled && at < 0) ctx.clippingPlanes.push(plane);
    if (!state.isEnabled && at >= 0) ctx.clippingPlanes.splice(at, 1);
    updateOutline();
    ctx.requestRender();
  };

  return {
    name: 'section-plane',
    attach(context) {
      ctx = context;
      ctx.scene.add(outline);
      apply();
    },
    detach() {
      if (!ctx) return;
      const at = ctx.clippingPlanes.indexOf(plane);
      if (at >= 0) ctx.clippingPlanes.splice(at, 1);
      ctx.scene.remove(outline);
      ctx.requestRender();
      outline.geometry.dispose();
      ctx = null;
    },
    getState: () => ({ ...state }),
    setState(next) {
      state = { ...next };
      apply();
    },
    getHeightRangeM() {
      const box = ctx?.getModelBox();
      return box ? { minM: box.min.y, maxM: box.max.y } : null;
    },
    getDefaultHeightM() {
      const box = ctx?.getModelBox();
      return box ? box.min.y + (box.max.y - box.min.y) * DEFAULT_CUT_FRACTION : null;
    },
  };
}
