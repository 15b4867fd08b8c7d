/**
 * Reads one GeoJSON feature property as display text (labels, tooltip names). `properties` comes from fetched
 * data, so it is read as `unknown`.
 *
 * @see RFC 7946 §3.2 (feature "properties")
 */

/**
 * The property `name` of `properties` as text.
 *
 * @returns a non-empty string as is, a finite number or a boolean in decimal / `true` form, else `null` (missing,
 *   empty, an object or array, or `properties` is not an object)
 */
export function propertyText(properties: unknown, name: string): string | null {
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return null;
  const value: unknown = (properties as Record<string, unknown>)[name];
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return null;
}

/** Properties read as a feature's display name, in this order. */
export const FEATURE_NAME_PROPERTIES = ['name', 'title'] as const;

/** A feature's display name: the first of {@link FEATURE_NAME_PROPERTIES} that reads as text, or `null`. */
export function featureName(properties: unknown): string | null {
  for (const property of FEATURE_NAME_PROPERTIES) {
    const text = propertyText(properties, property);
    if (text !== null) return text;
  }
  return null;
}
