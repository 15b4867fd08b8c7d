import { and, asc, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { regions } from '@server/db/schema/regions';
import { elements, models } from '@server/db/schema/twin';
import { limitToDeadline, type SearchPoint, type SearchResult } from '@server/host/plate-search';
import { GLOBAL_ID_PATTERN } from '@kernel/zod-fields';
import { REGION_LEVELS } from '@data/twin/region-levels';
import { REGION_NAMES_EN } from '@data/twin/region-names-en';
import { modelLayerIdOf } from '@data/twin/model-layer-id';
import { visibleModelsSql } from './model-access';
import { REGION_BBOX_COLUMNS } from './regions-service';

/**
 * The twin plate's part of the header search (server/host/plate-search.ts): regions (name, English name of the
 * cities, 6-digit code), models (name, English name, file name) and elements (GlobalId exact or prefix, name),
 * only of models the actor may see (model-access.ts; anonymous: public models), ready ones only (others have no
 * tileset to fly to).
 *
 * Notes: name matches are `ILIKE '%q%'` with `%`, `_` and `\` escaped, so user text never acts as a pattern; element
 * names use the `elements_name_trgm` GIN index (pg_trgm serves ILIKE for queries of ≥ 3 characters; shorter ones scan
 * the visible models' elements, bounded by the host's statement timeout). A GlobalId prefix needs ≥
 * {@link GLOBAL_ID_PREFIX_MIN_CHARS} characters, so a short word does not list thousands of elements.
 * @see docs/api.md `search.query`
 */

/** Shortest GlobalId prefix searched, characters (≈ 36 bits: a prefix this long names few elements). */
export const GLOBAL_ID_PREFIX_MIN_CHARS = 6;
/** Shortest text matched against element names, characters. */
export const ELEMENT_NAME_MIN_CHARS = 2;
/** Building height assumed for a model without one, m. */
const DEFAULT_MODEL_HEIGHT_M = 10;
/** Smallest fly-to radius of a model, m. */
const MIN_MODEL_RADIUS_M = 20;
/** Smallest fly-to radius of an element, m (a door still gets its wall around it). */
const MIN_ELEMENT_RADIUS_M = 6;

/** Escapes `%`, `_` and `\` so that `text` matches itself in a LIKE pattern (default escape character `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Rank of a name match: 0 exact, 1 prefix, 2 elsewhere (SQL, case-insensitive). */
function matchRank(column: SQL | typeof regions.name, q: string): SQL<number> {
  const prefix = `${escapeLike(q)}%`;
  return sql<number>`CASE WHEN lower(${column}) = lower(${q}) THEN 0 WHEN ${column} ILIKE ${prefix} THEN 1 ELSE 2 END`;
}

/**
 * A model's fly-to sphere: the twin stands every model on the ellipsoid (lowered by its anchor height), so the
 * centre is half the building height above 0 m.
 */
function modelPoint(lonDeg: number, latDeg: number, heightM: number | null): SearchPoint {
  const buildingHeightM = heightM ?? DEFAULT_MODEL_HEIGHT_M;
  return { lonDeg, latDeg, heightEllipsoidalM: buildingHeightM / 2, radiusM: Math.max(MIN_MODEL_RADIUS_M, buildingHeightM) };
}

async function searchRegions(db: Db, q: string, limit: number): Promise<SearchResult[]> {
  const lower = q.toLowerCase();
  const englishCodes = Object.entries(REGION_NAMES_EN)
    .filter(([, name]) => name.toLowerCase().includes(lower))
    .map(([code]) => code);
  const filters: SQL[] = [ilike(regions.name, `%${escapeLike(q)}%`)];
  if (/^\d{1,6}$/.test(q)) filters.push(like(regions.code, `${q}%`));
  if (englishCodes.length) filters.push(inArray(regions.code, englishCodes));
  const rows = await db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      ...REGION_BBOX_COLUMNS,
    })
    .from(regions)
    .where(or(...filters))
    .orderBy(matchRank(regions.name, q), sql`CASE ${regions.level} WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END`, asc(regions.code))
    .limit(limit);
  return rows.map((row) => {
    const level = REGION_LEVELS.find((candidate) => candidate.level === row.level);
    return {
      kind: 'region',
      id: row.code,
      title: { 'zh-CN': row.name, en: REGION_NAMES_EN[row.code] ?? row.name },
      subtitle: { 'zh-CN': `${level?.title ?? row.level} · ${row.code}`, en: `${level?.titleEn ?? row.level} · ${row.code}` },
      action: { type: 'fly-to-bbox', bbox: [row.west, row.south, row.east, row.north] },
    };
  });
}

async function searchModels(db: Db, actor: Actor | null, q: string, limit: number): Promise<SearchResult[]> {
  const pattern = `%${escapeLike(q)}%`;
  const rows = await db
    .select({
      id: models.id,
      name: models.name,
      nameEn: models.nameEn,
      fileName: models.fileName,
      heightM: models.heightM,
      lonDeg: sql<number | null>`ST_X(${models.anchor})`,
      latDeg: sql<number | null>`ST_Y(${models.anchor})`,
    })
    .from(models)
    .where(and(visibleModelsSql(actor), eq(models.status, 'ready'), or(ilike(models.name, pattern), ilike(models.nameEn, pattern), ilike(models.fileName, pattern))))
    .orderBy(matchRank(sql`${models.name}`, q), asc(models.name), asc(models.id))
    .limit(limit);
  return rows.map((row) => ({
    kind: 'model',
    id: row.id,
    title: { 'zh-CN': row.name, en: row.nameEn ?? row.name },
    subtitle: { 'zh-CN': row.fileName, en: row.fileName },
    action: {
      type: 'fly-to-point',
      layerId: modelLayerIdOf(row.id),
      point: row.lonDeg === null || row.latDeg === null ? null : modelPoint(row.lonDeg, row.latDeg, row.heightM),
    },
  }));
}

async function searchElements(db: Db, actor: Actor | null, q: string, limit: number): Promise<SearchResult[]> {
  const filters: SQL[] = [];
  const isWholeGlobalId = GLOBAL_ID_PATTERN.test(q);
  if (isWholeGlobalId) filters.push(eq(elements.globalId, q));
  else if (q.length >= GLOBAL_ID_PREFIX_MIN_CHARS && /^[0-3][0-9A-Za-z_$]*$/.test(q)) filters.push(like(elements.globalId, `${escapeLike(q)}%`));
  if (q.length >= ELEMENT_NAME_MIN_CHARS && !isWholeGlobalId) filters.push(ilike(elements.name, `%${escapeLike(q)}%`));
  if (!filters.length) return [];
  const rows = await db
    .select({
      modelId: elements.modelId,
      globalId: elements.globalId,
      ifcClass: elements.ifcClass,
      name: elements.name,
      storey: elements.storey,
      modelName: models.name,
      modelNameEn: models.nameEn,
      modelHeightM: models.heightM,
      bboxEnu: elements.bboxEnu,
      lonDeg: sql<number | null>`ST_X(ST_Centroid(${elements.footprint}))`,
      latDeg: sql<number | null>`ST_Y(ST_Centroid(${elements.footprint}))`,
      anchorLonDeg: sql<number | null>`ST_X(${models.anchor})`,
      anchorLatDeg: sql<number | null>`ST_Y(${models.anchor})`,
    })
    .from(elements)
    .innerJoin(models, eq(models.id, elements.modelId))
    .where(and(visibleModelsSql(actor), eq(models.status, 'ready'), or(...filters)))
    .orderBy(
      sql`${elements.globalId} = ${q} DESC`,
      sql`${elements.globalId} LIKE ${`${escapeLike(q)}%`} DESC`,
      matchRank(sql`${elements.name}`, q),
      sql`length(${elements.name}) ASC NULLS LAST`,
      asc(elements.globalId),
      asc(elements.modelId),
    )
    .limit(limit);
  return rows.map((row) => {
    let point: SearchPoint | null = null;
    if (row.lonDeg !== null && row.latDeg !== null && row.bboxEnu) {
      const { min, max } = row.bboxEnu;
      const halfDiagonalM = Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2;
      // ENU heights are relative to the anchor, which the twin puts on the ellipsoid (0 m).
      point = { lonDeg: row.lonDeg, latDeg: row.latDeg, heightEllipsoidalM: (min[2] + max[2]) / 2, radiusM: Math.max(MIN_ELEMENT_RADIUS_M, halfDiagonalM) };
    } else if (row.anchorLonDeg !== null && row.anchorLatDeg !== null) {
      point = modelPoint(row.anchorLonDeg, row.anchorLatDeg, row.modelHeightM);
    }
    const where = (modelName: string) => [row.ifcClass, row.storey, modelName].filter(Boolean).join(' · ');
    return {
      kind: 'element',
      id: `${row.modelId}:${row.globalId}`,
      title: { 'zh-CN': row.name ?? row.globalId, en: row.name ?? row.globalId },
      subtitle: { 'zh-CN': `${where(row.modelName)} · ${row.globalId}`, en: `${where(row.modelNameEn ?? row.modelName)} · ${row.globalId}` },
      action: { type: 'select', selection: { plate: 'twin', layerId: modelLayerIdOf(row.modelId), featureId: row.globalId }, point },
    };
  });
}

/**
 * Merges per-kind result lists into at most `limit` results, kinds kept in order: each list first gets an equal share
 * (`ceil(limit / lists)`), then what is left goes to the lists in order. So a query that names 20 regions still shows
 * its models and elements.
 */
export function mergeByQuota<T>(lists: readonly (readonly T[])[], limit: number): T[] {
  const share = Math.ceil(limit / Math.max(1, lists.length));
  const taken = lists.map((list) => Math.min(list.length, share));
  let left = limit - taken.reduce((sum, n) => sum + n, 0);
  for (let i = 0; i < lists.length && left > 0; i++) {
    const extra = Math.min(left, lists[i].length - taken[i]);
    if (extra > 0) {
      taken[i] += extra;
      left -= extra;
    }
  }
  if (left < 0) {
    // More lists than limit: the later lists give back what the equal share over-allotted.
    for (let i = lists.length - 1; i >= 0 && left < 0; i--) {
      const back = Math.min(taken[i], -left);
      taken[i] -= back;
      left += back;
    }
  }
  return lists.flatMap((list, i) => list.slice(0, taken[i]));
}

/**
 * The twin's search (the `search` of server/twin/plate.ts).
 * @param query trimmed text, 1..100 characters, no NUL (the host checks)
 * @param limit most results, 1..20
 * @param deadlineMs when the host stops waiting (epoch ms; see server/host/plate-search.ts `limitToDeadline`)
 * @returns at most `limit` results: for a whole GlobalId its element(s); otherwise regions, then models, then
 *   elements (shared by {@link mergeByQuota}), each best match first (exact, prefix, elsewhere)
 */
export async function searchTwin(db: Db, actor: Actor | null, query: string, limit: number, deadlineMs: number): Promise<SearchResult[]> {
  if (GLOBAL_ID_PATTERN.test(query)) return mergeByQuota([await searchElements(db, actor, query, limit)], limit);
  // One connection (the host's transaction): the three queries run one after another, together within the deadline.
  const regions = await searchRegions(db, query, limit);
  await limitToDeadline(db, deadlineMs);
  const models = await searchModels(db, actor, query, limit);
  await limitToDeadline(db, deadlineMs);
  const elements = await searchElements(db, actor, query, limit);
  return mergeByQuota([regions, models, elements], limit);
}
