/**
 * Page sizes of `twin.elements.list`, shared by its input schema (server/twin/inputs.ts) and clients that page
 * through a whole model (the inspection page). No imports, so a client bundle takes only these numbers.
 * @see docs/api.md `twin.elements.list`
 */

/** Default page size of `twin.elements.list`, elements. */
export const ELEMENTS_PAGE_LIMIT_DEFAULT = 50;

/** Largest page size of `twin.elements.list`, elements (a larger `limit` is BAD_REQUEST). */
export const ELEMENTS_PAGE_LIMIT_MAX = 500;
