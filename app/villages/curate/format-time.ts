import type { Locale } from '@viewer/core/i18n';

/** A time as the curators' pages show it: date and minutes in the UI language, China Standard Time. */
export function formatCurateTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(at);
}
