import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { asGeoJson } from '@server/db/columns/geo';
import type { GeoJsonPoint, GeoJsonPolygon } from '@server/db/columns/geojson';
import { models } from '@server/db/schema/twin';
import { NotFoundError } from '@kernel/errors';
import type { modelByIdInput } from './inputs';
import { visibleModelsSql } from './model-access';
import type { AnchorDeg, ModelDetail, ModelSummary } from './types';

/**
 * Converted models: list and detail, limited to the models the actor may see (model-access.ts).
 * @see docs/api.md `twin.models.*`
 */

/** URL of a model's tileset under the `/tiles/<modelId>/...` route. */
export function tilesetUrlOf(modelId: string): string {
  return `/tiles/${modelId}/tileset.json`;
}

const summaryColumns = {
  id: models.id,
  name: models.name,
  nameEn: sql<string>`coalesce(${models.nameEn}, ${models.name})`,
  fileName: models.fileName,
  schema: models.schema,
  status: models.status,
  georefMethod: models.georefMethod,
  epsg: models.epsg,
  anchor: asGeoJson<GeoJsonPoint>(models.anchor, 9),
  headingDeg: models.headingDeg,
  heightM: models.heightM,
  elementCount: models.elementCount,
  regionCode: models.regionCode,
  updatedAt: models.updatedAt,
};

type SummaryRow = { [K in keyof typeof summaryColumns]: unknown } & {
  anchor: GeoJsonPoint | null;
};

function anchorOf(point: GeoJsonPoint | null): AnchorDeg | null {
  if (!point) return null;
  const [lonDeg, latDeg, heightM = 0] = point.coordinates;
  return { lonDeg, latDeg, heightM };
}

function toSummary(row: SummaryRow & Omit<ModelSummary, 'anchor' | 'tilesetUrl'>): ModelSummary {
  return { ...row, anchor: anchorOf(row.anchor), tilesetUrl: tilesetUrlOf(row.id) };
}

/**
 * Every model the actor may see: those inside Jiangxi (with a region) first, then the out-of-province samples;
 * each group most recently updated first.
 * @param actor null = anonymous (public models only)
 */
export async function listModels(db: Db, actor: Actor | null): Promise<ModelSummary[]> {
  const rows = await db.select(summaryColumns).from(models).where(visibleModelsSql(actor)).orderBy(sql`${models.regionCode} is null`, desc(models.updatedAt), models.name);
  return rows.map(toSummary);
}

/**
 * One model with its report and footprint.
 * @throws {NotFoundError} when no model has this id or the actor may not see it
 */
export async function modelById(db: Db, actor: Actor | null, input: z.output<typeof modelByIdInput>): Promise<ModelDetail> {
  const [row] = await db
    .select({
      ...summaryColumns,
      sourceSha256: models.sourceSha256,
      report: models.report,
      footprint: asGeoJson<GeoJsonPolygon>(models.footprint, 9),
      errorMessage: models.errorMessage,
    })
    .from(models)
    .where(and(eq(models.id, input.id), visibleModelsSql(actor)));
  if (!row) throw new NotFoundError(`model ${input.id} does not exist`, { context: { modelId: input.id } });
  const { sourceSha256, report, footprint, errorMessage, ...summary } = row;
  return { ...toSummary(summary), sourceSha256, report, footprint, errorMessage };
}
