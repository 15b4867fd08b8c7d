import {
  INVERT_DEPTH_NETWORKS,
  NETWORK_WORDS,
  NODE_ATTRIBUTE_NAMES,
  NODE_KIND_WORDS,
  PIPE_ATTRIBUTE_NAMES,
  type NodeImportField,
  type PipeImportField,
} from '@data/lifelines/import-attributes';
import type { NodeKind, PipeNetwork } from '@server/db/schema/lifelines';
import { JIANGXI_BBOX_DEG } from '@server/geo/jiangxi-extent';
import { resolveSourceCrs, type ToWgs84 } from '@server/geo/source-crs';
import type { RawFeature } from '@server/geo/vector-file';
import type { NetworkImportFields } from './inputs';
import type { PipeAttributes } from './pipes-service';

/**
 * The pure half of the network import (./import-service.ts): raw features (GeoJSON or Shapefile records) → checked
 * pipe and node candidates in WGS84, with one rejection reason per bad feature. No database.
 *
 * Notes:
 * - Geometry: a LineString (or a MultiLineString of one part) is a pipe segment; a Point is a node; anything else is
 *   rejected. Positions must be finite numbers, at most {@link MAX_ABS_COORDINATE} in absolute value, and land in
 *   Jiangxi's bounding box after reprojection (a wrong declared CRS shows up here, with where the point landed).
 *   Heights in the file are ignored: heights come from the depth attributes (the plate's Z convention).
 * - Z convention (server/db/schema/lifelines.ts): the axis of a pipe is at Z = −(cover + DN / 2) metres at each end
 *   (the twin has no terrain, ground ≈ 0 m above the ellipsoid); vertices in between are interpolated by horizontal
 *   distance along the line. A node's Z is −depth.
 * - Depths (data/lifelines/import-attributes.ts): `depthFromM`/`depthToM`, else `depthM` at both ends, else ground and
 *   invert elevations at both ends (invert depth = ground − invert). A depth to the invert becomes a cover by
 *   subtracting DN (wall thickness ignored); a cover below 0 m or of 100 m or more is rejected.
 */

/** Largest absolute source coordinate accepted (Gauss-Krüger eastings with a zone prefix are ≈ 3.9 × 10⁷ m). */
export const MAX_ABS_COORDINATE = 1e8;
/** Most vertices of one pipe segment. */
export const MAX_SEGMENT_VERTICES = 2000;
/** Longest code kept from a file, characters. */
export const MAX_CODE_CHARS = 60;

/** One pipe segment read from a file, in WGS84. */
export interface PipeCandidate extends PipeAttributes {
  featureIndex: number;
  /** The file's code, or `null` (the import names it). */
  code: string | null;
  /** `[lonDeg, latDeg]` WGS84, ≥ 2 distinct consecutive positions; covers are [0, 100) m. */
  positions: [number, number][];
}

/** One node read from a file, in WGS84. */
export interface NodeCandidate {
  featureIndex: number;
  code: string | null;
  network: PipeNetwork;
  kind: NodeKind;
  lonDeg: number;
  latDeg: number;
  /** Depth of the pipe axis below the ground, metres, [0, 100). */
  depthM: number;
}

/** Why one feature was not imported. */
export interface ImportRejection {
  /** 0-based index of the feature in the file. */
  featureIndex: number;
  code: string | null;
  reason: string;
}

/** What {@link readNetworkFeatures} found. */
export interface NetworkCandidates {
  pipes: PipeCandidate[];
  nodes: NodeCandidate[];
  rejected: ImportRejection[];
  /** The declared CRS as recorded (e.g. `EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)`). */
  crsLabel: string;
}

/** The first attribute of `properties` named (case-insensitively) like one of `names`. */
function attribute(byLowerName: Map<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) if (byLowerName.has(name.toLowerCase())) return byLowerName.get(name.toLowerCase());
  return undefined;
}

/** Text of an attribute: trimmed, control characters removed, cut; `undefined` when absent or empty. */
function textOf(value: unknown, maxChars = 200): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return text === '' ? undefined : text.slice(0, maxChars);
}

/** Number of an attribute: numbers, numeric text; `undefined` when absent or empty, `NaN` when not a number. */
function numberOf(value: unknown): number | undefined {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) return Number(value);
  return Number.NaN;
}

/** A rejection thrown inside one feature's reading. */
class FeatureProblem extends Error {}
const problem = (reason: string): never => {
  throw new FeatureProblem(reason);
};

/** One source position → `[lonDeg, latDeg]` in Jiangxi, or a problem naming the position and where it landed. */
function toLonLat(raw: unknown, toWgs84: ToWgs84, crsLabel: string): [number, number] {
  if (!Array.isArray(raw) || raw.length < 2) return problem('a position is not an [x, y] array');
  const [x, y] = raw as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return problem('a position is not two finite numbers');
  if (Math.abs(x) > MAX_ABS_COORDINATE || Math.abs(y) > MAX_ABS_COORDINATE) return problem(`position [${x}, ${y}] is out of range (|coordinate| ≤ ${MAX_ABS_COORDINATE})`);
  let lon: number;
  let lat: number;
  try {
    [lon, lat] = toWgs84([x, y]);
  } catch {
    return problem(`position [${x}, ${y}] cannot be converted from ${crsLabel}`);
  }
  const [west, south, east, north] = JIANGXI_BBOX_DEG;
  if (!(lon >= west && lon <= east && lat >= south && lat <= north)) {
    const landed = Number.isFinite(lon) && Number.isFinite(lat) ? `${lon.toFixed(4)}°E ${lat.toFixed(4)}°N` : 'nowhere';
    return problem(`position [${x}, ${y}] in ${crsLabel} lands at ${landed}, outside Jiangxi; is the declared CRS right?`);
  }
  return [Math.round(lon * 1e9) / 1e9, Math.round(lat * 1e9) / 1e9];
}

/** The network of a feature: its attribute's word, else the form's default. */
function networkOf(value: unknown, fallback: PipeNetwork | undefined): PipeNetwork {
  const text = textOf(value);
  if (text !== undefined) {
    const network = NETWORK_WORDS[text.toLowerCase()];
    return network ?? problem(`network: "${text.slice(0, 40)}" is not one of ${Object.keys(NETWORK_WORDS).join(', ')}`);
  }
  return fallback ?? problem('network: the feature has none and the form gives no default network');
}

/** A depth or elevation attribute as metres, or `undefined` when absent. */
function metresOf(value: unknown, field: string): number | undefined {
  const number = numberOf(value);
  if (number === undefined) return undefined;
  if (!Number.isFinite(number)) return problem(`${field}: ${JSON.stringify(value).slice(0, 40)} is not a number of metres`);
  return number;
}

/** Horizontal metres between two lon/lat positions (equirectangular; exact enough along one segment). */
function stepM(a: [number, number], b: [number, number]): number {
  const metresPerDeg = 111_320;
  const cosLat = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * metresPerDeg * cosLat, (b[1] - a[1]) * metresPerDeg);
}

/**
 * The pipe axis as a LineStringZ: the candidate's positions (ends replaced by `fromLonLat`/`toLonLat` when snapped)
 * with Z = −(cover + DN/2) at each end, interpolated by horizontal distance in between (module notes).
 * @returns GeoJSON coordinates `[lonDeg, latDeg, heightEllipsoidalM][]`
 */
export function pipeAxisCoordinates(pipe: PipeCandidate, fromLonLat?: [number, number], toLonLat?: [number, number]): [number, number, number][] {
  const positions = pipe.positions.map((p) => [...p] as [number, number]);
  if (fromLonLat) positions[0] = fromLonLat;
  if (toLonLat) positions[positions.length - 1] = toLonLat;
  const radiusM = pipe.diameterMm / 2000;
  const zFrom = -(pipe.coverFromM + radiusM);
  const zTo = -(pipe.coverToM + radiusM);
  const along = [0];
  for (let i = 1; i < positions.length; i++) along.push(along[i - 1] + stepM(positions[i - 1], positions[i]));
  const total = along[along.length - 1];
  return positions.map((p, i) => {
    const fraction = total > 0 ? along[i] / total : i / (positions.length - 1);
    return [p[0], p[1], Math.round((zFrom + (zTo - zFrom) * fraction) * 1000) / 1000];
  });
}

/**
 * Reads raw features into pipe and node candidates (see module notes); every feature is either a candidate or a
 * rejection with its reason. Codes repeated within the file are rejected after their first use.
 * @throws {InputError} for an unknown CRS (nothing can be read)
 */
export function readNetworkFeatures(raw: readonly RawFeature[], fields: NetworkImportFields): NetworkCandidates {
  const { label: crsLabel, toWgs84 } = resolveSourceCrs(fields.crs);
  const pipeNames = (field: PipeImportField) => (fields[`map.${field}`] ? [fields[`map.${field}`]!] : PIPE_ATTRIBUTE_NAMES[field]);
  const nodeNames = (field: NodeImportField) => (fields[`map.${field}`] ? [fields[`map.${field}`]!] : NODE_ATTRIBUTE_NAMES[field]);
  const result: NetworkCandidates = { pipes: [], nodes: [], rejected: [], crsLabel };
  const firstUse = new Map<string, number>();
  raw.forEach((feature, featureIndex) => {
    const properties = typeof feature.properties === 'object' && feature.properties !== null && !Array.isArray(feature.properties) ? (feature.properties as Record<string, unknown>) : {};
    const byLowerName = new Map(Object.entries(properties).map(([key, value]) => [key.toLowerCase(), value]));
    const geometry = (typeof feature.geometry === 'object' && feature.geometry !== null ? feature.geometry : {}) as { type?: unknown; coordinates?: unknown };
    const isNode = geometry.type === 'Point';
    const code = textOf(attribute(byLowerName, isNode ? nodeNames('code') : pipeNames('code')), MAX_CODE_CHARS) ?? null;
    try {
      if (code !== null) {
        const earlier = firstUse.get(code);
        if (earlier !== undefined) problem(`code ${code} is also the code of feature ${earlier}`);
        firstUse.set(code, featureIndex);
      }
      if (isNode) result.nodes.push(readNode(featureIndex, code, geometry.coordinates, byLowerName, nodeNames, fields, toWgs84, crsLabel));
      else result.pipes.push(readPipe(featureIndex, code, geometry, byLowerName, pipeNames, fields, toWgs84, crsLabel));
    } catch (error) {
      if (!(error instanceof FeatureProblem)) throw error;
      result.rejected.push({ featureIndex, code, reason: error.message });
    }
  });
  return result;
}

function readNode(
  featureIndex: number,
  code: string | null,
  coordinates: unknown,
  byLowerName: Map<string, unknown>,
  names: (field: NodeImportField) => readonly string[],
  fields: NetworkImportFields,
  toWgs84: ToWgs84,
  crsLabel: string,
): NodeCandidate {
  const [lonDeg, latDeg] = toLonLat(coordinates, toWgs84, crsLabel);
  const network = networkOf(attribute(byLowerName, names('network')), fields.network);
  const kindText = textOf(attribute(byLowerName, names('kind')));
  const kind = (kindText !== undefined ? NODE_KIND_WORDS[kindText.toLowerCase()] : undefined) ?? 'junction';
  const depthM = metresOf(attribute(byLowerName, names('depthM')), 'depthM') ?? problem('depthM: the node has no depth');
  if (!(depthM >= 0 && depthM < 100)) problem(`depthM: ${depthM} m is outside 0–100 m`);
  return { featureIndex, code, network, kind, lonDeg, latDeg, depthM };
}

function readPipe(
  featureIndex: number,
  code: string | null,
  geometry: { type?: unknown; coordinates?: unknown },
  byLowerName: Map<string, unknown>,
  names: (field: PipeImportField) => readonly string[],
  fields: NetworkImportFields,
  toWgs84: ToWgs84,
  crsLabel: string,
): PipeCandidate {
  let line: unknown = geometry.coordinates;
  if (geometry.type === 'MultiLineString') {
    if (!Array.isArray(line) || line.length !== 1) problem(`geometry: a MultiLineString of ${Array.isArray(line) ? line.length : 0} parts; a pipe segment is one line`);
    line = (line as unknown[])[0];
  } else if (geometry.type !== 'LineString') {
    problem(`geometry: ${geometry.type === undefined ? 'none' : JSON.stringify(String(geometry.type)).slice(0, 40)} is not a LineString (pipe) or Point (node)`);
  }
  if (!Array.isArray(line) || line.length < 2) problem('geometry: a pipe segment needs at least 2 positions');
  if ((line as unknown[]).length > MAX_SEGMENT_VERTICES) problem(`geometry: ${(line as unknown[]).length} positions, at most ${MAX_SEGMENT_VERTICES}`);
  const positions: [number, number][] = [];
  for (const raw of line as unknown[]) {
    const p = toLonLat(raw, toWgs84, crsLabel);
    const last = positions[positions.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) positions.push(p);
  }
  if (positions.length < 2) problem('geometry: the segment has no length (all positions coincide)');
  const value = (field: PipeImportField) => attribute(byLowerName, names(field));
  const network = networkOf(value('network'), fields.network);
  const diameter = numberOf(value('diameterMm'));
  if (diameter === undefined) problem('diameterMm: the segment has no diameter');
  if (!(Number.isFinite(diameter) && diameter! >= 1 && diameter! <= 10_000)) problem(`diameterMm: ${JSON.stringify(value('diameterMm')).slice(0, 40)} is not 1–10000 mm`);
  const diameterMm = Math.round(diameter!);
  const year = numberOf(value('installYear'));
  if (year !== undefined && !(Number.isInteger(year) && year >= 1850 && year <= 2100)) problem(`installYear: ${JSON.stringify(value('installYear')).slice(0, 40)} is not a year 1850–2100`);
  const depthTo = fields.depthTo === 'auto' ? (INVERT_DEPTH_NETWORKS.includes(network) ? 'invert' : 'crown') : fields.depthTo;
  const [coverFromM, coverToM] = coversOf(value, depthTo, diameterMm);
  return {
    featureIndex,
    code,
    network,
    positions,
    diameterMm,
    material: textOf(value('material'), 40) ?? '',
    installYear: year ?? null,
    owner: textOf(value('owner'), 100) ?? '',
    pressureClass: textOf(value('pressureClass'), 40) ?? '',
    coverFromM,
    coverToM,
  };
}

/** Cover to the crown at both ends, metres (module notes), or a problem naming the missing or bad attribute. */
function coversOf(value: (field: PipeImportField) => unknown, depthTo: 'crown' | 'invert', diameterMm: number): [number, number] {
  const dnM = diameterMm / 1000;
  let from = metresOf(value('depthFromM'), 'depthFromM');
  let to = metresOf(value('depthToM'), 'depthToM');
  const both = metresOf(value('depthM'), 'depthM');
  let measuredTo = depthTo;
  if (from === undefined || to === undefined) {
    if (both !== undefined) [from, to] = [from ?? both, to ?? both];
    else {
      const groundFrom = metresOf(value('groundFromM'), 'groundFromM');
      const invertFrom = metresOf(value('invertFromM'), 'invertFromM');
      const groundTo = metresOf(value('groundToM'), 'groundToM');
      const invertTo = metresOf(value('invertToM'), 'invertToM');
      if ([groundFrom, invertFrom, groundTo, invertTo].some((v) => v === undefined)) {
        return problem('depth: give depthFromM and depthToM, or depthM, or ground and invert elevations at both ends');
      }
      [from, to] = [groundFrom! - invertFrom!, groundTo! - invertTo!];
      measuredTo = 'invert';
    }
  }
  const toCover = (depthM: number, end: string) => {
    const cover = measuredTo === 'invert' ? depthM - dnM : depthM;
    if (!(cover >= 0 && cover < 100)) problem(`depth at the ${end} end: ${Math.round(depthM * 1000) / 1000} m to the ${measuredTo} gives a cover of ${Math.round(cover * 1000) / 1000} m, outside 0–100 m`);
    return Math.round(cover * 1000) / 1000;
  };
  return [toCover(from!, 'from'), toCover(to!, 'to')];
}
