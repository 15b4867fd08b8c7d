/**
 * Link from the BIM inspection page back to the city twin, with the twin camera looking at the model.
 * Engine-free (pure math on WGS84 degrees); the `cam`/`sel` format is the twin's (viewer/core/camera-url.ts).
 */
import { CAMERA_QUERY_PARAM, SELECTION_QUERY_PARAM, formatCameraParam, type CameraState } from '@viewer/core/camera-url';
import { modelLayerIdOf } from '@data/twin/model-layer-id';
import { formatSelectionParam } from '@viewer/core/selection';

/** Metres per degree of latitude (WGS84 mean, good to 0.5 % for a camera offset). */
const METRES_PER_DEG_LAT = 111_320;

/** Camera pitch for the return view, degrees (negative = looking down). */
export const RETURN_PITCH_DEG = -35;

/** Nearest camera distance of the return view, metres (keeps small houses in their street context). */
const MIN_RETURN_DISTANCE_M = 120;

/** Camera distance per metre of building height, so tall buildings fit the view. */
const DISTANCE_PER_HEIGHT = 6;

/** Building height assumed when the model has none, metres (≈ a three-storey building). */
const DEFAULT_BUILDING_HEIGHT_M = 10;

/** The model fields the link needs; `ModelSummary` satisfies it. */
export interface TwinReturnModel {
  /** `models.id`; the twin shows the model as layer `model-<id>`. */
  id: string;
  /** Georeferenced model origin: WGS84 degrees, ellipsoidal metres; null when not georeferenced. */
  anchor: { lonDeg: number; latDeg: number; heightM: number } | null;
  /** Building height, metres; null when unknown (10 m assumed). */
  heightM: number | null;
}

/**
 * Camera south of the model, looking north and down {@link RETURN_PITCH_DEG} at the building's mid-height,
 * from a distance of max(120 m, 6 × building height).
 *
 * @returns the twin camera, or null when the model has no anchor.
 */
export function cameraLookingAtModel(model: TwinReturnModel): CameraState | null {
  if (!model.anchor) return null;
  const buildingHeightM = model.heightM ?? DEFAULT_BUILDING_HEIGHT_M;
  const distanceM = Math.max(MIN_RETURN_DISTANCE_M, buildingHeightM * DISTANCE_PER_HEIGHT);
  const pitchRad = (-RETURN_PITCH_DEG * Math.PI) / 180;
  const horizontalM = Math.cos(pitchRad) * distanceM;
  return {
    lonDeg: model.anchor.lonDeg,
    latDeg: model.anchor.latDeg - horizontalM / METRES_PER_DEG_LAT,
    // The twin lowers every model by its anchor height onto the ellipsoid (no terrain): its base is at 0 m.
    heightEllipsoidalM: buildingHeightM / 2 + Math.sin(pitchRad) * distanceM,
    headingDeg: 0,
    pitchDeg: RETURN_PITCH_DEG,
    rollDeg: 0,
  };
}

/**
 * The twin URL (`/?cam=…&sel=…`) showing the model, keeping the selected element when given.
 *
 * @returns `/` alone when the model has no anchor and nothing is selected.
 */
export function buildTwinReturnHref(model: TwinReturnModel, selectedGlobalId: string | null): string {
  const params: string[] = [];
  const camera = cameraLookingAtModel(model);
  if (camera) params.push(`${CAMERA_QUERY_PARAM}=${formatCameraParam(camera)}`);
  if (selectedGlobalId) {
    const selection = formatSelectionParam({ plate: 'twin', layerId: modelLayerIdOf(model.id), featureId: selectedGlobalId });
    params.push(`${SELECTION_QUERY_PARAM}=${encodeURIComponent(selection)}`);
  }
  return params.length > 0 ? `/?${params.join('&')}` : '/';
}
