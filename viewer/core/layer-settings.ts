/**
 * What a user changes about layers besides switching them on and off, engine-free: the opacity and stacking of
 * imagery layers and which terrain the globe uses (the layer panel's controls; the state lives in
 * app/shell/use-layer-settings.ts). {@link applyLayerSettings} turns them into the `SceneLayer` fields the
 * layer-kind plugins already read: `options.alpha` and `order` (viewer/cesium/layer-kinds/imagery.ts) and
 * `isVisible` of terrain layers (viewer/cesium/layer-kinds/terrain.ts draws the last visible one).
 */
import type { LayerKind } from '@kernel/layer-kinds';
import type { SceneLayer } from './scene-layer';

/** The user's layer settings. */
export interface LayerSettings {
  /** Opacity per imagery layer id, [0, 1]; absent = the catalogue's `options.alpha` (default 1). */
  opacityById: Readonly<Record<string, number>>;
  /** Imagery layer ids from bottom to top as the user arranged them; absent ids keep catalogue order above them. */
  imageryStack: readonly string[];
  /** The terrain layer the globe uses, or `null` for the plain WGS84 ellipsoid; `undefined` = the catalogue default. */
  terrainId: string | null | undefined;
}

/** No changes: catalogue defaults everywhere. */
export const DEFAULT_LAYER_SETTINGS: LayerSettings = { opacityById: {}, imageryStack: [], terrainId: undefined };

/** The minimum a layer needs here. */
interface LayerLike {
  id: string;
  kind: LayerKind;
  defaultVisible: boolean;
}

/**
 * Imagery layer ids from bottom (drawn first) to top: the user's stack first, then the others in catalogue order.
 * Ids no longer in the catalogue are dropped.
 */
export function imageryOrder(layers: readonly LayerLike[], settings: LayerSettings): string[] {
  const imagery = layers.filter((layer) => layer.kind === 'imagery').map((layer) => layer.id);
  const stacked = settings.imageryStack.filter((id) => imagery.includes(id));
  return [...stacked, ...imagery.filter((id) => !stacked.includes(id))];
}

/**
 * Moves an imagery layer one place up (`+1`, drawn above its neighbour) or down (`-1`) in the stack.
 * @returns new settings (unchanged when the layer is already at that end or is not imagery)
 */
export function moveImagery(layers: readonly LayerLike[], settings: LayerSettings, layerId: string, direction: 1 | -1): LayerSettings {
  const order = imageryOrder(layers, settings);
  const index = order.indexOf(layerId);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= order.length) return settings;
  [order[index], order[target]] = [order[target], order[index]];
  return { ...settings, imageryStack: order };
}

/**
 * The terrain layer in use: the user's choice when it still exists, else the first terrain layer the catalogue
 * switches on by default, else `null` (ellipsoid).
 */
export function activeTerrainId(layers: readonly LayerLike[], settings: LayerSettings): string | null {
  const terrains = layers.filter((layer) => layer.kind === 'terrain');
  if (settings.terrainId === null) return null;
  if (settings.terrainId !== undefined && terrains.some((layer) => layer.id === settings.terrainId)) return settings.terrainId;
  return terrains.find((layer) => layer.defaultVisible)?.id ?? null;
}

/**
 * Applies the settings to the scene's layers: imagery gets the chosen `options.alpha` and an `order` by its stack
 * position (above every other layer's order, so that imagery order is only compared among imagery); terrain layers
 * are visible exactly when they are the active terrain. Other layers are returned as they are (same objects).
 * @param catalogue the catalogue's layers (for `defaultVisible` of terrain)
 */
export function applyLayerSettings(sceneLayers: readonly SceneLayer[], catalogue: readonly LayerLike[], settings: LayerSettings): SceneLayer[] {
  const order = imageryOrder(catalogue, settings);
  const terrainId = activeTerrainId(catalogue, settings);
  return sceneLayers.map((layer) => {
    if (layer.kind === 'imagery') {
      const alpha = settings.opacityById[layer.id];
      const position = order.indexOf(layer.id);
      const options = alpha === undefined ? layer.options : { ...(layer.options as object), alpha };
      return { ...layer, options, order: position < 0 ? layer.order : sceneLayers.length + position } as SceneLayer;
    }
    if (layer.kind === 'terrain') return { ...layer, isVisible: layer.id === terrainId };
    return layer;
  });
}
