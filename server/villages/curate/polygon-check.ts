import { sql } from 'drizzle-orm';
import { InputError } from '@kernel/errors';
import type { Db } from '@server/db/client';
import type { GeoJsonPolygon } from '@server/db/columns/geojson';

/**
 * Checks a polygon the zod schema accepted (./geo-inputs.ts) with PostGIS: valid in the OGC sense (no
 * self-intersection, holes inside the shell), as `ST_IsValid` says.
 * @param field the input field, named in the message (`boundary`, `footprint`)
 * @throws {InputError} naming the field and PostGIS' reason (`ST_IsValidReason`, e.g. `Self-intersection[116.1 29.2]`)
 * @see https://postgis.net/docs/ST_IsValid.html
 */
export async function assertValidPolygon(db: Db, field: string, polygon: GeoJsonPolygon): Promise<void> {
  const [row] = (
    await db.execute<{ valid: boolean; reason: string }>(
      sql`SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(polygon)}), 4326) AS g) s`,
    )
  ).rows;
  if (!row.valid) throw new InputError(`${field}: not a valid polygon (${row.reason})`, { context: { field } });
}
