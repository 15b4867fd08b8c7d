import { zipSync } from 'fflate';
import { dbfOf } from '@server/geo/dbf-fixture';

/**
 * Test support of the parcel import: a polygon Shapefile (.shp + .dbf + .cpg, ESRI 1998 / dBASE III) written in code
 * and zipped, so the import test needs no sample files. Rings are written clockwise (ESRI: outer rings clockwise).
 */

/** One polygon record: its closed outer ring in the file's coordinates, and its text attributes. */
export interface ShapefileRecord {
  ring: [number, number][];
  attributes: Record<string, string>;
}

/** The signed area of a closed ring (> 0 counter-clockwise in x-east, y-north axes). */
function signedArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i += 1) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

function shpOf(records: readonly ShapefileRecord[]): Buffer {
  const rings = records.map((r) => (signedArea(r.ring) > 0 ? [...r.ring].reverse() : r.ring));
  const contentBytes = rings.map((ring) => 4 + 32 + 4 + 4 + 4 + 16 * ring.length);
  const total = 100 + contentBytes.reduce((sum, bytes) => sum + 8 + bytes, 0);
  const buffer = Buffer.alloc(total);
  const all = rings.flat();
  const bbox = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  buffer.writeInt32BE(9994, 0);
  buffer.writeInt32BE(total / 2, 24);
  buffer.writeInt32LE(1000, 28);
  buffer.writeInt32LE(5, 32);
  bbox.forEach((value, i) => buffer.writeDoubleLE(value, 36 + 8 * i));
  let at = 100;
  rings.forEach((ring, index) => {
    buffer.writeInt32BE(index + 1, at);
    buffer.writeInt32BE(contentBytes[index] / 2, at + 4);
    at += 8;
    buffer.writeInt32LE(5, at);
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((value, i) => buffer.writeDoubleLE(value, at + 4 + 8 * i));
    buffer.writeInt32LE(1, at + 36);
    buffer.writeInt32LE(ring.length, at + 40);
    buffer.writeInt32LE(0, at + 44);
    ring.forEach(([x, y], i) => {
      buffer.writeDoubleLE(x, at + 48 + 16 * i);
      buffer.writeDoubleLE(y, at + 56 + 16 * i);
    });
    at += contentBytes[index];
  });
  return buffer;
}

/** A zip of `parcels.shp`, `parcels.dbf` and `parcels.cpg` (UTF-8) holding `records`. */
export function shapefileZipOf(records: readonly ShapefileRecord[]): Uint8Array {
  return zipSync({ 'parcels.shp': shpOf(records), 'parcels.dbf': dbfOf(records), 'parcels.cpg': Buffer.from('UTF-8') });
}
