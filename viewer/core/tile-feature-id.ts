/**
 * The feature id of a picked feature of an external 3D Tiles tileset (oblique photography, city massing), whose
 * metadata we do not control. The first property that holds a non-empty string or a finite number wins, in the
 * order of {@link TILE_FEATURE_ID_PROPERTIES}; without any, the feature's index in its tile (`featureId`) is
 * used, which is stable only while that tile stays loaded.
 *
 * @see https://github.com/CesiumGS/3d-tiles/tree/main/specification/Metadata (feature metadata)
 */

/**
 * Properties read as the feature id, in this order: an explicit `id`, an IFC `globalId` (tilesets converted
 * elsewhere), then `name` (massing models often carry only a building name).
 */
export const TILE_FEATURE_ID_PROPERTIES = ['id', 'globalId', 'name'] as const;

/**
 * Picks the feature id of one tile feature.
 *
 * @param readProperty - reads one property of the feature (`Cesium3DTileFeature.getProperty`)
 * @param featureIndex - the feature's index in its tile content (`Cesium3DTileFeature.featureId`), ≥ 0
 * @returns the first usable property value as a string, else `featureIndex` as a decimal string
 */
export function tileFeatureId(readProperty: (name: string) => unknown, featureIndex: number): string {
  for (const name of TILE_FEATURE_ID_PROPERTIES) {
    const value = readProperty(name);
    if (typeof value === 'string' && value.length > 0) return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return String(featureIndex);
}
