import PLATE_SLUG_LIST from './plate-slugs.json';

/**
 * The plate slugs (the house style's table): folder names, router keys, table prefixes, routes. The list lives in
 * `plate-slugs.json` so that the dependency rules (`.dependency-cruiser.cjs`) read the same one; a plate whose slug
 * is not listed is refused by the plate host, so no plate escapes those rules.
 */
export const PLATE_SLUGS: readonly string[] = PLATE_SLUG_LIST;

/** Whether `slug` is a listed plate slug. */
export function isPlateSlug(slug: string): boolean {
  return PLATE_SLUGS.includes(slug);
}
