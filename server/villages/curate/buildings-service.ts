import { and, eq, sql } from 'drizzle-orm';
import { InputError } from '@kernel/errors';
import { changedFields } from '@server/accounts/audit';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesBuildings } from '@server/db/schema/villages';
import type { BuildingCreateInput, BuildingReorderInput, BuildingUpdateInput, RowDeleteInput } from './curate-inputs';
import { assertValidPolygon } from './polygon-check';
import { BUILDING_EDITOR_COLUMNS, type EditorBuilding } from './village-editor';
import { assertNotStale, curatedChildRow, curatedVillage, recordVillageWrite } from './village-scope';

/**
 * Historic buildings (传统建筑) of a village: create, change, remove, reorder. Footprints are checked by PostGIS
 * (./polygon-check.ts); heights are eave heights in metres (0, 100].
 */

async function buildingById(tx: Db, id: string): Promise<EditorBuilding> {
  const [row] = await tx.select(BUILDING_EDITOR_COLUMNS).from(villagesBuildings).where(eq(villagesBuildings.id, id));
  return row;
}

/**
 * Adds a historic building at the end of the village's list.
 * @throws {NotFoundError} outside the actor's region; {@link InputError} for an invalid footprint
 */
export async function createBuilding(db: Db, actor: Actor, input: BuildingCreateInput): Promise<EditorBuilding> {
  const { code, ...fields } = input;
  if (fields.footprint) await assertValidPolygon(db, 'footprint', fields.footprint);
  return db.transaction(async (tx) => {
    const village = await curatedVillage(tx, actor, code, true);
    const [{ next }] = (
      await tx.execute<{ next: number }>(sql`SELECT coalesce(max(sort_order) + 1, 0)::int AS next FROM villages_buildings WHERE village_id = ${village.id}`)
    ).rows;
    const [{ id }] = await tx
      .insert(villagesBuildings)
      .values({ ...fields, villageId: village.id, sortOrder: next, updatedAt: new Date() })
      .returning({ id: villagesBuildings.id });
    await recordVillageWrite(tx, actor, village, { action: 'create', tableName: 'villages_buildings', recordId: id, after: fields });
    return buildingById(tx, id);
  });
}

/**
 * Changes the fields given of a historic building.
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when it changed since it was read;
 *   {@link InputError} for an invalid footprint
 */
export async function updateBuilding(db: Db, actor: Actor, input: BuildingUpdateInput): Promise<EditorBuilding> {
  const { id, updatedAt, ...fields } = input;
  if (fields.footprint) await assertValidPolygon(db, 'footprint', fields.footprint);
  return db.transaction(async (tx) => {
    const row = await curatedChildRow(tx, actor, 'villages_buildings', id);
    assertNotStale(`building ${id}`, row.updatedAt, updatedAt, row.village);
    const before = await buildingById(tx, id);
    const changes = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    await tx.update(villagesBuildings).set({ ...changes, updatedAt: new Date() }).where(eq(villagesBuildings.id, id));
    await recordVillageWrite(tx, actor, row.village, { action: 'update', tableName: 'villages_buildings', recordId: id, ...changedFields(before as unknown as Record<string, unknown>, changes) });
    return buildingById(tx, id);
  });
}

/**
 * Removes a historic building (its photos stay, no longer tied to it; panorama hotspots to it are dropped).
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when it changed since it was read
 */
export async function deleteBuilding(db: Db, actor: Actor, input: RowDeleteInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const row = await curatedChildRow(tx, actor, 'villages_buildings', input.id);
    assertNotStale(`building ${input.id}`, row.updatedAt, input.updatedAt, row.village);
    const before = await buildingById(tx, input.id);
    await tx.delete(villagesBuildings).where(eq(villagesBuildings.id, input.id));
    // Hotspots pointing at the removed building would lead nowhere.
    await tx.execute(sql`
      UPDATE villages_panoramas
         SET hotspots = (SELECT coalesce(jsonb_agg(h), '[]'::jsonb) FROM jsonb_array_elements(hotspots) h
                          WHERE NOT (h->'target'->>'kind' = 'building' AND h->'target'->>'id' = ${input.id}))
       WHERE village_id = ${row.village.id}`);
    await recordVillageWrite(tx, actor, row.village, { action: 'delete', tableName: 'villages_buildings', recordId: input.id, before: { nameZh: before.nameZh, buildingType: before.buildingType } });
    return { id: input.id };
  });
}

/**
 * Puts the village's buildings in the order of `ids` (which must name each of them exactly once).
 * @throws {NotFoundError} outside the actor's region; {@link InputError} when `ids` is not the village's set
 */
export async function reorderBuildings(db: Db, actor: Actor, input: BuildingReorderInput): Promise<{ ids: string[] }> {
  return db.transaction(async (tx) => {
    const village = await curatedVillage(tx, actor, input.code, true);
    const rows = await tx.select({ id: villagesBuildings.id, sortOrder: villagesBuildings.sortOrder }).from(villagesBuildings).where(eq(villagesBuildings.villageId, village.id));
    const stored = new Set(rows.map((row) => row.id));
    if (new Set(input.ids).size !== input.ids.length || input.ids.length !== stored.size || !input.ids.every((id) => stored.has(id))) {
      throw new InputError(`ids: must name each of the ${stored.size} buildings of village ${input.code} exactly once (reload if another editor added or removed one)`);
    }
    const now = new Date();
    for (const [index, id] of input.ids.entries()) {
      await tx.update(villagesBuildings).set({ sortOrder: index, updatedAt: now }).where(and(eq(villagesBuildings.id, id), eq(villagesBuildings.villageId, village.id)));
    }
    const before = [...rows].sort((a, b) => a.sortOrder - b.sortOrder).map((row) => row.id);
    await recordVillageWrite(tx, actor, village, { action: 'update', tableName: 'villages_buildings', recordId: village.id, before: { order: before }, after: { order: input.ids } });
    return { ids: input.ids };
  });
}
