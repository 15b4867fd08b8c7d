/**
 * Turns a tube layer's GeoJSON (pipes: LineString / MultiLineString with heights) into tube pieces, engine-free:
 * runs (polylines swept by a circle) and risers (single steep segments drawn as straight cylinders), each with its
 * feature id and radius.
 *
 * Notes:
 * - Heights are the pipe axis, metres above the WGS84 ellipsoid, negative = below it; a position without a third
 *   coordinate is at 0 m. A feature with any invalid position, a part with fewer than two distinct positions, or
 *   another geometry type is skipped as a whole and counted.
 * - Risers: CesiumJS's `PolylineVolumeGeometry` keeps its cross-section upright (its "up" is the ellipsoid
 *   normal), so along a segment of slope θ the tube is only cos θ as thick as it should be, and a vertical segment
 *   (a riser or a manhole drop: same lon/lat, two heights) collapses to one surface point, a zero direction and NaN
 *   vertices, which would corrupt the bounding volume of the whole batched primitive. A segment steeper than
 *   {@link RISER_MIN_SLOPE_DEG} therefore becomes a riser piece of its own, and the run is split around it.
 * - Diameter: `properties[diameterProperty]` in millimetres (a number or a numeric string, > 0); anything else is
 *   the layer's default diameter.
 *
 * @see RFC 7946 §3.1.4 (LineString), §3.1.5 (MultiLineString)
 */
import type { LayerKindOptions } from '@kernel/layer-kinds';
import { geojsonFeatureId } from './geojson-feature-id';
import type { FeatureCollection, Geometry, Position } from './geojson-lines';
import { readLonLatHeight, type LonLatHeight } from './geojson-position';
import { featureName, propertyText } from './property-text';

/** Options of a tube layer (the catalogue's `options` of kind `tubes`; `null` = defaults). */
export type TubesOptions = LayerKindOptions['tubes'];

/** Defaults of every tube-layer option. */
export const TUBES_DEFAULTS = {
  /** Feature property holding the diameter, millimetres. */
  diameterProperty: 'diameterMm',
  /** Diameter of a feature without a usable one, millimetres (DN300, a common distribution main). */
  defaultDiameterMm: 300,
} satisfies Required<NonNullable<TubesOptions>>;

/** Tube-layer options with defaults applied. */
export type ResolvedTubesOptions = Required<NonNullable<TubesOptions>>;

/** Segments steeper than this, degrees from horizontal, are drawn as risers (see module notes). */
export const RISER_MIN_SLOPE_DEG = 45;

/** Mean Earth radius used for short horizontal distances, metres (IUGG R1). */
const MEAN_EARTH_RADIUS_M = 6_371_008.8;

const DEG_TO_RAD = Math.PI / 180;

/** Applies {@link TUBES_DEFAULTS}; a non-positive or non-finite `defaultDiameterMm` is the default 300 mm. */
export function resolveTubesOptions(options: TubesOptions): ResolvedTubesOptions {
  const diameterProperty = options?.diameterProperty;
  const defaultDiameterMm = options?.defaultDiameterMm;
  return {
    diameterProperty: diameterProperty && diameterProperty.length > 0 ? diameterProperty : TUBES_DEFAULTS.diameterProperty,
    defaultDiameterMm:
      typeof defaultDiameterMm === 'number' && Number.isFinite(defaultDiameterMm) && defaultDiameterMm > 0
        ? defaultDiameterMm
        : TUBES_DEFAULTS.defaultDiameterMm,
  };
}

/** A tube's radius in metres from its diameter in millimetres (`diameterMm / 2000`). */
export function tubeRadiusM(diameterMm: number): number {
  return diameterMm / 2000;
}

/**
 * The diameter of one feature, millimetres: `properties[diameterProperty]` when it is a positive finite number or
 * a string that parses as one (`"400"`), else `defaultDiameterMm`.
 */
export function featureDiameterMm(properties: unknown, options: ResolvedTubesOptions): number {
  if (typeof properties === 'object' && properties !== null) {
    const value: unknown = (properties as Record<string, unknown>)[options.diameterProperty];
    const diameterMm = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (Number.isFinite(diameterMm) && diameterMm > 0) return diameterMm;
  }
  return options.defaultDiameterMm;
}

/** One tube piece to draw. */
export interface TubePiece {
  /** The feature's id (GeoJSON `id`), or `null` when it has none (drawn, not pickable). */
  featureId: string | null;
  /** Index of the feature in the collection (several pieces share it). */
  featureIndex: number;
  /** `run`: a polyline of ≥ 2 positions swept by a circle; `riser`: one steep segment (exactly 2 positions). */
  shape: 'run' | 'riser';
  /** Axis positions, flat `[lon0, lat0, h0, lon1, lat1, h1, …]`: degrees (WGS84), metres above the ellipsoid. */
  positions: number[];
  diameterMm: number;
  /** `diameterMm / 2000`, metres. */
  radiusM: number;
  /** The feature's display name (`featureName`), else its `code` (a pipe's 管段编号), or `null`. */
  name: string | null;
}

/** The pieces of a layer and what was left out. */
export interface TubeFeatures {
  pieces: TubePiece[];
  /** Features in the collection. */
  featureCount: number;
  /** Features not drawn (see module notes). */
  skippedFeatureCount: number;
  /** Drawn features without an id (not pickable). */
  unidentifiedFeatureCount: number;
}

/** Horizontal distance between two positions, metres (equirectangular; < 0.1 % off below 10 km). */
function horizontalDistanceM(a: LonLatHeight, b: LonLatHeight): number {
  const meanLatRad = ((a.latDeg + b.latDeg) / 2) * DEG_TO_RAD;
  const eastM = (b.lonDeg - a.lonDeg) * DEG_TO_RAD * Math.cos(meanLatRad) * MEAN_EARTH_RADIUS_M;
  const northM = (b.latDeg - a.latDeg) * DEG_TO_RAD * MEAN_EARTH_RADIUS_M;
  return Math.hypot(eastM, northM);
}

function isSteep(a: LonLatHeight, b: LonLatHeight): boolean {
  const riseM = Math.abs(b.heightEllipsoidalM - a.heightEllipsoidalM);
  return riseM > horizontalDistanceM(a, b) * Math.tan(RISER_MIN_SLOPE_DEG * DEG_TO_RAD);
}

function lineParts(geometry: Geometry | null): readonly (readonly Position[])[] | null {
  if (geometry?.type === 'LineString') return [geometry.coordinates];
  if (geometry?.type === 'MultiLineString') return geometry.coordinates.length > 0 ? geometry.coordinates : null;
  return null;
}

/** Checked positions of one part without consecutive repeats, or `null` when one is invalid or < 2 remain. */
function checkedPart(part: readonly Position[]): LonLatHeight[] | null {
  if (!Array.isArray(part)) return null;
  const out: LonLatHeight[] = [];
  for (const position of part) {
    const checked = readLonLatHeight(position);
    if (checked === null) return null;
    const last = out[out.length - 1];
    const isRepeat = last && last.lonDeg === checked.lonDeg && last.latDeg === checked.latDeg && last.heightEllipsoidalM === checked.heightEllipsoidalM;
    if (!isRepeat) out.push(checked);
  }
  return out.length >= 2 ? out : null;
}

function flat(positions: readonly LonLatHeight[]): number[] {
  return positions.flatMap((p) => [p.lonDeg, p.latDeg, p.heightEllipsoidalM]);
}

/** Splits one part into runs and risers (see module notes), appending them to `out`. */
function pushPieces(part: readonly LonLatHeight[], base: Omit<TubePiece, 'shape' | 'positions'>, out: TubePiece[]): void {
  let run: LonLatHeight[] = [part[0]];
  for (let i = 1; i < part.length; i++) {
    const from = part[i - 1];
    const to = part[i];
    if (!isSteep(from, to)) {
      run.push(to);
      continue;
    }
    if (run.length >= 2) out.push({ ...base, shape: 'run', positions: flat(run) });
    out.push({ ...base, shape: 'riser', positions: flat([from, to]) });
    run = [to];
  }
  if (run.length >= 2) out.push({ ...base, shape: 'run', positions: flat(run) });
}

/**
 * Reads every drawable tube piece of `collection` (see module notes).
 *
 * @param collection - the layer's fetched GeoJSON (`SceneLayer.data`)
 * @returns pieces in feature order; runs keep their vertex order
 */
export function readTubeFeatures(collection: FeatureCollection, options: ResolvedTubesOptions): TubeFeatures {
  const result: TubeFeatures = { pieces: [], featureCount: 0, skippedFeatureCount: 0, unidentifiedFeatureCount: 0 };
  const features = Array.isArray(collection.features) ? collection.features : [];
  result.featureCount = features.length;
  features.forEach((feature, featureIndex) => {
    const parts = lineParts(feature?.geometry ?? null)?.map(checkedPart) ?? null;
    if (!parts || parts.some((part) => part === null)) {
      result.skippedFeatureCount++;
      return;
    }
    const featureId = geojsonFeatureId(feature);
    if (featureId === null) result.unidentifiedFeatureCount++;
    const diameterMm = featureDiameterMm(feature.properties, options);
    const base = { featureId, featureIndex, diameterMm, radiusM: tubeRadiusM(diameterMm), name: featureName(feature.properties) ?? propertyText(feature.properties, 'code') };
    for (const part of parts) pushPieces(part!, base, result.pieces);
  });
  return result;
}

/** The cover range of one tube feature, metres (ground ≈ 0 m above the ellipsoid: the twin has no terrain). */
export interface CoverRangeM {
  minM: number;
  maxM: number;
}

/**
 * The cover (覆土: ground to pipe crown) of each feature over all its pieces' positions, by feature index:
 * cover = −height − radius at each axis position (heights metres above the ellipsoid, ground ≈ 0 m), rounded to
 * 0.01 m. A feature whose crown reaches above the ground anywhere (cover < 0) has no entry.
 */
export function coverRangesM(pieces: readonly TubePiece[]): Map<number, CoverRangeM> {
  const ranges = new Map<number, CoverRangeM>();
  const above = new Set<number>();
  for (const piece of pieces) {
    for (let i = 2; i < piece.positions.length; i += 3) {
      const coverM = Math.round((-piece.positions[i] - piece.radiusM) * 100) / 100;
      if (coverM < 0) above.add(piece.featureIndex);
      const range = ranges.get(piece.featureIndex);
      if (range) {
        range.minM = Math.min(range.minM, coverM);
        range.maxM = Math.max(range.maxM, coverM);
      } else ranges.set(piece.featureIndex, { minM: coverM, maxM: coverM });
    }
  }
  for (const index of above) ranges.delete(index);
  return ranges;
}
