/**
 * Camera state ⇄ URL query codec for the city twin: `?cam=lon,lat,height,heading,pitch,roll` and
 * `?sel=<plate>:<layerId>:<featureId>` (selection.ts).
 *
 * Frames and units: lon/lat in degrees (WGS84, EPSG:4326), height in metres above the WGS84 ellipsoid,
 * heading/pitch/roll in degrees as CesiumJS defines them (heading clockwise from true north, pitch negative when
 * looking down). Values are written with enough decimals that a round trip stays within 1e-6°
 * (lon/lat: 7 decimals ≈ 1 cm) and 1 mm (height).
 *
 * Notes: one comma-separated parameter keeps shared links short and readable; the order follows CesiumJS's
 * `Cartographic` + `HeadingPitchRoll`.
 */
import { formatSelectionParam, parseSelectionParam, type FeatureSelection } from './selection';

/** A camera pose: WGS84 position (deg, ellipsoidal m) and orientation (deg). */
export interface CameraState {
  /** Longitude, degrees, [-180, 180]. */
  lonDeg: number;
  /** Latitude, degrees, [-90, 90]. */
  latDeg: number;
  /** Height above the WGS84 ellipsoid, metres, [-10 000, 50 000 000]. */
  heightEllipsoidalM: number;
  /** Heading, degrees clockwise from true north, [0, 360). */
  headingDeg: number;
  /** Pitch, degrees, [-90, 90]; -90 looks straight down. */
  pitchDeg: number;
  /** Roll, degrees, [-180, 180]. */
  rollDeg: number;
}

/** Query parameter holding the camera: `cam=lon,lat,height,heading,pitch,roll`. */
export const CAMERA_QUERY_PARAM = 'cam';

/** Query parameter holding the selection (`<plate>:<layerId>:<featureId>` in the twin, a GlobalId in BIM inspection). */
export const SELECTION_QUERY_PARAM = 'sel';

/** Lowest accepted camera height, metres above the ellipsoid (below sea-level basins, not underground views). */
export const MIN_CAMERA_HEIGHT_M = -10_000;

/** Highest accepted camera height, metres above the ellipsoid (well beyond a whole-Earth view). */
export const MAX_CAMERA_HEIGHT_M = 50_000_000;

/**
 * Opening view: the whole of Jiangxi province (24.5–30.1° N, 113.6–118.5° E) seen from straight above its centre.
 *
 * @see the bbox of the shared jiangxi_prefectures.geojson
 */
export const JIANGXI_OVERVIEW_CAMERA: Readonly<CameraState> = {
  lonDeg: 115.9,
  latDeg: 27.3,
  heightEllipsoidalM: 1_250_000,
  headingDeg: 0,
  pitchDeg: -90,
  rollDeg: 0,
};

/** Normalises an angle in degrees to [0, 360). */
function wrap360(angleDeg: number): number {
  const wrapped = angleDeg % 360;
  return wrapped < 0 ? wrapped + 360 : wrapped;
}

/** Normalises an angle in degrees to [-180, 180). */
function wrap180(angleDeg: number): number {
  return wrap360(angleDeg + 180) - 180;
}

function formatFixed(value: number, decimals: number): string {
  // Strip trailing zeros so links stay short; `Number(...)` also turns -0 into 0.
  return String(Number(value.toFixed(decimals)));
}

/**
 * Writes a camera state as the `cam` parameter value.
 *
 * Longitude and roll are wrapped to [-180, 180), heading to [0, 360).
 *
 * @returns e.g. `"115.9,27.3,1250000,0,-90,0"`
 */
export function formatCameraParam(camera: CameraState): string {
  return [
    formatFixed(wrap180(camera.lonDeg), 7),
    formatFixed(camera.latDeg, 7),
    formatFixed(camera.heightEllipsoidalM, 3),
    formatFixed(wrap360(camera.headingDeg), 4),
    formatFixed(camera.pitchDeg, 4),
    formatFixed(wrap180(camera.rollDeg), 4),
  ].join(',');
}

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads the `cam` parameter value (untrusted: from a shared link).
 *
 * @returns the camera state, or `null` when the value is missing, does not hold exactly six finite numbers, or a
 *   number is out of range (|lat| > 90, |lon| > 180, |pitch| > 90, height outside
 *   [{@link MIN_CAMERA_HEIGHT_M}, {@link MAX_CAMERA_HEIGHT_M}]). Heading and roll are wrapped, never rejected.
 */
export function parseCameraParam(value: string | null | undefined): CameraState | null {
  if (!value) return null;
  const parts = value.split(',');
  if (parts.length !== 6) return null;
  const numbers: number[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (!NUMBER_PATTERN.test(text)) return null;
    const number = Number(text);
    if (!Number.isFinite(number)) return null;
    numbers.push(number);
  }
  const [lonDeg, latDeg, heightEllipsoidalM, headingDeg, pitchDeg, rollDeg] = numbers;
  if (Math.abs(lonDeg) > 180 || Math.abs(latDeg) > 90 || Math.abs(pitchDeg) > 90) return null;
  if (heightEllipsoidalM < MIN_CAMERA_HEIGHT_M || heightEllipsoidalM > MAX_CAMERA_HEIGHT_M) return null;
  return {
    lonDeg,
    latDeg,
    heightEllipsoidalM,
    headingDeg: wrap360(headingDeg),
    pitchDeg,
    rollDeg: wrap180(rollDeg),
  };
}

/** The twin's shareable view state as kept in the URL. */
export interface TwinUrlState {
  /** The camera pose, or `null` for the default Jiangxi overview. */
  camera: CameraState | null;
  /** The selected feature, or `null` when nothing is selected. */
  selection: FeatureSelection | null;
}

/**
 * Reads the twin's view state from URL query parameters. Invalid values are dropped (become `null`).
 *
 * @returns camera and selection; each `null` when absent or invalid
 */
export function readTwinUrlState(params: URLSearchParams): TwinUrlState {
  return {
    camera: parseCameraParam(params.get(CAMERA_QUERY_PARAM)),
    selection: parseSelectionParam(params.get(SELECTION_QUERY_PARAM)),
  };
}

/**
 * Writes the twin's view state into a copy of `params`, keeping every other parameter (e.g. `lang`).
 * A `null` camera or selection removes its parameter.
 *
 * @returns a new `URLSearchParams`
 */
export function writeTwinUrlState(params: URLSearchParams, state: TwinUrlState): URLSearchParams {
  const next = new URLSearchParams(params);
  if (state.camera) next.set(CAMERA_QUERY_PARAM, formatCameraParam(state.camera));
  else next.delete(CAMERA_QUERY_PARAM);
  if (state.selection) next.set(SELECTION_QUERY_PARAM, formatSelectionParam(state.selection));
  else next.delete(SELECTION_QUERY_PARAM);
  return next;
}

/**
 * A same-origin URL `pathname?query` whose query keeps `,` (in `cam`), `$` (in GlobalIds) and `:` (in `sel`) readable
 * instead of `%2C`/`%24`/`%3A`: both are allowed unencoded in a query (RFC 3986 sub-delims) and read back the same. No `?` when
 * `params` is empty.
 * @param pathname e.g. `/` or `/models/<id>`
 * @returns e.g. `/?lang=en&cam=115.9,27.3,1250000,0,-90,0&sel=2XQ$n5SLP5MBLyL442paFx`
 * @see https://www.rfc-editor.org/rfc/rfc3986#section-3.4
 */
export function formatShareableUrl(pathname: string, params: URLSearchParams): string {
  const query = params.toString().replaceAll('%2C', ',').replaceAll('%24', '$').replaceAll('%3A', ':');
  return query ? `${pathname}?${query}` : pathname;
}
