/**
 * Formatting of the review plate's figures for the UI: byte sizes, percentages and a submission's status label.
 */
import { formatNumber, type Locale } from '@viewer/core/i18n';

/** Bytes as B / KB / MB / GB (binary multiples, as file managers show them), e.g. `512.3 MB`. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, locale, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** A fraction 0–1 as a whole percentage 0–100 (clamped). */
export function percentOf(fraction: number): number {
  return Math.max(0, Math.min(100, Math.round(fraction * 100)));
}
