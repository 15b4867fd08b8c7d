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

/** Quick-navigation targets of the header (全省 / 南昌 / 红谷滩示范区). */
export type QuickPlace = 'jiangxi' | 'nanchang' | 'honggutan';

/** Central Nanchang's extent for the breadcrumb and quick navigation, degrees (WGS84), and the highest camera, m. */
export const NANCHANG_VIEW = { west: 115.45, east: 116.6, south: 28.15, north: 29.2, maxHeightM: 250_000 } as const;

/**
 * The Honggutan demo area: camera positions (not targets) that count as "at Honggutan", degrees (WGS84), and the
 * highest camera, m. The quick-nav flight ends ≈ 400 m up, ≈ 0.5 km south of the parcels (it looks north at −35°).
 */
export const HONGGUTAN_VIEW = { west: 115.84, east: 115.87, south: 28.675, north: 28.705, maxHeightM: 3_000 } as const;

/** Lowest camera that still counts as the province overview, m (the overview opens at 1 250 km). */
export const PROVINCE_VIEW_MIN_HEIGHT_M = 600_000;

/** Highest camera that still counts as the province overview, m. */
export const PROVINCE_VIEW_MAX_HEIGHT_M = 3_000_000;

function isInside(view: { west: number; east: number; south: number; north: number; maxHeightM: number }, camera: CameraState): boolean {
  return (
    camera.lonDeg >= view.west &&
    camera.lonDeg <= view.east &&
    camera.latDeg >= view.south &&
    camera.latDeg <= view.north &&
    camera.heightEllipsoidalM <= view.maxHeightM
  );
}

/**
 * Which quick-navigation place the camera is at, for the header to mark (`aria-current`), or `null` when it is at
 * none of them (e.g. at a model in another city, or at a county view).
 *
 * @param camera - the current camera (position, not the point looked at)
 * @returns `honggutan` inside {@link HONGGUTAN_VIEW}; else `nanchang` inside {@link NANCHANG_VIEW}; else `jiangxi`
 *   when above Jiangxi between {@link PROVINCE_VIEW_MIN_HEIGHT_M} and {@link PROVINCE_VIEW_MAX_HEIGHT_M}; else `null`
 */
export function quickPlaceOfCamera(camera: CameraState): QuickPlace | null {
  if (isInside(HONGGUTAN_VIEW, camera)) return 'honggutan';
  if (isInside(NANCHANG_VIEW, camera)) return 'nanchang';
  const isHigh = camera.heightEllipsoidalM >= PROVINCE_VIEW_MIN_HEIGHT_M && camera.heightEllipsoidalM <= PROVINCE_VIEW_MAX_HEIGHT_M;
  return isHigh && isInJiangxi(camera.lonDeg, camera.latDeg) ? 'jiangxi' : null;
}

/** Whether the camera is over central Nanchang (the breadcrumb then adds 南昌市). */
export function isOverNanchang(camera: CameraState): boolean {
  return isInside(NANCHANG_VIEW, camera);
}
