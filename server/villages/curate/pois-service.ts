import { eq } from 'drizzle-orm';
import { changedFields } from '@server/accounts/audit';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesPois } from '@server/db/schema/villages';
import type { PoiCreateInput, PoiUpdateInput, RowDeleteInput } from './curate-inputs';
import type { EditorPoi } from './village-editor';
import { assertNotStale, curatedChildRow, curatedVillage, recordVillageWrite } from './village-scope';

/** Points of interest (古井, 古树, 码头 …) of a village: create, change, remove. Positions `[lon, lat]` degrees. */

async function poiById(tx: Db, id: string): Promise<EditorPoi> {
  const [row] = await tx.select().from(villagesPois).where(eq(villagesPois.id, id));
  const { villageId: _villageId, position, ...rest } = row;
  return { ...rest, position: [position.coordinates[0], position.coordinates[1]] };
}

/**
 * Adds a point of interest.
 * @throws {NotFoundError} outside the actor's region
 */
export async function createPoi(db: Db, actor: Actor, input: PoiCreateInput): Promise<EditorPoi> {
  const { code, position, ...fields } = input;
  return db.transaction(async (tx) => {
    const village = await curatedVillage(tx, actor, code, true);
    const [{ id }] = await tx
      .insert(villagesPois)
      .values({ ...fields, villageId: village.id, position: { type: 'Point', coordinates: position }, updatedAt: new Date() })
      .returning({ id: villagesPois.id });
    await recordVillageWrite(tx, actor, village, { action: 'create', tableName: 'villages_pois', recordId: id, after: { ...fields, position } });
    return poiById(tx, id);
  });
}

/**
 * Changes the fields given of a point of interest.
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when it changed since it was read
 */
export async function updatePoi(db: Db, actor: Actor, input: PoiUpdateInput): Promise<EditorPoi> {
  const { id, updatedAt, position, ...fields } = input;
  return db.transaction(async (tx) => {
    const row = await curatedChildRow(tx, actor, 'villages_pois', id);
    assertNotStale(`point of interest ${id}`, row.updatedAt, updatedAt, row.village);
    const before = await poiById(tx, id);
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const diff = changedFields(before as unknown as Record<string, unknown>, position ? { ...changes, position } : changes);
    await tx
      .update(villagesPois)
      .set({ ...changes, ...(position ? { position: { type: 'Point' as const, coordinates: position } } : {}), updatedAt: new Date() })
      .where(eq(villagesPois.id, id));
    await recordVillageWrite(tx, actor, row.village, { action: 'update', tableName: 'villages_pois', recordId: id, ...diff });
    return poiById(tx, id);
  });
}

/**
 * Removes a point of interest.
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when it changed since it was read
 */
export async function deletePoi(db: Db, actor: Actor, input: RowDeleteInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const row = await curatedChildRow(tx, actor, 'villages_pois', input.id);
    assertNotStale(`point of interest ${input.id}`, row.updatedAt, input.updatedAt, row.village);
    const before = await poiById(tx, input.id);
    await tx.delete(villagesPois).where(eq(villagesPois.id, input.id));
    await recordVillageWrite(tx, actor, row.village, { action: 'delete', tableName: 'villages_pois', recordId: input.id, before: { kind: before.kind, nameZh: before.nameZh } });
    return { id: input.id };
  });
}
