import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { InputError } from '@kernel/errors';
import type { Db } from '@server/db/client';
import { villagesRegister } from '@server/db/schema/villages';
import { pinyinKeys } from './pinyin';

/** The register file under the shared data folder. */
export const VILLAGE_REGISTER_FILE = path.join('villages', 'jiangxi_villages_2023.csv');

const HEADER = 'code,name,town_code,town,county_code,county,city_code,city';

/** One row of the register, as read. */
export type RegisterRow = typeof villagesRegister.$inferInsert;

/**
 * Parses the village register CSV (统计用区划代码 2023, ../shared/data/SOURCES.md "villages/"): a header and rows of
 * eight comma-separated fields without quotes (the file has none; a quote or a wrong field count is refused rather
 * than guessed), codes checked by pattern. Adds pinyin search keys of each name.
 * @throws {InputError} naming the line of the first malformed row
 */
export function parseVillageRegister(text: string): RegisterRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  if (lines[0] !== HEADER) throw new InputError(`village register: header must be "${HEADER}", got "${lines[0]?.slice(0, 80)}"`);
  return lines.slice(1).map((line, index) => {
    const fields = line.split(',');
    const [code, name, townCode, town, countyCode, county, cityCode, city] = fields;
    const lineNo = index + 2;
    if (fields.length !== 8 || line.includes('"')) throw new InputError(`village register line ${lineNo}: expected 8 unquoted fields, got ${fields.length}`);
    if (!/^36\d{10}$/.test(code!) || !/^36\d{7}$/.test(townCode!) || !/^36\d{4}$/.test(countyCode!) || !/^36\d{2}$/.test(cityCode!)) {
      throw new InputError(`village register line ${lineNo}: malformed codes in "${line.slice(0, 80)}"`);
    }
    if (!code!.startsWith(townCode!) || !townCode!.startsWith(countyCode!) || !countyCode!.startsWith(cityCode!)) {
      throw new InputError(`village register line ${lineNo}: code ${code} does not nest in town ${townCode} / county ${countyCode}`);
    }
    return { code: code!, name: name!, townCode: townCode!, town: town!, countyCode: countyCode!, county: county!, cityCode: cityCode!, city: city!, ...pinyinKeys(name!) };
  });
}

/**
 * Loads the register into `villages_register` when the table does not already hold every row of the file (upsert
 * by code, 2 000 rows per statement, one transaction). Idempotent; a no-op on later starts.
 * @returns rows written (0 when already complete)
 */
export async function seedVillageRegister(db: Db, sharedDataDir: string): Promise<number> {
  const rows = parseVillageRegister(await readFile(path.join(sharedDataDir, VILLAGE_REGISTER_FILE), 'utf8'));
  const codes = rows.map((row) => row.code);
  const [{ count }] = (await db.execute<{ count: number }>(sql`SELECT count(*)::int AS count FROM villages_register WHERE code = ANY(string_to_array(${codes.join(',')}, ','))`)).rows as [{ count: number }];
  if (count === rows.length) return 0;
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += 2000) {
      const chunk = rows.slice(start, start + 2000);
      await tx
        .insert(villagesRegister)
        .values(chunk)
        .onConflictDoUpdate({
          target: villagesRegister.code,
          set: { name: sql`excluded.name`, townCode: sql`excluded.town_code`, town: sql`excluded.town`, countyCode: sql`excluded.county_code`, county: sql`excluded.county`, cityCode: sql`excluded.city_code`, city: sql`excluded.city`, pinyin: sql`excluded.pinyin`, initials: sql`excluded.initials` },
        });
    }
  });
  return rows.length;
}
