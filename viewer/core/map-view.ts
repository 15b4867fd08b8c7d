/**
 * What the map furniture (compass, scale bar, cursor coordinates) reads from the globe, and a tiny store that carries
 * it from the globe's callbacks to the furniture without re-rendering the shell on every frame.
 */
import type { CameraState } from './camera-url';

/** The camera as the furniture needs it, sampled after each rendered frame. */
export interface MapView {
  /** Camera heading, degrees clockwise from true north, [0, 360). */
  headingDeg: number;
  /** Camera pitch, degrees, −90 (straight down) .. 90. */
  pitchDeg: number;
  /** Ground metres per CSS pixel at the scale bar's place (bottom centre), or `null` when the sky or horizon is there. */
  metresPerPixel: number | null;
  /** Where the view's centre meets the ellipsoid, WGS84 degrees, or `null` (looking at the sky). */
  centre: { lonDeg: number; latDeg: number } | null;
  /** Distance from the camera to `centre`, metres, or `null`. */
  rangeM: number | null;
}

/** Cursor position on the ground, `[lon, lat]` WGS84 degrees, or `null` (no pointer over the ground). */
export type PointerLonLat = readonly [lonDeg: number, latDeg: number] | null;

/** Holds the latest {@link MapView} and pointer position; subscribers are told of every change. */
export interface MapViewStore {
  getView(): MapView | null;
  getPointer(): PointerLonLat;
  setView(view: MapView): void;
  setPointer(pointer: PointerLonLat): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Creates an empty {@link MapViewStore}. */
export function createMapViewStore(): MapViewStore {
  let view: MapView | null = null;
  let pointer: PointerLonLat = null;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    getView: () => view,
    getPointer: () => pointer,
    setView(next) {
      view = next;
      notify();
    },
    setPointer(next) {
      pointer = next;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Mean Earth radius used for the small offsets below, metres (IUGG). */
const EARTH_RADIUS_M = 6_371_008.8;

/**
 * The camera that looks at the same ground point from the same distance and pitch, but facing north (the compass's
 * "reset north"). Offsets use a local sphere: well under 1 % off for ranges up to a few hundred kilometres.
 * @param view the current view; without a `centre` (sky) the camera keeps its place and only turns north
 * @param camera the current camera pose
 * @returns a camera pose with heading 0
 */
export function northUpCamera(view: MapView, camera: CameraState): CameraState {
  if (!view.centre || view.rangeM === null) return { ...camera, headingDeg: 0, rollDeg: 0 };
  const pitchRad = (Math.min(-1, camera.pitchDeg) * Math.PI) / 180;
  const horizontalM = view.rangeM * Math.cos(pitchRad);
  const heightM = view.rangeM * Math.sin(-pitchRad);
  const latDeg = view.centre.latDeg - (horizontalM / EARTH_RADIUS_M) * (180 / Math.PI);
  return { lonDeg: view.centre.lonDeg, latDeg: Math.max(-89.9, latDeg), heightEllipsoidalM: heightM, headingDeg: 0, pitchDeg: camera.pitchDeg, rollDeg: 0 };
}
