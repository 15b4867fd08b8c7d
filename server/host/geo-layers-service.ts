import { and, eq, inArray } from 'drizzle-orm';
import { InputError, NotFoundError } from '@kernel/errors';
import { GEOJSON_DATA_KINDS } from '@kernel/layer-kinds';
import { describeInput, layerIdSchema } from '@kernel/zod-fields';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { layers } from '@server/db/schema/twin';
import type { GeoLayerSource, ServerPlate } from './server-plate';

/**
 * GeoJSON FeatureCollections (WGS84 lon/lat) of catalogue layers whose kind is data-driven (`GEOJSON_DATA_KINDS`),
 * built by the owning plate's {@link GeoLayerSource} and returned as ready-to-send JSON text.
 * @see docs/api.md "GET /api/geo/<layerId>"
 */

/** The source of one layer id in a plate list, or `undefined` (own keys only: `constructor` is not a layer). */
export function geoLayerSourceOf(plates: readonly ServerPlate[], layerId: string): GeoLayerSource | undefined {
  for (const plate of plates) {
    const sources = plate.geoLayers ?? {};
    if (Object.hasOwn(sources, layerId)) return sources[layerId];
  }
  return undefined;
}

/**
 * Checks a layer id from a URL and finds its source: the catalogue must list it with a data-driven kind and a
 * plate must serve it (a declared `geoLayers` entry, else the owning plate's `runtimeGeoLayer`).
 * @throws {InputError} when the id is malformed
 * @throws {NotFoundError} when the catalogue has no such layer or no plate serves it
 */
export async function resolveGeoLayer(
  db: Db,
  plates: readonly ServerPlate[],
  layerId: string,
): Promise<{ layerId: string; source: GeoLayerSource; updatedAt: Date }> {
  const parsed = layerIdSchema.safeParse(layerId);
  if (!parsed.success) throw new InputError(`geo: layer id must look like "regions-city", got ${describeInput(layerId)}`, { context: { layerId } });
  const [layer] = await db
    .select({ id: layers.id, plate: layers.plate, origin: layers.origin, visibility: layers.visibility, updatedAt: layers.updatedAt })
    .from(layers)
    .where(and(eq(layers.id, parsed.data), inArray(layers.kind, [...GEOJSON_DATA_KINDS])));
  const source = geoLayerSourceOf(plates, parsed.data) ?? (layer ? plates.find((plate) => plate.slug === layer.plate)?.runtimeGeoLayer?.(layer) : undefined);
  if (!layer || !source) throw new NotFoundError(`geo: no GeoJSON layer ${parsed.data}`, { context: { layerId: parsed.data } });
  return { layerId: parsed.data, source, updatedAt: layer.updatedAt };
}

/**
 * The FeatureCollection of one catalogue layer as JSON text.
 * @param actor passed to region-scoped sources (null = anonymous)
 * @throws {InputError} when the id is malformed
 * @throws {NotFoundError} when the catalogue has no such GeoJSON layer or no plate serves it
 */
export async function geoLayerGeoJson(db: Db, actor: Actor | null, plates: readonly ServerPlate[], input: { layerId: string }): Promise<string> {
  const { layerId, source } = await resolveGeoLayer(db, plates, input.layerId);
  const result = await db.execute<{ body: string }>(source.cache === 'public' ? source.query() : source.query(actor));
  if (!result.rows[0]) throw new NotFoundError(`geo: no GeoJSON layer ${layerId}`, { context: { layerId } });
  return result.rows[0].body;
}
