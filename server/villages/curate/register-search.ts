import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesRegister, villagesVillages } from '@server/db/schema/villages';
import { pinyinQuery } from '../pinyin';

/** Most register rows one search returns. */
export const REGISTER_SEARCH_LIMIT = 20;

/** One row of the register (统计用区划代码) as the create form lists it. */
export interface RegisterHit {
  /** 12-digit statistical code. */
  code: string;
  /** As in the register (`李坑村委会`). */
  name: string;
  town: string;
  county: string;
  /** 6-digit county code. */
  countyCode: string;
  city: string;
  /** True when the museum has a village of this code already. */
  hasVillage: boolean;
}

/** A LIKE pattern's literal text (`%`, `_` and `\` escaped). */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Register rows of the actor's region whose name contains `query`, or whose pinyin contains / initials start with
 * its letters (`likeng`, `lk`); exact initials first, then pinyin prefixes, then by code. At most
 * {@link REGISTER_SEARCH_LIMIT}.
 * @param input.query 1..40 characters (Chinese or Latin letters)
 */
export async function searchRegister(db: Db, actor: Actor, input: { query: string }): Promise<RegisterHit[]> {
  const name = `%${likeLiteral(input.query.trim())}%`;
  const letters = pinyinQuery(input.query);
  const matches = letters
    ? or(ilike(villagesRegister.name, name), sql`${villagesRegister.pinyin} LIKE ${`%${letters}%`}`, sql`${villagesRegister.initials} LIKE ${`${letters}%`}`)
    : ilike(villagesRegister.name, name);
  return db
    .select({
      code: villagesRegister.code,
      name: villagesRegister.name,
      town: villagesRegister.town,
      county: villagesRegister.county,
      countyCode: villagesRegister.countyCode,
      city: villagesRegister.city,
      hasVillage: sql<boolean>`${villagesVillages.id} IS NOT NULL`,
    })
    .from(villagesRegister)
    .leftJoin(villagesVillages, eq(villagesVillages.code, villagesRegister.code))
    .where(and(regionScopeSql(villagesRegister.countyCode, actor.regionCode), matches))
    .orderBy(
      sql`(${villagesRegister.initials} = ${letters}) DESC`,
      sql`(${villagesRegister.pinyin} LIKE ${`${letters}%`}) DESC`,
      asc(villagesRegister.code),
    )
    .limit(REGISTER_SEARCH_LIMIT);
}
