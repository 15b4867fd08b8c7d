import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { regionCovers, regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { layers, type LayerVisibility } from '@server/db/schema/twin';
import { NotFoundError, ScopeError } from '@kernel/errors';

/**
 * Who may see and who may change which catalogue layer, in one place (the layer list, `/api/geo`, the catalogue tile
 * route, the CSP origin list and the admin procedures all use it). Same rule as models (../model-access.ts): seeded
 * and `public` layers are seen by anyone; an `internal` registered/uploaded layer only by signed-in staff (one-time
 * password replaced) whose region scope covers the layer's `region_code`. A layer outside the caller's view answers
 * "not found", as if it did not exist.
 */

/** SQL condition on `layers` rows the actor may see. */
export function visibleLayersSql(actor: Actor | null): SQL {
  const open = or(eq(layers.origin, 'seed'), eq(layers.visibility, 'public')) as SQL;
  if (!actor || actor.mustChangePassword) return open;
  return or(open, regionScopeSql(layers.regionCode, actor.regionCode)) ?? open;
}

/** Whether `actor` may see a layer of this visibility and region (the SQL rule of {@link visibleLayersSql} in code). */
export function canSeeLayer(actor: Actor | null, layer: { origin: string; visibility: LayerVisibility; regionCode: string | null }): boolean {
  if (layer.origin === 'seed' || layer.visibility === 'public') return true;
  return actor !== null && !actor.mustChangePassword && regionCovers(actor.regionCode, layer.regionCode);
}

/**
 * Checks that an admin may register, change or remove a layer of `regionCode`: its own region or one inside it
 * (a city admin: its city and its counties; the province admin: all of Jiangxi).
 * @throws {ScopeError} naming both regions when `regionCode` lies outside the actor's scope
 */
export function assertAdministers(actor: Actor, regionCode: string): void {
  if (!regionCovers(actor.regionCode, regionCode)) {
    throw new ScopeError(`regionCode: ${regionCode} lies outside your region ${actor.regionCode}`, { context: { regionCode, actorRegion: actor.regionCode } });
  }
}

/** A visible registered/uploaded layer as the tile and GeoJSON routes need it. */
export interface VisibleCatalogueLayer {
  id: string;
  kind: string;
  origin: string;
  visibility: LayerVisibility;
  regionCode: string | null;
}

/**
 * Finds a layer of `origin` that the actor may see.
 * @throws {NotFoundError} when there is no such layer or it lies outside the actor's view
 */
export async function visibleCatalogueLayer(db: Db, actor: Actor | null, layerId: string, origin: 'uploaded' | 'registered'): Promise<VisibleCatalogueLayer> {
  const [row] = await db
    .select({ id: layers.id, kind: layers.kind, origin: layers.origin, visibility: layers.visibility, regionCode: layers.regionCode })
    .from(layers)
    .where(and(eq(layers.id, layerId), eq(layers.origin, origin), visibleLayersSql(actor)));
  if (!row) throw new NotFoundError(`catalogue: no layer ${layerId}`, { context: { layerId } });
  return row;
}

/** `layers.origin <> 'seed'` (registered or uploaded rows). */
export const IS_CATALOGUE_ROW: SQL = sql`${layers.origin} <> 'seed'`;
