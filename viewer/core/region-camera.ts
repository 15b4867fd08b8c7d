/**
 * The camera a signed-in account opens the twin with: straight down on its region (city or county), framing the
 * bounding box of the region's boundary.
 *
 * Frames and units: lon/lat in degrees (WGS84), heights in metres above the WGS84 ellipsoid (the twin has no
 * terrain). Metres per degree use a spherical Earth (R = 6 371 km): ≈ 111.2 km per degree of latitude and
 * 111.2 km × cos(lat) per degree of longitude, which is within 0.5 % of the ellipsoid at 25–30° N — plenty for
 * framing.
 *
 * Notes: CesiumJS's default perspective frustum has a 60° field of view across the larger side of the canvas. The
 * height is chosen so that the larger side of the box fills that angle with a 20 % margin; on a portrait phone the
 * narrow side then shows less than the whole region, which is still the right place to start.
 */
import { JIANGXI_OVERVIEW_CAMERA, type CameraState } from './camera-url';

/** A bounding box `[west, south, east, north]`, degrees WGS84. */
export type BboxDeg = readonly [number, number, number, number];

/** Options of {@link cameraForRegion}. */
export interface RegionCameraOptions {
  /** Field of view across the larger side of the canvas, degrees (CesiumJS default 60). */
  fovDeg?: number;
  /** Extra room around the box, as a factor ≥ 1 (1.2 = 20 %). */
  margin?: number;
}

/** Defaults of {@link RegionCameraOptions}. */
export const REGION_CAMERA_DEFAULTS = { fovDeg: 60, margin: 1.2 } satisfies Required<RegionCameraOptions>;

/** Lowest camera for a region view, m (a tiny district still shows its surroundings). */
export const MIN_REGION_CAMERA_HEIGHT_M = 3_000;

/** Metres per degree of latitude on the sphere used here (2πR / 360, R = 6 371 km). */
export const METRES_PER_DEGREE = (2 * Math.PI * 6_371_000) / 360;

/**
 * The camera looking straight down (pitch −90°, heading 0°) on the centre of `bbox`, high enough to frame it.
 *
 * @param bbox - `[west, south, east, north]` in degrees; a box with west > east or south > north, or non-finite
 *   numbers, is not a region: the Jiangxi overview is returned instead
 * @returns height between {@link MIN_REGION_CAMERA_HEIGHT_M} and the Jiangxi overview's height (1 250 km)
 */
export function cameraForRegion(bbox: BboxDeg, options: RegionCameraOptions = {}): CameraState {
  const { fovDeg, margin } = { ...REGION_CAMERA_DEFAULTS, ...definedOnly(options) };
  const [west, south, east, north] = bbox;
  const isBox = bbox.every(Number.isFinite) && west <= east && south <= north && Math.abs(south) <= 90 && Math.abs(north) <= 90;
  if (!isBox) return { ...JIANGXI_OVERVIEW_CAMERA };
  const latDeg = (south + north) / 2;
  const widthM = (east - west) * METRES_PER_DEGREE * Math.cos((latDeg * Math.PI) / 180);
  const depthM = (north - south) * METRES_PER_DEGREE;
  const heightM = (Math.max(widthM, depthM) * margin) / (2 * Math.tan((fovDeg * Math.PI) / 360));
  return {
    lonDeg: (west + east) / 2,
    latDeg,
    heightEllipsoidalM: Math.min(JIANGXI_OVERVIEW_CAMERA.heightEllipsoidalM, Math.max(MIN_REGION_CAMERA_HEIGHT_M, heightM)),
    headingDeg: 0,
    pitchDeg: -90,
    rollDeg: 0,
  };
}

/** The options without `undefined` values, so that they never override a default. */
function definedOnly(options: RegionCameraOptions): RegionCameraOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
