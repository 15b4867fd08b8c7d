/**
 * Jiangxi's bounding box, degrees WGS84 `[west, south, east, north]`, rounded outward by ≈ 0.05°: the province spans
 * 113°34′–118°28′E and 24°29′–30°04′N (江西省人民政府, 江西概况 — 地理位置). Positions and polygons of the village
 * museum must lie inside it (server check and the curators' form check alike).
 */
export const JIANGXI_BBOX_DEG = [113.5, 24.4, 118.6, 30.1] as const;

/** Most positions of all rings of one polygon together (a surveyed village boundary has a few hundred). */
export const MAX_POLYGON_VERTICES = 2000;

/** Most rings of one polygon (the outer ring and its holes, e.g. courtyards of a building footprint). */
export const MAX_POLYGON_RINGS = 50;
