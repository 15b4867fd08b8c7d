import { z } from 'zod';
import { describeInput, globalIdSchema, integerIn, nulSafeText, uuidSchema, adminCodeSchema } from '@kernel/zod-fields';
import { ELEMENTS_PAGE_LIMIT_DEFAULT, ELEMENTS_PAGE_LIMIT_MAX } from './page-limits';

/**
 * Zod input schemas of the twin router (trust boundary, STYLE rule 11). Exported for forms and tests.
 *
 * Shared fields (GlobalId, UUID, NUL-safe text, quoting of rejected values) come from kernel/zod-fields.ts.
 * @see docs/api.md "tRPC routers"
 */

/** Longest IFC class name accepted as a filter, characters (the longest IFC4X3 entity name has 45). */
export const IFC_CLASS_MAX_CHARS = 100;
/** Longest storey name or name search accepted as a filter, characters. */
export const FILTER_TEXT_MAX_CHARS = 200;

/** `twin.models.byId` input. */
export const modelByIdInput = z.object({ id: uuidSchema });

/** `twin.elements.list` input: filters (all optional, combined with AND) and a page. */
export const elementsListInput = z.object({
  modelId: uuidSchema,
  /** Exact IFC class as listed by `twin.elements.facets` (e.g. `IfcWall`). */
  ifcClass: nulSafeText(IFC_CLASS_MAX_CHARS, 1).optional(),
  /** Exact storey name as listed by `twin.elements.facets`. */
  storey: nulSafeText(FILTER_TEXT_MAX_CHARS, 1).optional(),
  /** Case-insensitive substring of the element name, or an exact GlobalId (trimmed). */
  q: z.string().trim().pipe(nulSafeText(FILTER_TEXT_MAX_CHARS, 1)).optional(),
  /** Page size, elements. */
  limit: integerIn(1, ELEMENTS_PAGE_LIMIT_MAX).default(ELEMENTS_PAGE_LIMIT_DEFAULT),
  /** Elements skipped before the page. */
  offset: integerIn(0, Number.MAX_SAFE_INTEGER).default(0),
});

/** `twin.elements.facets` input. */
export const elementFacetsInput = z.object({ modelId: uuidSchema });

/** `twin.elements.byGlobalId` input; without `modelId` the most recent ready model with that GlobalId answers. */
export const elementByGlobalIdInput = z.object({ globalId: globalIdSchema, modelId: uuidSchema.optional() });

/** `twin.regions.list` input (may be omitted: all regions). */
export const regionsListInput = z
  .object({
    level: z
      .enum(['province', 'city', 'county'], { error: (issue) => `must be province, city or county, got ${describeInput(issue.input)}` })
      .optional(),
    /** 6-digit admin code of the parent (360000 = the province). */
    parentCode: adminCodeSchema.optional(),
  })
  .default({});

/** `twin.savedViews.remove` input. */
export const savedViewRemoveInput = z.object({ id: uuidSchema });
