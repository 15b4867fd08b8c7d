import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';
import { DEMO_PARCELS, type DemoParcel } from '@data/review/demo-parcels';

/**
 * Seeds the demonstration parcels (data/review/demo-parcels.ts), marked `is_demo`. Idempotent and respectful of
 * edits: a parcel whose code exists is left as it is (a planner may have changed its conditions), so running
 * `npm start` again never undoes a change.
 */

/** WGS84 semi-major axis (m) and first eccentricity squared. */
const WGS84_A = 6_378_137;
const WGS84_E2 = 6.694_379_990_14e-3;

/**
 * The closed ring of a rectangle centred at `centre`, `widthM` east–west by `depthM` north–south, counter-clockwise
 * from the south-west corner (edges: south, east, north, west), lon/lat degrees. Metres → degrees with the
 * ellipsoid's meridian and prime-vertical radii at the centre (exact to < 1 mm over 100 m).
 */
export function rectangleRing(centre: DemoParcel['centre'], widthM: number, depthM: number): [number, number][] {
  const phi = (centre.latDeg * Math.PI) / 180;
  const w = Math.sqrt(1 - WGS84_E2 * Math.sin(phi) ** 2);
  const meridianM = (WGS84_A * (1 - WGS84_E2)) / w ** 3;
  const primeVerticalM = WGS84_A / w;
  const dLat = ((depthM / 2 / meridianM) * 180) / Math.PI;
  const dLon = ((widthM / 2 / (primeVerticalM * Math.cos(phi))) * 180) / Math.PI;
  const { lonDeg: x, latDeg: y } = centre;
  return [
    [x - dLon, y - dLat],
    [x + dLon, y - dLat],
    [x + dLon, y + dLat],
    [x - dLon, y + dLat],
    [x - dLon, y - dLat],
  ];
}

/**
 * Inserts the demo parcels that are missing; each gets the county (or, failing that, 南昌市 360100) whose boundary
 * contains its centre.
 * @returns how many parcels were inserted
 */
export async function seedDemoParcels(db: Db): Promise<number> {
  let inserted = 0;
  for (const parcel of DEMO_PARCELS) {
    const boundary = JSON.stringify({ type: 'Polygon', coordinates: [rectangleRing(parcel.centre, parcel.widthM, parcel.depthM)] });
    const centre = sql`ST_SetSRID(ST_MakePoint(${parcel.centre.lonDeg}, ${parcel.centre.latDeg}), 4326)`;
    const result = await db.execute(sql`
      INSERT INTO review_parcels (code, name, name_en, region_code, boundary, land_use, height_limit_m, far_min, far_max,
                                  density_max, green_ratio_min, setbacks, sunlight_hours_min, is_demo, notes)
      VALUES (${parcel.code}, ${parcel.name}, ${parcel.nameEn},
              COALESCE((SELECT code FROM regions WHERE level = 'county' AND ST_Contains(boundary, ${centre}) LIMIT 1), '360100'),
              ST_ForcePolygonCCW(ST_SetSRID(ST_GeomFromGeoJSON(${boundary}), 4326)), ${parcel.landUse}, ${parcel.heightLimitM},
              ${parcel.farMin}, ${parcel.farMax}, ${parcel.densityMax}, ${parcel.greenRatioMin},
              ${JSON.stringify(parcel.setbacks)}::jsonb, ${parcel.sunlightHoursMin}, true, ${parcel.notes})
      ON CONFLICT (code) DO NOTHING`);
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}
