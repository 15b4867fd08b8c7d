import { and, eq, inArray, sql } from 'drizzle-orm';
import { InputError } from '@kernel/errors';
import { changedFields } from '@server/accounts/audit';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesBuildings, villagesMedia, villagesPanoramas } from '@server/db/schema/villages';
import type { HotspotInput, PanoramaCreateInput, PanoramaUpdateInput, RowDeleteInput } from './curate-inputs';
import type { EditorPanorama } from './village-editor';
import { assertNotStale, curatedChildRow, curatedVillage, recordVillageWrite, type CuratedVillageRef } from './village-scope';

/**
 * Panorama stops (全景漫游) of a village: an equirectangular image of the village's media (kind `panorama`) with
 * hotspots leading to its buildings or other panoramas of the same village.
 */

async function panoramaById(tx: Db, id: string): Promise<EditorPanorama> {
  const [row] = await tx.select().from(villagesPanoramas).where(eq(villagesPanoramas.id, id));
  const { villageId: _villageId, position, ...rest } = row;
  return { ...rest, position: position ? [position.coordinates[0], position.coordinates[1]] : null };
}

/**
 * Refuses a medium that is not a panorama image of the village, and hotspots whose target is not a building or
 * panorama of the same village (`selfId` = the panorama being edited, which may link to itself only by mistake).
 * @throws {InputError} naming the medium or the hotspot (by index) at fault
 */
async function assertPanoramaRefs(tx: Db, village: CuratedVillageRef, mediaId: string | undefined, hotspots: HotspotInput[] | undefined, selfId: string | null): Promise<void> {
  if (mediaId) {
    const [media] = await tx.select({ kind: villagesMedia.kind }).from(villagesMedia).where(and(eq(villagesMedia.id, mediaId), eq(villagesMedia.villageId, village.id)));
    if (!media) throw new InputError(`mediaId: medium ${mediaId} is not an image of village ${village.code}`);
    if (media.kind !== 'panorama') throw new InputError(`mediaId: medium ${mediaId} is a ${media.kind}, not a panorama`);
  }
  if (!hotspots?.length) return;
  const buildingIds = hotspots.filter((h) => h.target.kind === 'building').map((h) => h.target.id);
  const panoramaIds = hotspots.filter((h) => h.target.kind === 'panorama').map((h) => h.target.id);
  const buildings = buildingIds.length
    ? await tx.select({ id: villagesBuildings.id }).from(villagesBuildings).where(and(eq(villagesBuildings.villageId, village.id), inArray(villagesBuildings.id, buildingIds)))
    : [];
  const panoramas = panoramaIds.length
    ? await tx.select({ id: villagesPanoramas.id }).from(villagesPanoramas).where(and(eq(villagesPanoramas.villageId, village.id), inArray(villagesPanoramas.id, panoramaIds)))
    : [];
  const known = new Set([...buildings, ...panoramas].map((row) => row.id));
  for (const [index, hotspot] of hotspots.entries()) {
    if (!known.has(hotspot.target.id) || hotspot.target.id === selfId) {
      throw new InputError(`hotspots.${index}.target: ${hotspot.target.kind} ${hotspot.target.id} is not a ${hotspot.target.kind} of village ${village.code}${hotspot.target.id === selfId ? ' other than this panorama' : ''}`);
    }
  }
}

/**
 * Adds a panorama stop at the end of the village's list.
 * @throws {NotFoundError} outside the actor's region; {@link InputError} for a medium or hotspot target outside the village
 */
export async function createPanorama(db: Db, actor: Actor, input: PanoramaCreateInput): Promise<EditorPanorama> {
  const { code, position, ...fields } = input;
  return db.transaction(async (tx) => {
    const village = await curatedVillage(tx, actor, code, true);
    await assertPanoramaRefs(tx, village, fields.mediaId, fields.hotspots, null);
    const [{ next }] = (
      await tx.execute<{ next: number }>(sql`SELECT coalesce(max(sort_order) + 1, 0)::int AS next FROM villages_panoramas WHERE village_id = ${village.id}`)
    ).rows;
    const [{ id }] = await tx
      .insert(villagesPanoramas)
      .values({ ...fields, villageId: village.id, position: position ? { type: 'Point', coordinates: position } : null, sortOrder: next, updatedAt: new Date() })
      .returning({ id: villagesPanoramas.id });
    await recordVillageWrite(tx, actor, village, { action: 'create', tableName: 'villages_panoramas', recordId: id, after: { ...fields, position } });
    return panoramaById(tx, id);
  });
}

/**
 * Changes the fields given of a panorama stop (`hotspots` replaces the whole list).
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when it changed since it was read;
 *   {@link InputError} for a medium or hotspot target outside the village
 */
export async function updatePanorama(db: Db, actor: Actor, input: PanoramaUpdateInput): Promise<EditorPanorama> {
  const { id, updatedAt, position, ...fields } = input;
  return db.transaction(async (tx) => {
    const row = await curatedChildRow(tx, actor, 'villages_panoramas', id);
    assertNotStale(`panorama ${id}`, row.updatedAt, updatedAt, row.village);
    await assertPanoramaRefs(tx, row.village, fields.mediaId, fields.hotspots, id);
    const before = await panoramaById(tx, id);
    const changes: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const diff = changedFields(before as unknown as Record<string, unknown>, position !== undefined ? { ...changes, position } : changes);
    await tx
      .update(villagesPanoramas)
      .set({ ...changes, ...(position !== undefined ? { position: position ? { type: 'Point' as const, coordinates: position } : null } : {}), updatedAt: new Date() })
      .where(eq(villagesPanoramas.id, id));
    await recordVillageWrite(tx, actor, row.village, { action: 'update', tableName: 'villages_panoramas', recordId: id, ...diff });
    return panoramaById(tx, id);
  });
}

/**
 * Removes a panorama stop (its image stays in the media; hotspots of other panoramas leading to it are dropped).
 * @throws {NotFoundError} outside the actor's region; {@link ConflictError} when it changed since it was read
 */
export async function deletePanorama(db: Db, actor: Actor, input: RowDeleteInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const row = await curatedChildRow(tx, actor, 'villages_panoramas', input.id);
    assertNotStale(`panorama ${input.id}`, row.updatedAt, input.updatedAt, row.village);
    const before = await panoramaById(tx, input.id);
    await tx.delete(villagesPanoramas).where(eq(villagesPanoramas.id, input.id));
    await tx.execute(sql`
      UPDATE villages_panoramas
         SET hotspots = (SELECT coalesce(jsonb_agg(h), '[]'::jsonb) FROM jsonb_array_elements(hotspots) h
                          WHERE NOT (h->'target'->>'kind' = 'panorama' AND h->'target'->>'id' = ${input.id}))
       WHERE village_id = ${row.village.id}`);
    await recordVillageWrite(tx, actor, row.village, { action: 'delete', tableName: 'villages_panoramas', recordId: input.id, before: { titleZh: before.titleZh, mediaId: before.mediaId } });
    return { id: input.id };
  });
}
