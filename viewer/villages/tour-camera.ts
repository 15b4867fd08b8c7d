/**
 * The CesiumJS adapter of the guided tour: flies the twin's camera through the stops of a tour on the schedule of
 * ./tour-player.ts (a flight of `flightS` to each pose, then `holdS` still), pausable and stoppable, and reports
 * where the tour is (for the caption live region, ./tour-bar.tsx).
 *
 * Notes
 * - The adapter polls the pure schedule every {@link TOUR_TICK_MS} instead of chaining `flyTo` `complete`
 *   callbacks: a flight that the user interrupts (a drag cancels CesiumJS flights) then does not stall the tour,
 *   and pause/resume is a clock operation. Resuming mid-flight flies the remaining time to the same pose.
 * - With `jump` (the user prefers reduced motion) each flight is a cut at its start; timings are kept.
 */
import type { Camera, Scene } from '@cesium/engine';
import { applyCameraState, flyToCameraState } from '@viewer/cesium/camera-pose';
import type { CesiumModule } from '@viewer/cesium/load-cesium';
import type { CameraState } from '@viewer/core/camera-url';
import {
  isTourClockPaused,
  pauseTourClock,
  resumeTourClock,
  scheduleTour,
  startTourClock,
  tourElapsedS,
  tourPositionAt,
  type TourCameraPose,
  type TourClock,
  type TourPosition,
  type TourStopView,
} from './tour-player';

/** How often the tour checks its schedule, ms. */
export const TOUR_TICK_MS = 100;

/** What a running tour offers its controls. */
export interface TourCameraControl {
  pause(): void;
  resume(): void;
  /** Ends the tour where the camera is (no further flights). */
  stop(): void;
  isPaused(): boolean;
}

/** A pose as the twin's camera state (no roll). */
export function cameraStateOfPose(pose: TourCameraPose): CameraState {
  return { lonDeg: pose.lon, latDeg: pose.lat, heightEllipsoidalM: pose.heightEllipsoidalM, headingDeg: pose.headingDeg, pitchDeg: pose.pitchDeg, rollDeg: 0 };
}

/**
 * Reads the camera as a tour pose (degrees, ellipsoidal metres), rounded to 1e-7° and 1 cm.
 */
export function readTourPose(Cesium: CesiumModule, camera: Camera): TourCameraPose {
  const position = camera.positionCartographic;
  const round = (value: number, decimals: number) => Number(value.toFixed(decimals));
  return {
    lon: round(Cesium.Math.toDegrees(position.longitude), 7),
    lat: round(Cesium.Math.toDegrees(position.latitude), 7),
    heightEllipsoidalM: round(position.height, 2),
    headingDeg: round(Cesium.Math.toDegrees(camera.heading), 3),
    pitchDeg: round(Cesium.Math.toDegrees(camera.pitch), 3),
  };
}

/**
 * Starts a tour on `scene`'s camera.
 * @param onPosition called on every change of stop, phase, caption or pause state, and once with `done`
 * @param options `jump`: cut instead of flying; `now`: the clock (ms), default `performance.now`
 * @throws {RangeError} from the schedule when a stop's timing is invalid
 */
export function playTourOnCamera(
  Cesium: CesiumModule,
  scene: Scene,
  stops: readonly TourStopView[],
  onPosition: (position: TourPosition, isPaused: boolean) => void,
  options: { jump?: boolean; now?: () => number } = {},
): TourCameraControl {
  const now = options.now ?? (() => performance.now());
  const schedule = scheduleTour(stops);
  let clock: TourClock = startTourClock(now());
  let flownTo: number | null = null;
  let last = '';
  let timer: ReturnType<typeof setInterval> | null = null;
  const camera = scene.camera;

  const report = (position: TourPosition) => {
    const key = `${position.phase}:${position.stopIndex}:${position.captionIndex}:${isTourClockPaused(clock)}`;
    if (key === last) return;
    last = key;
    onPosition(position, isTourClockPaused(clock));
  };
  const finish = (position: TourPosition) => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    report(position);
  };
  const tick = () => {
    if (scene.isDestroyed()) return finish({ phase: 'done', stopIndex: null, phaseRemainingS: 0, captionIndex: null });
    const position = tourPositionAt(schedule, tourElapsedS(clock, now()));
    if (position.phase === 'done') return finish(position);
    if (!isTourClockPaused(clock) && flownTo !== position.stopIndex) {
      flownTo = position.stopIndex;
      const state = cameraStateOfPose(stops[position.stopIndex].camera);
      if (position.phase === 'hold' || options.jump) applyCameraState(Cesium, camera, state);
      else flyToCameraState(Cesium, camera, state, position.phaseRemainingS);
      scene.requestRender();
    }
    report(position);
  };
  timer = setInterval(tick, TOUR_TICK_MS);
  tick();

  return {
    pause() {
      if (timer === null || isTourClockPaused(clock)) return;
      clock = pauseTourClock(clock, now());
      camera.cancelFlight();
      // The flight is re-flown from where the camera stopped when the tour resumes.
      flownTo = null;
      tick();
    },
    resume() {
      if (timer === null || !isTourClockPaused(clock)) return;
      clock = resumeTourClock(clock, now());
      tick();
    },
    stop() {
      if (timer === null) return;
      if (!scene.isDestroyed()) camera.cancelFlight();
      finish({ phase: 'done', stopIndex: null, phaseRemainingS: 0, captionIndex: null });
    },
    isPaused: () => isTourClockPaused(clock),
  };
}
