/**
 * Fixed places of the twin's quick navigation, as fly-to spheres (WGS84 degrees, ellipsoidal metres).
 *
 * Nanchang's centre is the WGS84 position of the municipal government (AMap GCJ-02 [115.892151, 28.676493]
 * corrected by ≈ −0.0050° lon, +0.0027° lat, the GCJ-02 offset at Nanchang) moved west towards the Gan river
 * so that Honggutan (where the demo models stand) and the old town are both in view.
 *
 * @see the shared sample data, geo/ (GCJ-02 note in its SOURCES.md)
 */
import { JIANGXI_OVERVIEW_CAMERA, type CameraState } from '@viewer/core/camera-url';

/** A sphere to frame: centre lon/lat (deg, WGS84), centre height (m, ellipsoidal) and radius (m). */
export interface PlaceSphere {
  lonDeg: number;
  latDeg: number;
  heightEllipsoidalM: number;
  radiusM: number;
}

/** Central Nanchang (old town + Honggutan), radius 6 km. */
export const NANCHANG_PLACE: PlaceSphere = { lonDeg: 115.875, latDeg: 28.685, heightEllipsoidalM: 0, radiusM: 6_000 };

/**
 * Honggutan demo parcels (where the sample models stand, see data/twin/sample-models.ts), seen from ≈ 1 km:
 * centre between the residential sample (115.8529° E, 28.6932° N) and the southernmost parcel (28.6898° N), ≈ 50 m
 * west of the parcels' middle so that the left panels do not hide the residential sample.
 */
export const HONGGUTAN_DEMO_PLACE: PlaceSphere = { lonDeg: 115.8549, latDeg: 28.6916, heightEllipsoidalM: 0, radiusM: 280 };

/** The whole-province view (same as the opening view). */
export const JIANGXI_CAMERA: Readonly<CameraState> = JIANGXI_OVERVIEW_CAMERA;

/** Jiangxi's bounding box, degrees (WGS84): used to tell whether a model stands inside the province. */
export const JIANGXI_BBOX_DEG = { west: 113.5, south: 24.4, east: 118.6, north: 30.2 } as const;

/** Whether a WGS84 position (degrees) lies inside {@link JIANGXI_BBOX_DEG}. */
export function isInJiangxi(lonDeg: number, latDeg: number): boolean {
  return (
    lonDeg >= JIANGXI_BBOX_DEG.west &&
    lonDeg <= JIANGXI_BBOX_DEG.east &&
    latDeg >= JIANGXI_BBOX_DEG.south &&
    latDeg <= JIANGXI_BBOX_DEG.north
  );
}

/**
 * A fly-to sphere for a model from its anchor (the georeferenced origin) and building height.
 *
 * @param heightM - building height, m; `null` assumes 10 m
 * @returns a sphere centred half the building height above the ground (the twin's models stand on the ellipsoid,
 *   see TilesetLayerInput.groundOffsetM), radius ≥ 20 m
 */
export function modelPlace(anchor: { lonDeg: number; latDeg: number; heightM: number }, heightM: number | null): PlaceSphere {
  const buildingHeightM = heightM ?? 10;
  return {
    lonDeg: anchor.lonDeg,
    latDeg: anchor.latDeg,
    // The twin lowers every model by its anchor height onto the ellipsoid (no terrain), so its base is at 0 m.
    heightEllipsoidalM: buildingHeightM / 2,
    radiusM: Math.max(20, buildingHeightM),
  };
}
