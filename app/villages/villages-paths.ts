/** Addresses of the `villages` plate's public site. */
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

/**
 * `href` in the other language: the same address with `?lang=` (proxy.ts stores it in the locale cookie).
 * @param href a same-site address with or without a query
 */
export function otherLanguageHref(href: string, locale: Locale): string {
  const url = new URL(href, 'http://same.site');
  url.searchParams.set(LOCALE_QUERY_PARAM, locale === 'en' ? 'zh-CN' : 'en');
  return `${url.pathname}${url.search}`;
}
