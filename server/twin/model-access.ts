import { and, eq, or, type SQL } from 'drizzle-orm';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { models, type ModelVisibility } from '@server/db/schema/twin';
import { NotFoundError } from '@kernel/errors';

/**
 * Who may see which model, in one place for every twin service and the tile route: anyone sees `public`
 * models; a signed-in account also sees `internal` models whose region lies in its scope
 * (server/accounts/region-scope.ts). A model outside the caller's view answers "not found", as if it did not
 * exist, so ids from another region reveal nothing.
 */

/**
 * SQL condition on `models` rows the actor may see. An account that has not yet replaced its one-time password
 * sees what an anonymous visitor sees (whoever issued the password also knows it).
 */
export function visibleModelsSql(actor: Actor | null): SQL {
  const isPublic = eq(models.visibility, 'public');
  if (!actor || actor.mustChangePassword) return isPublic;
  return or(isPublic, regionScopeSql(models.regionCode, actor.regionCode)) ?? isPublic;
}

/**
 * Checks that the model exists and the actor may see it.
 * @returns the model's visibility (the tile route caches public models publicly, internal ones privately)
 * @throws {NotFoundError} when the model does not exist or lies outside the actor's view
 */
export async function assertModelVisible(db: Db, actor: Actor | null, modelId: string): Promise<ModelVisibility> {
  const [row] = await db
    .select({ visibility: models.visibility })
    .from(models)
    .where(and(eq(models.id, modelId), visibleModelsSql(actor)));
  if (!row) throw new NotFoundError(`model ${modelId} does not exist`, { context: { modelId } });
  return row.visibility;
}
