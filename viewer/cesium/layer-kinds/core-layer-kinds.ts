import type { LayerKindPlugin } from '../layer-kind-plugin';
import { EXTERNAL_TILESET_LAYER_KIND } from './external-tileset';
import { GEOJSON_LAYER_KIND } from './geojson';
import { IMAGERY_LAYER_KIND } from './imagery';
import { POINTS_LAYER_KIND } from './points';
import { TERRAIN_LAYER_KIND } from './terrain';
import { TILESET_LAYER_KIND } from './tileset';
import { TUBES_LAYER_KIND } from './tubes';
import { VOLUMES_LAYER_KIND } from './volumes';

/**
 * The layer kinds every twin scene draws: one plugin per kind of kernel/layer-kinds.ts `LAYER_KINDS`. A plate adds a
 * kind of its own in its app manifest (`layerKinds`, after adding the kind to `LAYER_KINDS`); the app passes
 * `[...CORE_LAYER_KINDS, ...plate kinds]` to the globe, which refuses two plugins for one kind.
 */
export const CORE_LAYER_KINDS: readonly LayerKindPlugin[] = [
  GEOJSON_LAYER_KIND,
  TILESET_LAYER_KIND,
  IMAGERY_LAYER_KIND,
  TERRAIN_LAYER_KIND,
  EXTERNAL_TILESET_LAYER_KIND,
  POINTS_LAYER_KIND,
  TUBES_LAYER_KIND,
  VOLUMES_LAYER_KIND,
];
