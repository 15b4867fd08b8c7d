/**
 * Turns a point layer's GeoJSON into marker inputs, engine-free: one marker per position of every Point and
 * MultiPoint feature, with its feature id, label text and colour (by `colourProperty`). A feature with any other geometry, or with any invalid
 * position, is skipped as a whole and counted (a half-drawn MultiPoint would misstate the feature).
 *
 * @see RFC 7946 §3.1.2 (Point), §3.1.3 (MultiPoint), §3.2 (Feature)
 */
import type { LayerKindOptions } from '@kernel/layer-kinds';
import { geojsonFeatureId } from './geojson-feature-id';
import type { FeatureCollection, Position } from './geojson-lines';
import { readLonLatHeight, type LonLatHeight } from './geojson-position';
import { featureName, propertyText } from './property-text';

/** Options of a point layer (the catalogue's `options` of kind `points`; `null` = defaults). */
export type PointsOptions = LayerKindOptions['points'];

/** Defaults of the point-layer options that have one. */
export const POINTS_DEFAULTS = {
  /** Markers closer than this on screen merge into one cluster marker, CSS px; 0 = no clustering. */
  clusterPixelRange: 40,
} satisfies Required<Pick<NonNullable<PointsOptions>, 'clusterPixelRange'>>;

/** Point-layer options with defaults applied. */
export interface ResolvedPointsOptions {
  /** Cluster distance, CSS px, ≥ 0 (0 = off). */
  clusterPixelRange: number;
  /** Feature property shown as the marker label, or `null` (no labels). */
  labelProperty: string | null;
  /** Feature property that picks the colour, or `null`; colours by its value (CSS strings). */
  colourProperty: string | null;
  colours: Readonly<Record<string, string>>;
}

/**
 * Applies {@link POINTS_DEFAULTS}: a missing, negative or non-finite `clusterPixelRange` becomes 40 px; an empty
 * `labelProperty` means no labels.
 */
export function resolvePointsOptions(options: PointsOptions): ResolvedPointsOptions {
  const range = options?.clusterPixelRange;
  const isUsableRange = typeof range === 'number' && Number.isFinite(range) && range >= 0;
  const labelProperty = options?.labelProperty;
  return {
    clusterPixelRange: isUsableRange ? range : POINTS_DEFAULTS.clusterPixelRange,
    labelProperty: labelProperty && labelProperty.length > 0 ? labelProperty : null,
    colourProperty: options?.colourProperty && options.colourProperty.length > 0 ? options.colourProperty : null,
    colours: options?.colours && typeof options.colours === 'object' ? options.colours : {},
  };
}

/** One marker to draw. */
export interface PointMarker extends LonLatHeight {
  /** The feature's id (GeoJSON `id`), or `null` when it has none (drawn, not pickable). */
  featureId: string | null;
  /** Index of the feature in the collection (several markers share it for a MultiPoint). */
  featureIndex: number;
  /** Label text from `labelProperty`, or `null`. */
  label: string | null;
  /** Tooltip name: the label, else the feature's name (`featureName`), else `null`. */
  name: string | null;
  /** CSS colour picked by `colourProperty`, or `null` (the layer colour). */
  colour: string | null;
}

/** The markers of a layer and what was left out. */
export interface PointFeatures {
  markers: PointMarker[];
  /** Features in the collection. */
  featureCount: number;
  /** Features not drawn: no geometry, not a Point/MultiPoint, an empty MultiPoint, or an invalid position. */
  skippedFeatureCount: number;
  /** Drawn features without an id (not pickable). */
  unidentifiedFeatureCount: number;
}

function pointPositions(geometry: FeatureCollection['features'][number]['geometry']): readonly Position[] | null {
  if (geometry?.type === 'Point') return [geometry.coordinates];
  if (geometry?.type === 'MultiPoint') return Array.isArray(geometry.coordinates) && geometry.coordinates.length > 0 ? geometry.coordinates : null;
  return null;
}

/**
 * Reads every drawable marker of `collection` (see module doc).
 *
 * @param collection - the layer's fetched GeoJSON (`SceneLayer.data`)
 * @returns markers in feature order, positions in degrees and ellipsoidal metres (missing height = 0 m)
 */
export function readPointFeatures(collection: FeatureCollection, options: ResolvedPointsOptions): PointFeatures {
  const result: PointFeatures = { markers: [], featureCount: 0, skippedFeatureCount: 0, unidentifiedFeatureCount: 0 };
  const features = Array.isArray(collection.features) ? collection.features : [];
  result.featureCount = features.length;
  features.forEach((feature, featureIndex) => {
    const positions = pointPositions(feature?.geometry ?? null);
    const checked = positions?.map((position) => readLonLatHeight(position)) ?? null;
    if (!checked || checked.some((position) => position === null)) {
      result.skippedFeatureCount++;
      return;
    }
    const featureId = geojsonFeatureId(feature);
    if (featureId === null) result.unidentifiedFeatureCount++;
    const label = options.labelProperty === null ? null : propertyText(feature.properties, options.labelProperty);
    const name = label ?? featureName(feature.properties);
    const key = options.colourProperty === null ? null : propertyText(feature.properties, options.colourProperty);
    const colour = key !== null && Object.hasOwn(options.colours, key) ? options.colours[key] : null;
    for (const position of checked) result.markers.push({ ...position!, featureId, featureIndex, label, name, colour });
  });
  return result;
}
