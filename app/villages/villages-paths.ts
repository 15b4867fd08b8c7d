/** Addresses of the `villages` plate's public site. */
import { formatCameraParam, CAMERA_QUERY_PARAM } from '@viewer/core/camera-url';
import { LOCALE_QUERY_PARAM, type Locale } from '@viewer/core/i18n';

/** The public site's routes (and the twin it links to). */
export const VILLAGES_PATHS = {
  /** The list and map. */
  list: '/villages',
  /** The outline layer of the list's map. */
  mapOutlines: '/villages/map-outlines.svg',
  /** The twin. */
  twin: '/',
  /** One village (`code`: 12-digit statistical code). */
  village: (code: string) => `/villages/${code}`,
  /** One panorama of a village (the panorama page). */
  panorama: (code: string, panoramaId: string) => `/villages/${code}/panoramas/${panoramaId}`,
} as const;

/** Camera of the twin link: this far south of the village, metres, … */
const SCENE_OFFSET_SOUTH_M = 900;
/** … this high above the ellipsoid, metres, looking north this far down, degrees. */
const SCENE_HEIGHT_M = 700;
const SCENE_PITCH_DEG = -35;

/**
 * The twin opened over a village: the camera {@link SCENE_OFFSET_SOUTH_M} south of it, {@link SCENE_HEIGHT_M} up,
 * looking north and down at it (`/?cam=…`, viewer/core/camera-url.ts).
 * @param position `[lon, lat]` degrees WGS84
 */
export function twinHrefOverVillage(position: readonly [number, number]): string {
  const [lonDeg, latDeg] = position;
  const cam = formatCameraParam({ lonDeg, latDeg: latDeg - SCENE_OFFSET_SOUTH_M / 111_320, heightEllipsoidalM: SCENE_HEIGHT_M, headingDeg: 0, pitchDeg: SCENE_PITCH_DEG, rollDeg: 0 });
  return `${VILLAGES_PATHS.twin}?${new URLSearchParams({ [CAMERA_QUERY_PARAM]: cam })}`;
}

/**
 * `href` in the other language: the same address with `?lang=` (proxy.ts stores it in the locale cookie).
 * @param href a same-site address with or without a query
 */
export function otherLanguageHref(href: string, locale: Locale): string {
  const url = new URL(href, 'http://same.site');
  url.searchParams.set(LOCALE_QUERY_PARAM, locale === 'en' ? 'zh-CN' : 'en');
  return `${url.pathname}${url.search}`;
}
