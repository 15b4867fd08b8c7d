import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { savedViews } from '@server/db/schema/twin';
import { ConflictError, NotFoundError } from '@kernel/errors';
import { SAVED_VIEWS_MAX_PER_ACCOUNT, type SavedView, type savedViewInputSchema } from '@kernel/saved-view';
import type { savedViewRemoveInput } from './inputs';

/**
 * Saved views (保存的视角) of signed-in accounts: each account lists, creates and removes its own only; another
 * account's view answers "not found", as if it did not exist. At most {@link SAVED_VIEWS_MAX_PER_ACCOUNT} per account.
 *
 * Notes: not audited. A view is a personal bookmark (camera + layer switches), not a record of the department; the
 * audit trail (append-only) records changes to shared data and accounts, and would fill with bookmarks.
 * @see docs/api.md `twin.savedViews.*`
 */

const viewColumns = {
  id: savedViews.id,
  name: savedViews.name,
  camera: savedViews.camera,
  layerVisibility: savedViews.layerVisibility,
  createdAt: savedViews.createdAt,
};

/** The actor's views, newest first. */
export async function listSavedViews(db: Db, actor: Actor): Promise<SavedView[]> {
  return db.select(viewColumns).from(savedViews).where(eq(savedViews.userId, actor.userId)).orderBy(desc(savedViews.createdAt), desc(savedViews.id));
}

/**
 * Saves a view for the actor.
 * @returns the stored view
 * @throws {ConflictError} when the actor already has {@link SAVED_VIEWS_MAX_PER_ACCOUNT} views
 */
export async function createSavedView(db: Db, actor: Actor, input: z.output<typeof savedViewInputSchema>): Promise<SavedView> {
  return db.transaction(async (tx) => {
    // Serialises one account's creates, so that two at once cannot both pass the count below.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`saved_views:${actor.userId}`}))`);
    const [{ n }] = await tx.select({ n: count() }).from(savedViews).where(eq(savedViews.userId, actor.userId));
    if (n >= SAVED_VIEWS_MAX_PER_ACCOUNT) {
      throw new ConflictError(`saved views: at most ${SAVED_VIEWS_MAX_PER_ACCOUNT} per account; delete one first`, { context: { count: n } });
    }
    const [row] = await tx
      .insert(savedViews)
      .values({ userId: actor.userId, name: input.name, camera: input.camera, layerVisibility: input.layerVisibility })
      .returning(viewColumns);
    return row;
  });
}

/**
 * Deletes one of the actor's views.
 * @throws {NotFoundError} when the actor has no view with this id (another account's included)
 */
export async function removeSavedView(db: Db, actor: Actor, input: z.output<typeof savedViewRemoveInput>): Promise<{ id: string }> {
  const [row] = await db
    .delete(savedViews)
    .where(and(eq(savedViews.id, input.id), eq(savedViews.userId, actor.userId)))
    .returning({ id: savedViews.id });
  if (!row) throw new NotFoundError(`saved view ${input.id} does not exist`, { context: { savedViewId: input.id } });
  return row;
}
