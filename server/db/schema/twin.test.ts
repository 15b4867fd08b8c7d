import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { asGeoJson } from '../columns/geo';
import { connectTestDb } from '../test-database';
import { models } from './twin';

const connection = connectTestDb();
afterAll(() => connection.pool.end());

describe('twin schema geometry columns', () => {
  it('declares SRID 4326 and a geometry type on every geometry column (no SRID 0, no bare GEOMETRY)', async () => {
    const { rows } = await connection.pool.query<{ table: string; column: string; srid: number; type: string }>(
      `SELECT f_table_name AS table, f_geometry_column AS column, srid, type FROM geometry_columns
        WHERE f_table_schema = 'public' ORDER BY 1, 2`,
    );
    expect(rows.map((r) => `${r.table}.${r.column} ${r.type} ${r.srid}`)).toEqual([
      'elements.footprint POLYGON 4326',
      'models.anchor POINT 4326',
      'models.footprint POLYGON 4326',
      'regions.boundary MULTIPOLYGON 4326',
      'regions.center POINT 4326',
      'road_segments.geom LINESTRING 4326',
    ]);
    expect(rows.filter((r) => r.srid === 0)).toEqual([]);
  });

  it('has a GiST index on every geometry column', async () => {
    const { rows } = await connection.pool.query<{ table: string; column: string; gist: number }>(
      `SELECT g.f_table_name AS table, g.f_geometry_column AS column,
              (SELECT count(*)::int FROM pg_index i
                 JOIN pg_class c ON c.oid = i.indexrelid
                 JOIN pg_am am ON am.oid = c.relam
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = (quote_ident(g.f_table_name))::regclass
                  AND a.attname = g.f_geometry_column AND am.amname = 'gist') AS gist
         FROM geometry_columns g WHERE g.f_table_schema = 'public'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.gist === 0).map((r) => `${r.table}.${r.column}`)).toEqual([]);
  });

  it('round-trips a PointZ anchor and Polygon footprint through GeoJSON write, EWKB read and ST_AsGeoJSON', async () => {
    const footprint = {
      type: 'Polygon' as const,
      coordinates: [[[115.85, 28.69], [115.8503, 28.69], [115.8503, 28.6901], [115.85, 28.6901], [115.85, 28.69]]],
    };
    const [row] = await connection.db
      .insert(models)
      .values({
        name: 'schema-roundtrip',
        fileName: 'x.ifc',
        sourceSha256: `roundtrip-${Date.now()}`,
        status: 'failed',
        tilesetDir: 'none',
        anchor: { type: 'Point', coordinates: [115.8529484, 28.6931596, 22] },
        footprint,
      })
      .returning();
    expect(row.anchor).toEqual({ type: 'Point', coordinates: [115.8529484, 28.6931596, 22] });
    expect(row.footprint).toEqual(footprint);
    const [read] = await connection.db
      .select({ anchor: asGeoJson(models.anchor), srid: sql<number>`ST_SRID(${models.anchor})` })
      .from(models)
      .where(eq(models.id, row.id));
    expect(read.srid).toBe(4326);
    expect(read.anchor).toEqual({ type: 'Point', coordinates: [115.8529484, 28.6931596, 22] });
    await connection.db.delete(models).where(eq(models.id, row.id));
  });
});
