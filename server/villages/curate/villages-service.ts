import { and, asc, eq, sql } from 'drizzle-orm';
import { ConflictError, InputError, NotFoundError, ScopeError } from '@kernel/errors';
import { accountNameSql } from '@server/accounts/account-names';
import { changedFields, recordAudit } from '@server/accounts/audit';
import { regionCovers, regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { regions } from '@server/db/schema/regions';
import { villagesMedia, villagesRegister, villagesVillages } from '@server/db/schema/villages';
import { pinyinKeys } from '../pinyin';
import type { VillageCreateInput, VillageUpdateInput } from './curate-inputs';
import { assertValidPolygon } from './polygon-check';
import { curationStatus, editorVillage, type EditorVillage, type VillageCurationStatus } from './village-editor';
import { assertNotStale, curatedVillage, recordVillageWrite } from './village-scope';

/** One row of a curator's village list. */
export interface CuratedVillageSummary {
  code: string;
  nameZh: string;
  county: string;
  town: string;
  status: VillageCurationStatus;
  publishedAt: Date | null;
  updatedAt: Date;
  updatedByName: string | null;
}

/** Most villages one list returns (Jiangxi lists a few hundred traditional villages in all). */
export const MAX_CURATED_VILLAGES = 2000;

/**
 * The villages of the actor's region, drafts included, most recently changed first.
 */
export async function listCuratedVillages(db: Db, actor: Actor): Promise<CuratedVillageSummary[]> {
  const rows = await db
    .select({
      code: villagesVillages.code,
      nameZh: villagesVillages.nameZh,
      county: villagesRegister.county,
      town: villagesRegister.town,
      publishedAt: villagesVillages.publishedAt,
      hasDraftChanges: villagesVillages.hasDraftChanges,
      updatedAt: villagesVillages.updatedAt,
      updatedByName: accountNameSql(villagesVillages.updatedBy),
    })
    .from(villagesVillages)
    .innerJoin(villagesRegister, eq(villagesRegister.code, villagesVillages.code))
    .where(regionScopeSql(villagesVillages.regionCode, actor.regionCode))
    .orderBy(sql`${villagesVillages.updatedAt} DESC`, asc(villagesVillages.code))
    .limit(MAX_CURATED_VILLAGES);
  return rows.map(({ hasDraftChanges, ...row }) => ({ ...row, status: curationStatus(row.publishedAt, hasDraftChanges) }));
}

/**
 * The display name of a register name: the 村委会/居委会 suffix dropped and 村 appended (`李坑村委会` → `李坑村`),
 * unless what remains already ends in 村 or 社区 (`民巷社区居委会` → `民巷社区`).
 */
export function villageDisplayName(registerName: string): string {
  const stem = registerName.replace(/(村委会|居委会|村民委员会|居民委员会)$/, '');
  if (stem.length === 0) return registerName;
  return /(村|社区)$/.test(stem) ? stem : `${stem}村`;
}

/**
 * Creates a village from a register row of the actor's region: display name from the register (or `nameZh`),
 * placed at its county's label point (`regions.center`) with `isPositionVerified = false` (位置待核实) until a curator
 * sets the surveyed position; never published.
 * @throws {NotFoundError} for an unknown register code or a county without a label point
 * @throws {ScopeError} when the register row lies outside the actor's region
 * @throws {ConflictError} when the museum has a village of this code already
 */
export async function createVillage(db: Db, actor: Actor, input: VillageCreateInput): Promise<EditorVillage> {
  const [register] = await db.select().from(villagesRegister).where(eq(villagesRegister.code, input.registerCode));
  if (!register) throw new NotFoundError(`register code ${input.registerCode} is not in the village register`);
  if (!regionCovers(actor.regionCode, register.countyCode)) {
    throw new ScopeError(`${register.name} (${register.county}) lies outside your region ${actor.regionCode}`);
  }
  const [center] = await db
    .select({ center: regions.center })
    .from(regions)
    .where(eq(regions.code, register.countyCode));
  if (!center) throw new NotFoundError(`county ${register.countyCode} (${register.county}) has no label point in regions`);
  const nameZh = input.nameZh ?? villageDisplayName(register.name);
  const keys = pinyinKeys(nameZh);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: villagesVillages.id }).from(villagesVillages).where(eq(villagesVillages.code, register.code));
    if (existing) throw new ConflictError(`the museum has a village ${register.code} (${register.name}) already`);
    const now = new Date();
    const position = { type: 'Point' as const, coordinates: [center.center.coordinates[0], center.center.coordinates[1]] };
    const [{ id }] = await tx
      .insert(villagesVillages)
      .values({ code: register.code, regionCode: register.countyCode, nameZh, pinyin: keys.pinyin, initials: keys.initials, position, isPositionVerified: false, updatedBy: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: villagesVillages.id });
    await recordAudit(tx, actor, {
      action: 'create',
      tableName: 'villages_villages',
      recordId: id,
      recordRegionCode: register.countyCode,
      after: { code: register.code, nameZh, position: position.coordinates, isPositionVerified: false },
    });
    return editorVillage(tx, actor, register.code);
  });
}

/**
 * Changes a village's own fields. Setting `position` marks it verified (a curator enters the surveyed point) unless
 * `isPositionVerified` says otherwise; a new `nameZh` renews the pinyin keys. The boundary is checked by PostGIS; the
 * cover must be a medium of this village.
 * @throws {NotFoundError} outside the actor's region
 * @throws {ConflictError} when `updatedAt` is not the village's (someone changed it since)
 * @throws {InputError} for an invalid boundary or a cover of another village
 */
export async function updateVillage(db: Db, actor: Actor, input: VillageUpdateInput): Promise<EditorVillage> {
  const { code, updatedAt, position, isPositionVerified, boundary, ...fields } = input;
  if (boundary) await assertValidPolygon(db, 'boundary', boundary);
  return db.transaction(async (tx) => {
    const village = await curatedVillage(tx, actor, code, true);
    assertNotStale(`village ${code}`, village.updatedAt, updatedAt, village);
    const before = await editorVillage(tx, actor, code);
    if (fields.coverMediaId) {
      const [cover] = await tx
        .select({ id: villagesMedia.id })
        .from(villagesMedia)
        .where(and(eq(villagesMedia.id, fields.coverMediaId), eq(villagesMedia.villageId, village.id)));
      if (!cover) throw new InputError(`coverMediaId: medium ${fields.coverMediaId} is not an image of village ${code}`);
    }
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (position) {
      changes.position = position;
      changes.isPositionVerified = isPositionVerified ?? true;
    } else if (isPositionVerified !== undefined) changes.isPositionVerified = isPositionVerified;
    if (boundary !== undefined) changes.boundary = boundary;
    const diff = changedFields(before as unknown as Record<string, unknown>, changes);
    const set: Record<string, unknown> = { ...changes };
    if (position) set.position = { type: 'Point', coordinates: position };
    if (fields.nameZh) Object.assign(set, pinyinKeys(fields.nameZh));
    if (Object.keys(set).length > 0) await tx.update(villagesVillages).set(set).where(eq(villagesVillages.id, village.id));
    await recordVillageWrite(tx, actor, village, { action: 'update', tableName: 'villages_villages', recordId: village.id, ...diff });
    return editorVillage(tx, actor, code);
  });
}
