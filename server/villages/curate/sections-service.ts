import { and, eq } from 'drizzle-orm';
import { ConflictError } from '@kernel/errors';
import { changedFields } from '@server/accounts/audit';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { villagesSections } from '@server/db/schema/villages';
import type { SectionUpsertInput } from './curate-inputs';
import type { EditorSection } from './village-editor';
import { assertNotStale, curatedVillage, recordVillageWrite } from './village-scope';

/**
 * Writes one Markdown section (概况, 历史文化, 民俗文化, 传统技艺) of a village: creates it when the village has none of
 * that kind, else replaces its text. An empty `bodyZh` hides the section on the public page.
 * @param input.updatedAt the section's `updatedAt` as read, null when the editor saw none of this kind
 * @throws {NotFoundError} outside the actor's region
 * @throws {ConflictError} when the section changed (or was created) since the editor read it
 */
export async function upsertSection(db: Db, actor: Actor, input: SectionUpsertInput): Promise<EditorSection> {
  return db.transaction(async (tx) => {
    const village = await curatedVillage(tx, actor, input.code, true);
    const [existing] = await tx
      .select()
      .from(villagesSections)
      .where(and(eq(villagesSections.villageId, village.id), eq(villagesSections.kind, input.kind)));
    const what = `section ${input.kind} of village ${input.code}`;
    const now = new Date();
    const fields = { bodyZh: input.bodyZh, bodyEn: input.bodyEn };
    let row: EditorSection;
    if (!existing) {
      if (input.updatedAt) throw new ConflictError(`${what} no longer exists; reload to see the changes`);
      [row] = await tx.insert(villagesSections).values({ villageId: village.id, kind: input.kind, ...fields, updatedAt: now }).returning();
      await recordVillageWrite(tx, actor, village, { action: 'create', tableName: 'villages_sections', recordId: row.id, after: { kind: input.kind, ...fields } });
    } else {
      if (!input.updatedAt) throw new ConflictError(`${what} was created by ${village.updatedByName ?? 'another editor'} after you opened it; reload to see it`);
      assertNotStale(what, existing.updatedAt, input.updatedAt, village);
      [row] = await tx.update(villagesSections).set({ ...fields, updatedAt: now }).where(eq(villagesSections.id, existing.id)).returning();
      await recordVillageWrite(tx, actor, village, { action: 'update', tableName: 'villages_sections', recordId: row.id, ...changedFields(existing, fields) });
    }
    return { id: row.id, kind: row.kind, bodyZh: row.bodyZh, bodyEn: row.bodyEn, updatedAt: row.updatedAt };
  });
}
