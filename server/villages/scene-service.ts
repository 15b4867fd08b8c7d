import { sql } from 'drizzle-orm';
import { NotFoundError } from '@kernel/errors';
import { regionCovers } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import type { TourStop } from '@server/db/schema/villages';
import { isVillagesCurator } from './curator-roles';
import type { PublicBuilding, PublicVillage } from './public-village-types';

/**
 * What the twin's village panels read (public procedures of ./scene-router.ts), from the PUBLISHED documents only:
 * a village's scene entry (name, place, published tour) and a published building picked in the scene tiles.
 */

/** A published village as the twin's panel shows it. */
export interface VillageScene {
  code: string;
  nameZh: string;
  nameEn: string | null;
  county: string;
  nationalBatch: number | null;
  /** `[lon, lat]` degrees WGS84. */
  position: [number, number];
  isPositionVerified: boolean;
  /** The published tour, or null. */
  tour: { titleZh: string; titleEn: string | null; stops: TourStop[] } | null;
  /** Whether the caller may record this village's tour (a curator whose region covers the village). */
  canCurate: boolean;
}

/**
 * The scene entry of a published village.
 * @param actor the caller (null = anonymous); only decides `canCurate`
 * @throws {NotFoundError} when no village has that code or it was never published
 */
export async function villageSceneByCode(db: Db, actor: Actor | null, code: string): Promise<VillageScene> {
  const { rows } = await db.execute<{ region_code: string; published: PublicVillage }>(sql`
    SELECT region_code, published FROM villages_villages WHERE code = ${code} AND published IS NOT NULL`);
  const row = rows[0];
  if (!row) throw new NotFoundError(`villages: no published village ${code}`, { context: { code } });
  const doc = row.published;
  return {
    code: doc.code,
    nameZh: doc.nameZh,
    nameEn: doc.nameEn,
    county: doc.county,
    nationalBatch: doc.nationalBatch,
    position: doc.position,
    isPositionVerified: doc.isPositionVerified,
    tour: doc.tour,
    canCurate: isVillagesCurator(actor) && regionCovers(actor.regionCode, row.region_code),
  };
}

/** A published building with its village, as the twin's panel shows a picked block. */
export type SceneBuilding = Omit<PublicBuilding, 'footprint'> & { villageCode: string; villageNameZh: string; villageNameEn: string | null };

/**
 * A building of a published document, by id (what a pick on the `villages-buildings` tiles names).
 * @throws {NotFoundError} when no published document holds a building with that id
 */
export async function sceneBuildingById(db: Db, id: string): Promise<SceneBuilding> {
  const { rows } = await db.execute<{ code: string; name_zh: string; name_en: string | null; building: PublicBuilding }>(sql`
    SELECT v.code, v.published->>'nameZh' AS name_zh, v.published->>'nameEn' AS name_en, b AS building
      FROM villages_villages v, jsonb_array_elements(v.published->'buildings') b
     WHERE v.published IS NOT NULL AND b->>'id' = ${id}
     LIMIT 1`);
  const row = rows[0];
  if (!row) throw new NotFoundError(`villages: no published building ${id}`, { context: { id } });
  const { footprint: _footprint, ...building } = row.building;
  return { ...building, villageCode: row.code, villageNameZh: row.name_zh, villageNameEn: row.name_en };
}
