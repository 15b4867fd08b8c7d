import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import gcoord from 'gcoord';
import proj4 from 'proj4';
import { InputError } from '@kernel/errors';

/**
 * The source coordinate systems an uploader may declare for a vector file (资源目录 upload), and the conversion of
 * their positions to WGS84 lon/lat (EPSG:4326), the frame of every stored geometry.
 *
 * Notes:
 * - CGCS2000 geographic (EPSG:4490) is taken as WGS84 (they differ by centimetres to decimetres, DOMAIN.md); the
 *   source CRS stays recorded in the layer's `source`.
 * - Gauss-Krüger zones: EPSG:4513–4533 (3° zones 25–45, easting with the zone number in front), 4534–4554 (3°,
 *   central meridian 75°E–135°E, no zone prefix), 4491–4501 (6° zones 13–23 with prefix) and 4502–4512 (6°, CM
 *   75°E–135°E) — definitions from `epsg-index` (proj4 strings), projected with `proj4`. Jiangxi lies in 3° zones
 *   38/39 (CM 114°E/117°E: 4526/4527, 4547/4548) and 6° zones 19/20 (CM 111°E/117°E).
 * - GCJ-02 (国测局, AMap/Tencent/echarts data) → WGS84 by `gcoord` (the inverse is an iteration, error ≪ 1 m).
 * @see EPSG registry; https://github.com/hujiulong/gcoord
 */

/** EPSG codes accepted besides `gcj02`, with their family for messages. */
export const DECLARABLE_EPSG_RANGES: readonly { from: number; to: number; name: string }[] = [
  { from: 4326, to: 4326, name: 'WGS 84 geographic' },
  { from: 4490, to: 4490, name: 'CGCS2000 geographic' },
  { from: 4491, to: 4501, name: 'CGCS2000 6° Gauss-Krüger zone (zone prefix)' },
  { from: 4502, to: 4512, name: 'CGCS2000 6° Gauss-Krüger CM' },
  { from: 4513, to: 4533, name: 'CGCS2000 3° Gauss-Krüger zone (zone prefix)' },
  { from: 4534, to: 4554, name: 'CGCS2000 3° Gauss-Krüger CM' },
];

/** Converts one source position `[x, y]` (source axis order: easting/lon first) to `[lonDeg, latDeg]` WGS84. */
export type ToWgs84 = (position: readonly number[]) => [number, number];

/** A declared CRS resolved to a converter, with its label for the layer's provenance. */
export interface SourceCrs {
  /** `GCJ-02`, `EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)` … */
  label: string;
  toWgs84: ToWgs84;
}

const require = createRequire(import.meta.url);

/**
 * Resolves a declared source CRS.
 * @param declared `gcj02` or an EPSG code as text (`4490`, `4547`)
 * @throws {InputError} when the code is not one of {@link DECLARABLE_EPSG_RANGES} or has no definition
 */
export function resolveSourceCrs(declared: string): SourceCrs {
  if (declared === 'gcj02') {
    return { label: 'GCJ-02 (converted to WGS84 with gcoord)', toWgs84: (p) => gcoord.transform([p[0], p[1]], gcoord.GCJ02, gcoord.WGS84) as [number, number] };
  }
  const epsg = Number(declared);
  const range = DECLARABLE_EPSG_RANGES.find((r) => epsg >= r.from && epsg <= r.to);
  if (!Number.isInteger(epsg) || !range) {
    throw new InputError(`crs: EPSG:${declared} is not accepted; declare gcj02, 4326, 4490 or a CGCS2000 Gauss-Krüger zone (4491–4554)`, { context: { crs: declared } });
  }
  if (epsg === 4326 || epsg === 4490) return { label: `EPSG:${epsg} (${range.name}, taken as WGS84)`, toWgs84: (p) => [p[0], p[1]] };
  let entry: { name?: string; proj4?: string | null };
  try {
    entry = JSON.parse(readFileSync(require.resolve(`epsg-index/s/${epsg}.json`), 'utf8')) as typeof entry;
  } catch (error) {
    throw new InputError(`crs: no definition for EPSG:${epsg}`, { context: { crs: declared }, cause: error });
  }
  if (!entry.proj4) throw new InputError(`crs: EPSG:${epsg} has no proj4 definition`);
  const converter = proj4(entry.proj4, 'WGS84');
  return { label: `EPSG:${epsg} (${entry.name ?? range.name})`, toWgs84: (p) => converter.forward([p[0], p[1]]) as [number, number] };
}
