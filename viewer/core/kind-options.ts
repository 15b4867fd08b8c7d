/**
 * Typed access to a {@link SceneLayer}'s kind-specific `options`: `SceneLayer` is generic over its kind, but the
 * layer-kind lifecycles receive the widened `SceneLayer`, whose `options` is the union of every kind's options.
 */
import { invariant } from '@kernel/errors';
import type { LayerKind, LayerKindOptions } from '@kernel/layer-kinds';
import type { SceneLayer } from './scene-layer';

/**
 * The options of `layer` as the options of `kind` (`null` = that kind's defaults, where the kind allows it).
 *
 * @throws {InvariantError} when `layer.kind` is not `kind` (a plugin was handed another kind's layer)
 */
export function kindOptions<K extends LayerKind>(layer: SceneLayer, kind: K): LayerKindOptions[K] {
  invariant(layer.kind === kind, `kindOptions: layer ${layer.id} is of kind ${layer.kind}, expected ${kind}`);
  return layer.options as LayerKindOptions[K];
}
