import { InvariantError } from '@kernel/errors';
import type { GeoJsonGeometry } from './geojson';

/** EWKB type flag: the geometry has Z values. */
const EWKB_Z_FLAG = 0x80000000;
/** EWKB type flag: an SRID (uint32) follows the type. */
const EWKB_SRID_FLAG = 0x20000000;
/** Mask of the geometry type code under the EWKB flags. */
const EWKB_TYPE_MASK = 0x0fffffff;
/** ISO WKB encodes Z geometries as type code + 1000 (e.g. 1001 = Point Z). */
const ISO_WKB_Z_OFFSET = 1000;
/** WKB geometry type codes we decode (OGC 06-103r4 Table 7). */
const WKB_POINT = 1;
const WKB_LINESTRING = 2;
const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;

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
  const hasSrid = (rawType & EWKB_SRID_FLAG) !== 0;
  let hasZ = (rawType & EWKB_Z_FLAG) !== 0;
  let type = rawType & EWKB_TYPE_MASK;
  if (type > ISO_WKB_Z_OFFSET && type < 2 * ISO_WKB_Z_OFFSET) {
    hasZ = true;
    type -= ISO_WKB_Z_OFFSET;
  }
  if (hasSrid) u32();
  const position = (): number[] => (hasZ ? [f64(), f64(), f64()] : [f64(), f64()]);
  const ring = (): number[][] => Array.from({ length: u32() }, position);
  switch (type) {
    case WKB_POINT:
      return { type: 'Point', coordinates: position() };
    case WKB_LINESTRING:
      return { type: 'LineString', coordinates: ring() };
    case WKB_POLYGON:
      return { type: 'Polygon', coordinates: Array.from({ length: u32() }, ring) };
    case WKB_MULTIPOLYGON: {
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
