/**
 * Addresses the panorama page links to (plain functions: used by the server page and the client stage alike).
 * The village page's building entries are anchored `building-<id>`.
 */

/** Address of a village's page, or of a building entry on it. */
export function villageHref(code: string, buildingId?: string): string {
  return `/villages/${code}${buildingId ? `#building-${buildingId}` : ''}`;
}

/** Address of a panorama page. */
export function panoramaHref(code: string, panoramaId: string): string {
  return `/villages/${code}/panoramas/${panoramaId}`;
}
