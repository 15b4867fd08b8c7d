import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { elements, models } from '@server/db/schema/twin';
import { NotFoundError } from '@kernel/errors';
import type { elementByGlobalIdInput, elementFacetsInput, elementsListInput } from './inputs';
import { assertModelVisible, visibleModelsSql } from './model-access';
import type { ElementDetail, ElementFacets, ElementSummary } from './types';

/**
 * Elements of converted models: filtered pages, facet counts, and lookup by GlobalId (what picking a feature
 * in the viewer asks for).
 * @see docs/api.md `twin.elements.*`
 */

const summaryColumns = {
  globalId: elements.globalId,
  expressId: elements.expressId,
  ifcClass: elements.ifcClass,
  name: elements.name,
  storey: elements.storey,
};

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * One page of a model's elements, ordered by IFC class, name, GlobalId.
 * `q` matches a case-insensitive substring of the name, or the GlobalId exactly.
 * @returns the page and the total number of matching elements
 * @throws {NotFoundError} when the model does not exist or the actor may not see it
 */
export async function listElements(
  db: Db,
  actor: Actor | null,
  input: z.output<typeof elementsListInput>,
): Promise<{ items: ElementSummary[]; total: number }> {
  await assertModelVisible(db, actor, input.modelId);
  const filters: SQL[] = [eq(elements.modelId, input.modelId)];
  if (input.ifcClass) filters.push(eq(elements.ifcClass, input.ifcClass));
  if (input.storey) filters.push(eq(elements.storey, input.storey));
  if (input.q) {
    const byName = ilike(elements.name, `%${likeEscape(input.q)}%`);
    filters.push(or(byName, eq(elements.globalId, input.q)) ?? byName);
  }
  const where = and(...filters);
  const [items, [{ total }]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(elements)
      .where(where)
      .orderBy(asc(elements.ifcClass), sql`${elements.name} ASC NULLS LAST`, asc(elements.globalId))
      .limit(input.limit)
      .offset(input.offset),
    db.select({ total: count() }).from(elements).where(where),
  ]);
  return { items, total };
}

/**
 * Element counts per IFC class and per storey (elements without a storey are not counted in `storeys`).
 * @throws {NotFoundError} when the model does not exist or the actor may not see it
 */
export async function elementFacets(db: Db, actor: Actor | null, input: z.output<typeof elementFacetsInput>): Promise<ElementFacets> {
  await assertModelVisible(db, actor, input.modelId);
  const n = count();
  const [classes, storeys] = await Promise.all([
    db
      .select({ ifcClass: elements.ifcClass, count: n })
      .from(elements)
      .where(eq(elements.modelId, input.modelId))
      .groupBy(elements.ifcClass)
      .orderBy(desc(n), asc(elements.ifcClass)),
    db
      .select({ storey: sql<string>`${elements.storey}`, count: n })
      .from(elements)
      .where(and(eq(elements.modelId, input.modelId), sql`${elements.storey} IS NOT NULL`))
      .groupBy(elements.storey)
      .orderBy(asc(elements.storey)),
  ]);
  return { classes, storeys };
}

/**
 * The element with this GlobalId: in the given model, or — without `modelId` — in the most recently updated
 * ready model that has it (a GlobalId is stable across versions of one building); only models the actor may see.
 * @throws {NotFoundError} naming the GlobalId (and model) when there is none
 */
export async function elementByGlobalId(
  db: Db,
  actor: Actor | null,
  input: z.output<typeof elementByGlobalIdInput>,
): Promise<ElementDetail> {
  const filters: SQL[] = [eq(elements.globalId, input.globalId), visibleModelsSql(actor)];
  if (input.modelId) filters.push(eq(elements.modelId, input.modelId));
  const [row] = await db
    .select({
      ...summaryColumns,
      modelId: elements.modelId,
      modelName: models.name,
      modelNameEn: sql<string>`coalesce(${models.nameEn}, ${models.name})`,
      typeName: elements.typeName,
      material: elements.material,
      propertySets: elements.propertySets,
    })
    .from(elements)
    .innerJoin(models, eq(models.id, elements.modelId))
    .where(and(...filters))
    .orderBy(sql`${models.status} = 'ready' DESC`, desc(models.updatedAt))
    .limit(1);
  if (!row) {
    const where = input.modelId ? ` in model ${input.modelId}` : '';
    throw new NotFoundError(`element with GlobalId ${input.globalId} not found${where}`, {
      context: { globalId: input.globalId, modelId: input.modelId ?? null },
    });
  }
  return row;
}
