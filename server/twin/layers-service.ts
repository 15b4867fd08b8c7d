import { and, asc, desc, eq } from 'drizzle-orm';
import { modelLayerIdOf } from '@data/twin/model-layer-id';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { layers, models } from '@server/db/schema/twin';
import { visibleLayersSql } from './catalogue/layer-access';
import { visibleModelsSql } from './model-access';
import { tilesetUrlOf } from './models-service';
import type { Layer } from './types';

/**
 * The layer catalogue: seeded rows (`layers` table) followed by one `model-<id>` tileset layer per ready model.
 * @see data/twin/layers.ts, docs/api.md `twin.layers.list`
 */

/** CIM level of a BIM model shown with its components (DOMAIN.md: CIM6 = BIM components). */
export const MODEL_LAYER_CIM_LEVEL = 6;


/**
 * Catalogue layers the actor may see in tree order (seeded, public registered/uploaded, and internal ones of its
 * region scope: catalogue/layer-access.ts), then the ready models the actor may see (most recently updated first).
 * @param actor null = anonymous (public models and public layers only; see model-access.ts)
 */
export async function listLayers(db: Db, actor: Actor | null): Promise<Layer[]> {
  const [catalogue, ready] = await Promise.all([
    db
      .select({
        id: layers.id,
        plate: layers.plate,
        title: layers.title,
        titleEn: layers.titleEn,
        kind: layers.kind,
        cimLevel: layers.cimLevel,
        source: layers.source,
        url: layers.url,
        defaultVisible: layers.defaultVisible,
        style: layers.style,
        options: layers.options,
        origin: layers.origin,
        attribution: layers.attribution,
        updatedAt: layers.updatedAt,
      })
      .from(layers)
      .where(visibleLayersSql(actor))
      .orderBy(asc(layers.sortOrder), asc(layers.id)),
    db
      .select({
        id: models.id,
        name: models.name,
        nameEn: models.nameEn,
        regionCode: models.regionCode,
        fileName: models.fileName,
        schema: models.schema,
        georefMethod: models.georefMethod,
        epsg: models.epsg,
        anchor: models.anchor,
        updatedAt: models.updatedAt,
      })
      .from(models)
      .where(and(eq(models.status, 'ready'), visibleModelsSql(actor)))
      .orderBy(desc(models.updatedAt)),
  ]);
  const modelLayers: Layer[] = ready.map((m) => ({
    id: modelLayerIdOf(m.id),
    plate: 'twin',
    title: m.name,
    titleEn: m.nameEn ?? m.name,
    kind: 'tileset',
    cimLevel: MODEL_LAYER_CIM_LEVEL,
    source: `IFC ${m.fileName} (${m.schema}) converted to 3D Tiles 1.1; georeference: ${m.georefMethod}${m.epsg ? ` (EPSG:${m.epsg})` : ''}`,
    url: tilesetUrlOf(m.id),
    // Models outside Jiangxi (no region: test files from abroad) stay in the tree but start switched off.
    defaultVisible: m.regionCode !== null,
    style: null,
    // No terrain by default: the model is lowered by its anchor height so that it stands on the ellipsoid.
    options: { groundOffsetM: m.anchor?.coordinates[2] ?? 0 },
    origin: 'seed',
    attribution: null,
    updatedAt: m.updatedAt,
  }));
  return [...catalogue, ...modelLayers];
}
