import { InvariantError } from '@tiling/errors';
import type { GeoJsonGeometry } from './geojson';

/**
 * Decodes PostGIS (E)WKB as returned by `pg` for a plain `geometry` column (hex text) into GeoJSON, so that a
 * `select()` of a whole row still yields GeoJSON. Supports Point, LineString, Polygon, MultiPolygon, 2D and Z.
 *
 * Notes: reading through `ST_AsGeoJSON` (see `asGeoJson` in geo.ts) is preferred in services; this decoder is
 * the fallback for whole-row selects. The SRID is dropped (every column is SRID 4326 by declaration).
 * @see OGC 06-103r4 Simple Features §8.2 (WKB); PostGIS EWKB flags 0x80000000 (Z), 0x20000000 (SRID)
 */
export function decodeEwkbHex(hex: string): GeoJsonGeometry {
  const buffer = Buffer.from(hex, 'hex');
  const reader = { offset: 0 };
  return readGeometry(buffer, reader);
}

function readGeometry(buffer: Buffer, reader: { offset: number }): GeoJsonGeometry {
  const littleEndian = buffer.readUInt8(reader.offset) === 1;
  reader.offset += 1;
  const u32 = (): number => {
    const v = littleEndian ? buffer.readUInt32LE(reader.offset) : buffer.readUInt32BE(reader.offset);
    reader.offset += 4;
    return v;
  };
  const f64 = (): number => {
    const v = littleEndian ? buffer.readDoubleLE(reader.offset) : buffer.readDoubleBE(reader.offset);
    reader.offset += 8;
    return v;
  };
  const rawType = u32();
  const hasSrid = (rawType & 0x20000000) !== 0;
  let hasZ = (rawType & 0x80000000) !== 0;
  let type = rawType & 0x0fffffff;
  if (type > 1000 && type < 2000) {
    hasZ = true; // ISO WKB Z codes
    type -= 1000;
  }
  if (hasSrid) u32();
  const position = (): number[] => (hasZ ? [f64(), f64(), f64()] : [f64(), f64()]);
  const ring = (): number[][] => Array.from({ length: u32() }, position);
  switch (type) {
    case 1:
      return { type: 'Point', coordinates: position() };
    case 2:
      return { type: 'LineString', coordinates: ring() };
    case 3:
      return { type: 'Polygon', coordinates: Array.from({ length: u32() }, ring) };
    case 6: {
      const count = u32();
      const polygons: number[][][][] = [];
      for (let i = 0; i < count; i++) {
        const part = readGeometry(buffer, reader);
        if (part.type !== 'Polygon') throw new InvariantError(`decodeEwkbHex: MultiPolygon part must be Polygon, got ${part.type}`);
        polygons.push(part.coordinates);
      }
      return { type: 'MultiPolygon', coordinates: polygons };
    }
    default:
      throw new InvariantError(`decodeEwkbHex: unsupported WKB geometry type ${type}`);
  }
}
