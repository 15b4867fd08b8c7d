import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { connectTestDb } from '@server/db/test-database';
import { InvariantError } from '@kernel/errors';
import { decodeEwkbHex } from './ewkb';

const connection = connectTestDb();
afterAll(() => connection.pool.end());

/** Hex of PostGIS's own encoding of a WKT geometry: EWKB (SRID 4326), ISO WKB, or big-endian ISO WKB. */
async function encode(wkt: string, format: 'ewkb' | 'iso' | 'xdr'): Promise<string> {
  const expression =
    format === 'ewkb'
      ? sql`ST_AsEWKB(ST_GeomFromText(${wkt}, 4326))`
      : sql`ST_AsBinary(ST_GeomFromText(${wkt}, 4326), ${format === 'xdr' ? 'XDR' : 'NDR'})`;
  const result = await connection.db.execute<{ hex: string }>(sql`SELECT encode(${expression}, 'hex') AS hex`);
  return result.rows[0].hex;
}

describe('decodeEwkbHex (against PostGIS encodings)', () => {
  it.each<[string, unknown]>([
    ['POINT Z (115.85 28.69 22.5)', { type: 'Point', coordinates: [115.85, 28.69, 22.5] }],
    ['POINT (115.85 28.69)', { type: 'Point', coordinates: [115.85, 28.69] }],
    ['LINESTRING (115.8 28.6, 115.9 28.7)', { type: 'LineString', coordinates: [[115.8, 28.6], [115.9, 28.7]] }],
    ['POLYGON ((0 0, 1 0, 1 1, 0 0))', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }],
    [
      'MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2), (2.1 2.1, 2.2 2.1, 2.2 2.2, 2.1 2.1)))',
      {
        type: 'MultiPolygon',
        coordinates: [
          [[[0, 0], [1, 0], [1, 1], [0, 0]]],
          [[[2, 2], [3, 2], [3, 3], [2, 2]], [[2.1, 2.1], [2.2, 2.1], [2.2, 2.2], [2.1, 2.1]]],
        ],
      },
    ],
  ])('%s decodes the same from EWKB, ISO WKB and big-endian WKB', async (wkt, geoJson) => {
    for (const format of ['ewkb', 'iso', 'xdr'] as const) expect(decodeEwkbHex(await encode(wkt, format))).toEqual(geoJson);
  });

  it('refuses geometry types no column holds with an InvariantError naming the code', async () => {
    const hex = await encode('MULTIPOINT ((0 0), (1 1))', 'ewkb');
    expect(() => decodeEwkbHex(hex)).toThrow(InvariantError);
    expect(() => decodeEwkbHex(hex)).toThrow('decodeEwkbHex: unsupported WKB geometry type 4');
  });
});
