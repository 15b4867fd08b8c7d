import { eq, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, describe, expect, it } from 'vitest';
import { asGeoJson } from '../columns/geo';
import { connectTestDb } from '../test-database';
import * as schema from './index';
import { models } from './twin';

const connection = connectTestDb();
afterAll(() => connection.pool.end());

/**
 * The geometry columns every plate's Drizzle schema declares (schema/index.ts), as `table.column TYPE srid` —
 * so that a new plate's columns are checked without editing this test.
 */
function declaredGeometryColumns(): string[] {
  const declared: string[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    for (const column of config.columns) {
      const match = /^geometry\((\w+),(\d+)\)$/.exec(column.getSQLType());
      if (!match) continue;
      // PostGIS lists PointZ as type POINT with coord_dimension 3.
      declared.push(`${config.name}.${column.name} ${match[1].toUpperCase().replace(/Z$/, '')} ${match[2]}`);
    }
  }
  return declared.sort();
}

describe('geometry columns of every plate', () => {
  it('declares SRID 4326 and a geometry type on every geometry column (no SRID 0, no bare GEOMETRY)', async () => {
    const { rows } = await connection.pool.query<{ table: string; column: string; srid: number; type: string }>(
      `SELECT f_table_name AS table, f_geometry_column AS column, srid, type FROM geometry_columns
        WHERE f_table_schema = 'public' ORDER BY 1, 2`,
    );
    expect(rows.map((r) => `${r.table}.${r.column} ${r.type} ${r.srid}`)).toEqual(declaredGeometryColumns());
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
