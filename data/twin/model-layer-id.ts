/**
 * The twin's model tileset layers are named `model-<models.id>`: the one definition of that name, used by the
 * catalogue (server/twin/layers-service.ts), the app's panels (app/twin/) and BIM inspection's way back (viewer/three/).
 */

const MODEL_LAYER_PATTERN = /^model-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Layer id of a model's tileset layer. */
export function modelLayerIdOf(modelId: string): string {
  return `model-${modelId}`;
}

/** The model id of a `model-<uuid>` layer id, or `null` for any other id. */
export function modelIdOfLayer(layerId: string): string | null {
  return MODEL_LAYER_PATTERN.exec(layerId)?.[1] ?? null;
}
