import { z } from 'zod';
import { JIANGXI_BBOX_DEG, MAX_POLYGON_RINGS, MAX_POLYGON_VERTICES } from '@data/villages/jiangxi-bbox';
import { describeInput } from '@kernel/zod-fields';

/**
 * Zod fields for the positions and polygons curators enter (village position and boundary, building footprints, POI
 * and panorama positions): lon/lat degrees WGS84 inside Jiangxi's bounding box. Self-intersection is checked by
 * PostGIS afterwards (./polygon-check.ts), since it needs the geometry engine.
 */

const [WEST, SOUTH, EAST, NORTH] = JIANGXI_BBOX_DEG;
const INSIDE = `inside Jiangxi (${WEST}–${EAST}°E, ${SOUTH}–${NORTH}°N)`;

const degrees = (what: string, min: number, max: number) =>
  z
    .number({ error: (issue) => `${what} must be a number, got ${describeInput(issue.input)}` })
    .refine(Number.isFinite, { error: `${what} must be finite` })
    .refine((value) => value >= min && value <= max, { error: (issue) => `${what} ${String(issue.input)} is not ${INSIDE}` });

/** A `[lon, lat]` position in degrees WGS84 inside {@link JIANGXI_BBOX_DEG}. */
export const lonLatSchema = z.tuple([degrees('longitude', WEST, EAST), degrees('latitude', SOUTH, NORTH)], {
  error: `must be [longitude, latitude] in degrees ${INSIDE}`,
});

/** Whether a ring's last position equals its first. */
function isClosed(ring: number[][]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1];
}

/**
 * A GeoJSON Polygon (RFC 7946 §3.1.6) of `[lon, lat]` degrees inside Jiangxi: 1..{@link MAX_POLYGON_RINGS} closed
 * rings of ≥ 4 positions, at most {@link MAX_POLYGON_VERTICES} positions in all. Extra members are refused.
 */
export const polygonSchema = z
  .object({
    type: z.literal('Polygon', { error: 'must be a GeoJSON Polygon ("type": "Polygon")' }),
    coordinates: z
      .array(z.array(lonLatSchema).min(4, { error: 'each ring needs at least 3 distinct corners plus the closing position' }), {
        error: 'coordinates must be an array of rings',
      })
      .min(1, { error: 'needs an outer ring' })
      .max(MAX_POLYGON_RINGS, { error: `at most ${MAX_POLYGON_RINGS} rings` })
      .refine((rings) => rings.reduce((sum, ring) => sum + ring.length, 0) <= MAX_POLYGON_VERTICES, {
        error: (issue) => `at most ${MAX_POLYGON_VERTICES} positions in all, got ${(issue.input as number[][][]).reduce((sum, ring) => sum + ring.length, 0)}`,
      })
      .refine((rings) => rings.every(isClosed), { error: 'every ring must be closed (its last position equal to its first)' }),
  })
  .strict();

/** The parsed polygon type of {@link polygonSchema}. */
export type PolygonInput = z.infer<typeof polygonSchema>;
