import { Raycaster, Vector2, Vector3, type Camera, type Object3D, type Plane } from 'three';
import type { ElementRecord, ElementStateTable } from './element-state-table';
import { readElementIndexAtHit } from './tile-features';

/** What {@link pickElement} looks through. */
export interface PickScene {
  camera: Camera;
  /** The tiles group (3d-tiles-renderer raycasts its loaded tiles). */
  target: Object3D;
  table: ElementStateTable;
  /** Active clipping planes: hits on the clipped side (distance < 0) are skipped. */
  clippingPlanes: readonly Plane[];
}

const raycaster = /* @__PURE__ */ new Raycaster();
const pointerNdc = /* @__PURE__ */ new Vector2();
const direction = /* @__PURE__ */ new Vector3();

/**
 * The first visible, unclipped element along the view ray through a canvas position. A hit on geometry that
 * carries no element index (index 0) blocks the ray and yields null.
 *
 * @param xPx CSS pixels from the canvas's left edge.
 * @param yPx CSS pixels from the canvas's top edge.
 * @param widthPx the canvas's CSS width.
 * @param heightPx the canvas's CSS height.
 */
export function pickElement(scene: PickScene, xPx: number, yPx: number, widthPx: number, heightPx: number): ElementRecord | null {
  pointerNdc.set((xPx / widthPx) * 2 - 1, -(yPx / heightPx) * 2 + 1);
  raycaster.setFromCamera(pointerNdc, scene.camera);
  return firstVisibleElement(scene);
}

/**
 * The first visible, unclipped element along a ray (view frame, metres), as {@link pickElement} finds it.
 *
 * @param directionView need not be normalised.
 */
export function pickElementAlongRay(scene: PickScene, originView: Vector3, directionView: Vector3): ElementRecord | null {
  raycaster.set(originView, direction.copy(directionView).normalize());
  return firstVisibleElement(scene);
}

function firstVisibleElement(scene: PickScene): ElementRecord | null {
  for (const hit of raycaster.intersectObject(scene.target, true)) {
    if (scene.clippingPlanes.some((plane) => plane.distanceToPoint(hit.point) < 0)) continue;
    const index = readElementIndexAtHit(hit.object, hit.face?.a, hit.instanceId);
    if (index > 0 && !scene.table.isVisible(index)) continue;
    return scene.table.at(index) ?? null;
  }
  return null;
}
