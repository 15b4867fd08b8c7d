/**
 * Pure scheduling of a guided village tour (导览): each stop is a camera flight of `flightS` seconds to the stop's
 * pose, then a hold of `holdS` seconds; the stop's caption shows from its arrival for its hold, and at least
 * {@link MIN_CAPTION_S} (so that a 0 s hold still reads; it then overlaps the next flight). A pausable clock gives
 * the elapsed tour time; {@link tourPositionAt} says where the tour is at that time. No engine, no timers: the
 * CesiumJS adapter (./tour-camera.ts) polls these.
 *
 * Times are seconds from the start of the tour; clock readings are milliseconds (`performance.now()`).
 */

/** The timing part of a stop (the schema's `TourStop`: flightS 0.5..30, holdS 0..60). */
export interface TourStopTiming {
  /** Flight time to the stop, seconds, > 0. */
  flightS: number;
  /** Time held at the stop, seconds, ≥ 0. */
  holdS: number;
}

/** A stop's camera pose: WGS84 degrees, height above the ellipsoid in metres, heading/pitch in degrees (CesiumJS). */
export interface TourCameraPose {
  lon: number;
  lat: number;
  heightEllipsoidalM: number;
  headingDeg: number;
  pitchDeg: number;
}

/** A tour stop as the viewer plays and records it (the server's `TourStop` satisfies it). */
export interface TourStopView extends TourStopTiming {
  camera: TourCameraPose;
  captionZh: string;
  /** English caption, null = show the Chinese. */
  captionEn: string | null;
}

/** Shortest time a caption stays on screen, seconds. */
export const MIN_CAPTION_S = 3;

/** One stop's slot in the tour, seconds from the start. */
export interface ScheduledStop {
  index: number;
  flightStartS: number;
  /** Arrival: the flight ends, the hold and the caption start. */
  holdStartS: number;
  /** The hold ends (the next flight starts). */
  endS: number;
  /** The caption hides (≥ holdStartS + {@link MIN_CAPTION_S}, ≤ the tour's end). */
  captionEndS: number;
}

/** A whole tour's schedule. */
export interface TourSchedule {
  stops: ScheduledStop[];
  /** Length of the tour, seconds. */
  totalS: number;
}

/**
 * Lays the stops end to end.
 * @throws {RangeError} naming the stop when a flight is not > 0 s or a hold is negative or not finite
 */
export function scheduleTour(stops: readonly TourStopTiming[]): TourSchedule {
  const scheduled: ScheduledStop[] = [];
  let t = 0;
  stops.forEach((stop, index) => {
    if (!(stop.flightS > 0) || !Number.isFinite(stop.flightS)) throw new RangeError(`tour stop ${index}: flightS must be > 0 s, got ${stop.flightS}`);
    if (!(stop.holdS >= 0) || !Number.isFinite(stop.holdS)) throw new RangeError(`tour stop ${index}: holdS must be ≥ 0 s, got ${stop.holdS}`);
    const holdStartS = t + stop.flightS;
    const endS = holdStartS + stop.holdS;
    scheduled.push({ index, flightStartS: t, holdStartS, endS, captionEndS: Math.max(endS, holdStartS + MIN_CAPTION_S) });
    t = endS;
  });
  for (const stop of scheduled) stop.captionEndS = Math.min(stop.captionEndS, t);
  return { stops: scheduled, totalS: t };
}

/** Where a tour is at one time. */
export type TourPosition =
  | {
      phase: 'flight' | 'hold';
      /** The stop being flown to or held at. */
      stopIndex: number;
      /** Seconds left in this phase. */
      phaseRemainingS: number;
      /** The stop whose caption shows, or null (before the first arrival). */
      captionIndex: number | null;
    }
  | { phase: 'done'; stopIndex: null; phaseRemainingS: 0; captionIndex: null };

/**
 * The tour's position at `elapsedS` (clamped at 0): the phase of the stop whose slot holds that time (a slot is
 * half-open: at exactly `endS` the next flight has begun), and the caption shown (the latest arrival whose caption
 * window holds that time). At or after the end: `done`.
 */
export function tourPositionAt(schedule: TourSchedule, elapsedS: number): TourPosition {
  const t = Math.max(0, elapsedS);
  if (schedule.stops.length === 0 || t >= schedule.totalS) return { phase: 'done', stopIndex: null, phaseRemainingS: 0, captionIndex: null };
  const stop = schedule.stops.find((s) => t < s.endS) ?? schedule.stops[schedule.stops.length - 1];
  let captionIndex: number | null = null;
  for (const s of schedule.stops) if (s.holdStartS <= t && t < s.captionEndS) captionIndex = s.index;
  if (t < stop.holdStartS) return { phase: 'flight', stopIndex: stop.index, phaseRemainingS: stop.holdStartS - t, captionIndex };
  return { phase: 'hold', stopIndex: stop.index, phaseRemainingS: stop.endS - t, captionIndex };
}

/** A pausable tour clock (immutable: each call returns a new clock). */
export interface TourClock {
  /** Tour seconds accumulated before the current run. */
  accumulatedS: number;
  /** Clock reading (ms) when the current run started, or null while paused. */
  runningSinceMs: number | null;
}

/** A clock started at `nowMs`, at tour time `fromS` (default 0). */
export function startTourClock(nowMs: number, fromS = 0): TourClock {
  return { accumulatedS: fromS, runningSinceMs: nowMs };
}

/** Tour seconds elapsed at `nowMs`. */
export function tourElapsedS(clock: TourClock, nowMs: number): number {
  return clock.accumulatedS + (clock.runningSinceMs === null ? 0 : Math.max(0, nowMs - clock.runningSinceMs) / 1000);
}

/** The clock paused at `nowMs` (no change when paused already). */
export function pauseTourClock(clock: TourClock, nowMs: number): TourClock {
  return clock.runningSinceMs === null ? clock : { accumulatedS: tourElapsedS(clock, nowMs), runningSinceMs: null };
}

/** The clock running again from `nowMs` (no change when running). */
export function resumeTourClock(clock: TourClock, nowMs: number): TourClock {
  return clock.runningSinceMs === null ? { accumulatedS: clock.accumulatedS, runningSinceMs: nowMs } : clock;
}

/** Whether the clock is paused. */
export function isTourClockPaused(clock: TourClock): boolean {
  return clock.runningSinceMs === null;
}
