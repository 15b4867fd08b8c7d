import { zipSync } from 'fflate';
import { dbfOf } from '@server/geo/dbf-fixture';

/**
 * Test support of the network import: a PolyLine Shapefile (.shp type 3 + .dbf + .cpg, ESRI 1998 / dBASE III)
 * written in code and zipped, so the import tests need no sample files.
 */

/** One polyline record: its positions in the file's coordinates, and its text attributes. */
export interface PolylineRecord {
  line: [number, number][];
  attributes: Record<string, string>;
}

function shpOf(records: readonly PolylineRecord[]): Buffer {
  const contentBytes = records.map((r) => 4 + 32 + 4 + 4 + 4 + 16 * r.line.length);
  const total = 100 + contentBytes.reduce((sum, bytes) => sum + 8 + bytes, 0);
  const buffer = Buffer.alloc(total);
  const all = records.flatMap((r) => r.line);
  const bbox = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  buffer.writeInt32BE(9994, 0);
  buffer.writeInt32BE(total / 2, 24);
  buffer.writeInt32LE(1000, 28);
  buffer.writeInt32LE(3, 32);
  bbox.forEach((value, i) => buffer.writeDoubleLE(value, 36 + 8 * i));
  let at = 100;
  records.forEach((record, index) => {
    buffer.writeInt32BE(index + 1, at);
    buffer.writeInt32BE(contentBytes[index] / 2, at + 4);
    at += 8;
    buffer.writeInt32LE(3, at);
    const xs = record.line.map((p) => p[0]);
    const ys = record.line.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((value, i) => buffer.writeDoubleLE(value, at + 4 + 8 * i));
    buffer.writeInt32LE(1, at + 36);
    buffer.writeInt32LE(record.line.length, at + 40);
    buffer.writeInt32LE(0, at + 44);
    record.line.forEach(([x, y], i) => {
      buffer.writeDoubleLE(x, at + 48 + 16 * i);
      buffer.writeDoubleLE(y, at + 56 + 16 * i);
    });
    at += contentBytes[index];
  });
  return buffer;
}

/** A zip of `pipes.shp`, `pipes.dbf` and `pipes.cpg` (UTF-8) holding `records`. */
export function polylineShapefileZipOf(records: readonly PolylineRecord[]): Uint8Array {
  return zipSync({ 'pipes.shp': shpOf(records), 'pipes.dbf': dbfOf(records), 'pipes.cpg': Buffer.from('UTF-8') });
}
