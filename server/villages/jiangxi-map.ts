import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';

/**
 * The outlines of Jiangxi's cities and counties for the public site's light map (SVG drawn on the server, no map
 * library), read from the shared `regions` table.
 *
 * Projection: plate carrée stretched by cos(φ₀) at the middle latitude of the province, in SVG units of
 * {@link MAP_UNITS_PER_DEG} per degree of latitude; x = lon · kx, y = −lat · ky (SVG y points down). Over Jiangxi's
 * 5.7° of latitude the east–west scale error stays under ±5 %, which a locator map can afford.
 *
 * Notes: outlines are simplified in the projected units with `ST_SimplifyPreserveTopology` (tolerance
 * {@link OUTLINE_TOLERANCE_UNITS}) and written with `ST_AsSVG` relative moves in whole units. Measured on the seeded
 * regions (100 counties, 11 cities): 1 decimal and 0.5 units gave 162 KB of path data (41 KB gzip); whole units and
 * 1 unit give ≈ 70 KB (≈ 18 KB gzip); 3 units still 51 KB, because each county keeps ≈ 80 vertices. Merging shared
 * edges (`ST_Union` of the boundaries) did not help: the county and city sources do not share vertices. So the
 * outlines are served once as a cacheable SVG file (./jiangxi-map-svg.ts, `/villages/map-outlines.svg`) under the
 * page's small inline SVG of dots, instead of being inlined in every list page (where the App Router would also
 * repeat them in its RSC payload). Each geometry is simplified on its own, so neighbouring counties can differ by up
 * to the tolerance (≈ 1 km) along a shared edge, about a pixel at the sizes the map is drawn.
 */

/** SVG units per degree of latitude (1 unit ≈ 1.1 km). */
export const MAP_UNITS_PER_DEG = 100;
/** Simplification tolerance of the outlines, SVG units (1 ≈ 1.1 km). */
export const OUTLINE_TOLERANCE_UNITS = 1;
/** Margin around the province in the view box, SVG units. */
const MARGIN_UNITS = 4;
/** How long the outlines are kept in memory, ms (reference data, changed only by a re-seed). */
const CACHE_TTL_MS = 10 * 60_000;

/** How the map projects lon/lat (see module doc). */
export interface MapFrame {
  /** SVG x per degree of longitude. */
  kx: number;
  /** SVG units per degree of latitude (y = −lat · ky). */
  ky: number;
  /** `[minX, minY, width, height]`, SVG units. */
  viewBox: [number, number, number, number];
}

/** One region's outline. */
export interface MapOutline {
  /** 6-digit GB/T 2260 code. */
  code: string;
  name: string;
  /** Parent city code for a county, `360000` for a city. */
  parentCode: string | null;
  /** SVG path data in the frame's units. */
  pathD: string;
  /** The region's label point `[x, y]`, SVG units. */
  labelXy: [number, number];
}

/** The map's frame and outlines. */
export interface JiangxiMap {
  frame: MapFrame;
  cities: MapOutline[];
  counties: MapOutline[];
}

let cached: { atMs: number; map: JiangxiMap } | null = null;

/**
 * City and county outlines of Jiangxi, projected and simplified (see module doc); cached in the process for
 * {@link CACHE_TTL_MS}.
 * @returns empty outlines and a zero view box when the regions are not seeded
 */
export async function jiangxiMap(db: Db, nowMs = Date.now()): Promise<JiangxiMap> {
  if (cached && nowMs - cached.atMs < CACHE_TTL_MS) return cached.map;
  const extent = await db.execute<{ xmin: number; ymin: number; xmax: number; ymax: number }>(sql`
    SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
      FROM (SELECT ST_Extent(boundary)::geometry AS e FROM regions WHERE level IN ('city', 'county')) s
     WHERE e IS NOT NULL`);
  const box = extent.rows[0];
  if (!box) return { frame: { kx: MAP_UNITS_PER_DEG, ky: MAP_UNITS_PER_DEG, viewBox: [0, 0, 0, 0] }, cities: [], counties: [] };
  const midLatRad = (((box.ymin + box.ymax) / 2) * Math.PI) / 180;
  const ky = MAP_UNITS_PER_DEG;
  const kx = MAP_UNITS_PER_DEG * Math.cos(midLatRad);
  const round = (value: number) => Math.round(value * 10) / 10;
  const frame: MapFrame = {
    kx,
    ky,
    viewBox: [
      round(box.xmin * kx - MARGIN_UNITS),
      round(-box.ymax * ky - MARGIN_UNITS),
      round((box.xmax - box.xmin) * kx + 2 * MARGIN_UNITS),
      round((box.ymax - box.ymin) * ky + 2 * MARGIN_UNITS),
    ],
  };
  const rows = await db.execute<{ code: string; name: string; level: 'city' | 'county'; parent_code: string | null; path_d: string; label_x: number; label_y: number }>(sql`
    SELECT code, name, level, parent_code, ST_X(center) * ${kx}::float8 AS label_x, -ST_Y(center) * ${ky}::float8 AS label_y,
           ST_AsSVG(ST_SimplifyPreserveTopology(ST_Scale(boundary, ${kx}::float8, ${ky}::float8), ${OUTLINE_TOLERANCE_UNITS}::float8), 1, 0) AS path_d
      FROM regions
     WHERE level IN ('city', 'county')
     ORDER BY code`);
  const outline = (row: (typeof rows.rows)[number]): MapOutline => ({ code: row.code, name: row.name, parentCode: row.parent_code, pathD: row.path_d, labelXy: [round(row.label_x), round(row.label_y)] });
  const map: JiangxiMap = {
    frame,
    cities: rows.rows.filter((row) => row.level === 'city').map(outline),
    counties: rows.rows.filter((row) => row.level === 'county').map(outline),
  };
  cached = { atMs: nowMs, map };
  return map;
}
