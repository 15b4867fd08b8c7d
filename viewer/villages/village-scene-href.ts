/**
 * Link from a village page into the city twin (`/`): the camera south of the village looking north and down at it,
 * and the village selected on the `villages-points` layer (`sel=villages:villages-points:<code>`). The twin keeps no
 * layer switches in its URL (viewer/core/camera-url.ts holds camera and selection only); the villages selection
 * panel (app/villages/village-selection-panel.tsx) switches the villages layers on when it opens. Engine-free.
 */
import { VILLAGES_LAYER_IDS } from '@data/villages/layers';
import { CAMERA_QUERY_PARAM, formatCameraParam, formatShareableUrl, SELECTION_QUERY_PARAM, type CameraState } from '@viewer/core/camera-url';
import { formatSelectionParam } from '@viewer/core/selection';

/** Metres per degree of latitude (WGS84 mean, good to 0.5 % for a camera offset). */
const METRES_PER_DEG_LAT = 111_320;

/** Camera pitch of the village view, degrees (negative = looking down). */
export const VILLAGE_VIEW_PITCH_DEG = -35;

/** Camera distance from the village position, metres (a village core is ≈ 300–800 m across). */
export const VILLAGE_VIEW_DISTANCE_M = 650;

/**
 * The twin camera looking at a village: {@link VILLAGE_VIEW_DISTANCE_M} from its position (on the ellipsoid, as
 * the twin's ground), from the south, pitched {@link VILLAGE_VIEW_PITCH_DEG}.
 * @param position `[lon, lat]` degrees WGS84
 * @throws {RangeError} when the position is not a finite lon/lat
 */
export function cameraLookingAtVillage(position: readonly [number, number]): CameraState {
  const [lonDeg, latDeg] = position;
  if (!Number.isFinite(lonDeg) || !Number.isFinite(latDeg) || Math.abs(lonDeg) > 180 || Math.abs(latDeg) > 89) {
    throw new RangeError(`village position must be [lon, lat] degrees, got ${JSON.stringify(position)}`);
  }
  const pitchRad = (-VILLAGE_VIEW_PITCH_DEG * Math.PI) / 180;
  return {
    lonDeg,
    latDeg: latDeg - (Math.cos(pitchRad) * VILLAGE_VIEW_DISTANCE_M) / METRES_PER_DEG_LAT,
    heightEllipsoidalM: Math.sin(pitchRad) * VILLAGE_VIEW_DISTANCE_M,
    headingDeg: 0,
    pitchDeg: VILLAGE_VIEW_PITCH_DEG,
    rollDeg: 0,
  };
}

/**
 * The twin URL that opens a village's scene (see module doc).
 * @param code 12-digit village code (the `villages-points` feature id)
 * @param position `[lon, lat]` degrees WGS84 (the published position)
 * @returns e.g. `/?cam=117.85,29.2352,372.8,0,-35,0&sel=villages:villages-points:361130102204`
 * @throws {RangeError} when the code is not 12 digits or the position is invalid
 */
export function villageSceneHref(code: string, position: readonly [number, number]): string {
  if (!/^\d{12}$/.test(code)) throw new RangeError(`village code must be 12 digits, got ${JSON.stringify(code)}`);
  const params = new URLSearchParams();
  params.set(CAMERA_QUERY_PARAM, formatCameraParam(cameraLookingAtVillage(position)));
  params.set(SELECTION_QUERY_PARAM, formatSelectionParam({ plate: 'villages', layerId: VILLAGES_LAYER_IDS.points, featureId: code }));
  return formatShareableUrl('/', params);
}
