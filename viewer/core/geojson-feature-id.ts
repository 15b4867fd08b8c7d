/**
 * Reads the identifier of a GeoJSON feature: the feature's `id` member (RFC 7946 §3.2), a string or a number.
 * It is the `featureId` of a {@link FeatureSelection} on point and tube layers.
 *
 * @see RFC 7946 §3.2 (feature object, "id")
 */

/**
 * The feature id as a string: a non-empty string as is, a finite number in its shortest decimal form (`7`, `7.5`).
 *
 * @returns the id, or `null` when the feature has none (then it is drawn but cannot be picked or highlighted)
 */
export function geojsonFeatureId(feature: { readonly id?: unknown }): string | null {
  const id = feature.id;
  if (typeof id === 'string') return id.length > 0 ? id : null;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return null;
}
