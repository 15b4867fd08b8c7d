/**
 * Turns a `volumes` layer's GeoJSON into volume pieces, engine-free: each Polygon (or each part of a MultiPolygon)
 * with its feature id, its outer ring and holes as lon/lat degrees, and its bottom and top heights in metres above
 * the WGS84 ellipsoid. A piece whose top equals its bottom is a flat surface (e.g. a height-limit plane).
 *
 * Notes: heights come from the feature properties named by the layer's options (`baseM` / `topM` by default; a
 * number or a numeric string); a missing bottom is 0, a missing top is the bottom. A ring with fewer than 3 distinct
 * positions, a non-finite coordinate or another geometry type skips the feature (counted). A feature's own `fill`
 * property (a CSS colour) overrides the layer's fill.
 * @see RFC 7946 §3.1.6 (Polygon), §3.1.7 (MultiPolygon)
 */
import type { LayerKindOptions } from '@kernel/layer-kinds';
import { geojsonFeatureId } from './geojson-feature-id';
import type { FeatureCollection } from './geojson-lines';

/** Options of a volumes layer with defaults applied. */
export type ResolvedVolumesOptions = Required<NonNullable<LayerKindOptions['volumes']>>;

/** Defaults of every volumes-layer option. */
export const VOLUMES_DEFAULTS: ResolvedVolumesOptions = { baseProperty: 'baseM', topProperty: 'topM' };

/** One drawable polygon. */
export interface VolumePiece {
  featureId: string | null;
  /** Outer ring then holes, each `[lon, lat]` degrees without the closing position. */
  rings: [number, number][][];
  baseM: number;
  topM: number;
  /** The feature's own fill colour, or null (the layer's). */
  fill: string | null;
  /** The feature's `name` property, or null. */
  name: string | null;
}

/** The pieces of a collection and how many features were skipped. */
export interface VolumeFeatures {
  pieces: VolumePiece[];
  featureCount: number;
  skippedFeatureCount: number;
}

function numberOf(value: unknown): number | null {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
}

/** A ring without its closing position, or null when it is not a ring of ≥ 3 distinct finite positions. */
function readRing(ring: unknown): [number, number][] | null {
  if (!Array.isArray(ring)) return null;
  const positions: [number, number][] = [];
  for (const position of ring) {
    if (!Array.isArray(position) || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) return null;
    positions.push([position[0] as number, position[1] as number]);
  }
  const last = positions[positions.length - 1];
  if (positions.length > 1 && last[0] === positions[0][0] && last[1] === positions[0][1]) positions.pop();
  const distinct = new Set(positions.map(([lon, lat]) => `${lon},${lat}`));
  return distinct.size >= 3 ? positions : null;
}

/**
 * Reads the pieces of `collection`.
 * @param options the layer's options (null = {@link VOLUMES_DEFAULTS})
 */
export function readVolumeFeatures(collection: FeatureCollection, options: LayerKindOptions['volumes']): VolumeFeatures {
  const resolved = { ...VOLUMES_DEFAULTS, ...(options ?? {}) };
  const pieces: VolumePiece[] = [];
  let skippedFeatureCount = 0;
  for (const feature of collection.features) {
    const geometry = feature.geometry as { type?: string; coordinates?: unknown } | null;
    const polygons = geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? (geometry.coordinates as unknown[]) : null;
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const baseM = numberOf(properties[resolved.baseProperty]) ?? 0;
    const topM = Math.max(baseM, numberOf(properties[resolved.topProperty]) ?? baseM);
    const fill = typeof properties.fill === 'string' ? properties.fill : null;
    const name = typeof properties.name === 'string' ? properties.name : null;
    const featurePieces: VolumePiece[] = [];
    for (const polygon of polygons ?? []) {
      const rings = Array.isArray(polygon) ? polygon.map(readRing) : [null];
      if (rings.length === 0 || rings.some((ring) => ring === null)) {
        featurePieces.length = 0;
        break;
      }
      featurePieces.push({ featureId: geojsonFeatureId(feature), rings: rings as [number, number][][], baseM, topM, fill, name });
    }
    if (featurePieces.length === 0) skippedFeatureCount += 1;
    else pieces.push(...featurePieces);
  }
  return { pieces, featureCount: collection.features.length, skippedFeatureCount };
}
