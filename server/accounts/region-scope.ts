import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { InputError } from '@kernel/errors';

/**
 * Region scope of an account, from the 6-digit administrative division code of GB/T 2260: digits 1–2 are the
 * province, 3–4 the prefecture city, 5–6 the county/district. `360000` (江西省) covers every record, `360100`
 * (南昌市) covers 3601xx, `360102` (东湖区) covers only itself. Jiangxi has no county-level unit outside a city,
 * so the prefix rule and the `regions.parent_code` tree agree (checked by region-scope.test.ts).
 */

/** The province every account and record of GanTwin belongs to (江西省). */
export const PROVINCE_CODE = '360000';

/**
 * The code prefix an account region covers: `36` for a province, `3601` for a city, the full code for a county.
 * @throws {InputError} when `regionCode` is not 6 digits
 */
export function scopePrefix(regionCode: string): string {
  if (!/^\d{6}$/.test(regionCode)) throw new InputError(`region code "${regionCode}" is not a 6-digit GB/T 2260 code`);
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
}

/**
 * True when an account of region `actorRegion` may see a record of region `recordRegion`. A record without a
 * region (`null`, e.g. an out-of-province sample) is seen only by province accounts.
 */
export function regionCovers(actorRegion: string, recordRegion: string | null): boolean {
  if (recordRegion === null) return actorRegion === PROVINCE_CODE;
  return recordRegion.startsWith(scopePrefix(actorRegion));
}

/**
 * SQL condition "the record's region column lies in the scope of `actorRegion`", with the same rule as
 * {@link regionCovers} (null regions only for the province).
 * @param column a text column holding 6-digit codes (e.g. `models.region_code`)
 */
export function regionScopeSql(column: SQLWrapper, actorRegion: string): SQL {
  if (actorRegion === PROVINCE_CODE) return sql`true`;
  return sql`${column} like ${`${scopePrefix(actorRegion)}%`}`;
}
