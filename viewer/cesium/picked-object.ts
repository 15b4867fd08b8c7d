/**
 * Narrows what `scene.pick` returned to the shape CesiumJS gives primitives' picks: `{ primitive, id }` for a
 * `Primitive`'s geometry instance, plus `collection` for a point, billboard or label of a collection.
 *
 * @see https://cesium.com/learn/cesiumjs/ref-doc/Scene.html#pick
 */

/** A picked primitive part: the primitive (or point / billboard / label), its `id`, and its collection if any. */
export interface PickedObject {
  primitive: unknown;
  id: unknown;
  collection?: unknown;
}

/** `picked` as a {@link PickedObject}, or `null` when it is not an object with a `primitive` (globe, nothing). */
export function pickedObject(picked: unknown): PickedObject | null {
  if (typeof picked !== 'object' || picked === null || !('primitive' in picked)) return null;
  return picked as PickedObject;
}
