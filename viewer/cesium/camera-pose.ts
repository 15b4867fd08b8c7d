/**
 * Reads and applies {@link CameraState} (degrees, ellipsoidal metres) on a CesiumJS camera, and flies to points.
 */
import type { Camera } from '@cesium/engine';
import type { CameraState } from '@viewer/core/camera-url';
import type { CesiumModule } from './load-cesium';

/** Default camera flight time, seconds. */
export const FLY_DURATION_S = 2;

/**
 * Reads the camera pose: position as WGS84 degrees + ellipsoidal height (m), orientation in degrees.
 *
 * @returns a new {@link CameraState}
 */
export function readCameraState(Cesium: CesiumModule, camera: Camera): CameraState {
  const position = camera.positionCartographic;
  return {
    lonDeg: Cesium.Math.toDegrees(position.longitude),
    latDeg: Cesium.Math.toDegrees(position.latitude),
    heightEllipsoidalM: position.height,
    headingDeg: Cesium.Math.toDegrees(camera.heading),
    pitchDeg: Cesium.Math.toDegrees(camera.pitch),
    rollDeg: Cesium.Math.toDegrees(camera.roll),
  };
}

/** Moves the camera to `state` at once (no flight). */
export function applyCameraState(Cesium: CesiumModule, camera: Camera, state: CameraState): void {
  camera.setView({
    destination: Cesium.Cartesian3.fromDegrees(state.lonDeg, state.latDeg, state.heightEllipsoidalM),
    orientation: {
      heading: Cesium.Math.toRadians(state.headingDeg),
      pitch: Cesium.Math.toRadians(state.pitchDeg),
      roll: Cesium.Math.toRadians(state.rollDeg),
    },
  });
}

/** Flies the camera to `state` over `durationS` seconds. */
export function flyToCameraState(Cesium: CesiumModule, camera: Camera, state: CameraState, durationS = FLY_DURATION_S): void {
  camera.flyTo({
    destination: Cesium.Cartesian3.fromDegrees(state.lonDeg, state.latDeg, state.heightEllipsoidalM),
    orientation: {
      heading: Cesium.Math.toRadians(state.headingDeg),
      pitch: Cesium.Math.toRadians(state.pitchDeg),
      roll: Cesium.Math.toRadians(state.rollDeg),
    },
    duration: durationS,
  });
}

/** A place to fly to: a sphere around a WGS84 point. */
export interface FlyToPoint {
  /** Longitude, degrees (WGS84). */
  lonDeg: number;
  /** Latitude, degrees (WGS84). */
  latDeg: number;
  /** Height of the sphere centre above the ellipsoid, metres. */
  heightEllipsoidalM: number;
  /** Radius of the sphere to frame, metres, > 0. */
  radiusM: number;
}

/** Default view direction for fly-to: looking north-north-east, 35° down. */
export const FLY_TO_HEADING_DEG = 20;
/** Default pitch for fly-to, degrees (negative: looking down). */
export const FLY_TO_PITCH_DEG = -35;

/**
 * Flies the camera to frame a sphere, looking from the south-south-west and down {@link FLY_TO_PITCH_DEG}.
 *
 * @param range - camera distance from the centre, metres; 0 lets CesiumJS fit the sphere
 * @param durationS - flight time, seconds; 0 jumps
 */
export function flyToSphere(
  Cesium: CesiumModule,
  camera: Camera,
  sphere: import('@cesium/engine').BoundingSphere,
  rangeM = 0,
  durationS = FLY_DURATION_S,
): void {
  camera.flyToBoundingSphere(sphere, {
    offset: new Cesium.HeadingPitchRange(
      Cesium.Math.toRadians(FLY_TO_HEADING_DEG),
      Cesium.Math.toRadians(FLY_TO_PITCH_DEG),
      rangeM,
    ),
    duration: durationS,
  });
}

/** Flies to a point target (see {@link FlyToPoint}); the camera ends ≈ 2.5 radii from the centre. */
export function flyToPoint(Cesium: CesiumModule, camera: Camera, target: FlyToPoint, durationS = FLY_DURATION_S): void {
  const centre = Cesium.Cartesian3.fromDegrees(target.lonDeg, target.latDeg, target.heightEllipsoidalM);
  flyToSphere(Cesium, camera, new Cesium.BoundingSphere(centre, target.radiusM), target.radiusM * 2.5, durationS);
}
