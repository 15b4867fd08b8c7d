import { z } from 'zod';
import { describeInput, nulSafeText, uuidSchema } from '@kernel/zod-fields';

/**
 * zod inputs of the villages scene procedures (./scene-router.ts): the trust boundary of a recorded tour. Every
 * number is bounded: a tour is ≤ {@link MAX_TOUR_STOPS} stops, captions ≤ {@link MAX_CAPTION_CHARS} characters,
 * camera poses in the ranges of viewer/core/camera-url.ts narrowed to a village tour (heights
 * {@link TOUR_HEIGHT_RANGE_M}); the service also keeps every stop within {@link MAX_STOP_DISTANCE_M} of the village.
 */

/** Most stops of one tour. */
export const MAX_TOUR_STOPS = 50;
/** Longest caption of a stop, characters (per language). */
export const MAX_CAPTION_CHARS = 500;
/** Longest tour title, characters. */
export const MAX_TOUR_TITLE_CHARS = 100;
/** Flight time to a stop, seconds. */
export const FLIGHT_RANGE_S = [0.5, 30] as const;
/** Time held at a stop, seconds. */
export const HOLD_RANGE_S = [0, 60] as const;
/** Camera height of a stop, metres above the WGS84 ellipsoid (ground ≈ 0 in the twin): a drone's view, not orbit. */
export const TOUR_HEIGHT_RANGE_M = [1, 20_000] as const;
/** Farthest a stop's camera may be from the village position, metres (horizontal). */
export const MAX_STOP_DISTANCE_M = 20_000;

/** A finite number in `min..max` with a message naming the range and unit. */
function numberIn(min: number, max: number, unit: string) {
  const error = (issue: { input?: unknown }) => `must be a number ${min}..${max} ${unit}, got ${describeInput(issue.input)}`;
  return z.number({ error }).min(min, { error }).max(max, { error }).refine(Number.isFinite, { error: `must be a finite number ${min}..${max} ${unit}` });
}

/** A 12-digit village code of Jiangxi (`36…`). */
export const villageCodeSchema = z.string().regex(/^36\d{10}$/, { error: (issue) => `must be a 12-digit Jiangxi village code (36…), got ${describeInput(issue.input)}` });

/** A tour stop's camera pose (degrees; height ellipsoidal metres). */
export const tourCameraSchema = z
  .object({
    lon: numberIn(-180, 180, '°'),
    lat: numberIn(-90, 90, '°'),
    heightEllipsoidalM: numberIn(TOUR_HEIGHT_RANGE_M[0], TOUR_HEIGHT_RANGE_M[1], 'm'),
    headingDeg: numberIn(-360, 360, '°'),
    pitchDeg: numberIn(-90, 90, '°'),
  })
  .strict();

/** One stop. */
export const tourStopSchema = z
  .object({
    camera: tourCameraSchema,
    captionZh: nulSafeText(MAX_CAPTION_CHARS, 1),
    captionEn: nulSafeText(MAX_CAPTION_CHARS).nullable(),
    flightS: numberIn(FLIGHT_RANGE_S[0], FLIGHT_RANGE_S[1], 's'),
    holdS: numberIn(HOLD_RANGE_S[0], HOLD_RANGE_S[1], 's'),
  })
  .strict();

/** `villages.scene.tour.save`: the whole working tour of one village (0 stops removes it). */
export const tourSaveInput = z
  .object({
    code: villageCodeSchema,
    titleZh: nulSafeText(MAX_TOUR_TITLE_CHARS, 1),
    titleEn: nulSafeText(MAX_TOUR_TITLE_CHARS).nullable(),
    stops: z.array(tourStopSchema).max(MAX_TOUR_STOPS, { error: `must hold at most ${MAX_TOUR_STOPS} stops` }),
  })
  .strict();
export type TourSaveInput = z.output<typeof tourSaveInput>;

/** A village by code. */
export const villageCodeInput = z.object({ code: villageCodeSchema }).strict();

/** A published building or POI by id. */
export const sceneIdInput = z.object({ id: uuidSchema }).strict();
