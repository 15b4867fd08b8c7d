import type { LayerKindPlugin } from '../layer-kind-plugin';
import { GEOJSON_LAYER_KIND } from './geojson';
import { TILESET_LAYER_KIND } from './tileset';

/**
 * The layer kinds every twin scene draws (kernel/layer-kinds.ts `LAYER_KINDS`). Plates add their own in their app
 * manifest (`layerKinds`); the app passes `[...CORE_LAYER_KINDS, ...plate kinds]` to the globe.
 */
export const CORE_LAYER_KINDS: readonly LayerKindPlugin[] = [GEOJSON_LAYER_KIND, TILESET_LAYER_KIND];
