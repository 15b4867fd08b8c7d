/**
 * Pure helpers of the twin's alarm panel: the alarm fields it shows, newest-first order, values with units, instants
 * in China time and whether a deadline has passed.
 */
import { formatNumber, type Locale } from '@viewer/core/i18n';

/** Statuses of an alarm (server/db/schema/sensors.ts `ALARM_STATUSES`). */
export type AlarmStatusCode = 'pending' | 'dispatched' | 'handling' | 'closed' | 'false-alarm';

/** The alarm fields the panel shows; `sensors.alarms.list` items satisfy it structurally. */
export interface AlarmListItem {
  id: string;
  sensorName: string;
  unit: string;
  ruleName: string;
  /** Source of the threshold of the alarm's level. */
  thresholdSource: string;
  level: number;
  /** The value that reached the level, and the newest breaking value (sensor unit). */
  value: number;
  lastValue: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  status: AlarmStatusCode;
  deadlineAt: Date;
  version: number;
}

/** Alarms newest sighting first (ties: higher level first, then id), without changing the input. */
export function newestFirst<T extends Pick<AlarmListItem, 'id' | 'lastSeenAt' | 'level'>>(alarms: readonly T[]): T[] {
  return [...alarms].sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || b.level - a.level || a.id.localeCompare(b.id));
}

/** A value with its unit, at most 2 decimals, e.g. `25.5 %LEL`. */
export function formatValue(value: number, unit: string, locale: Locale): string {
  return `${formatNumber(value, locale, 2)} ${unit}`.trim();
}

/** The level's value and, when newer and different, the latest breaking value: `25 %LEL（最新 18 %LEL）`. */
export function formatAlarmValue(alarm: Pick<AlarmListItem, 'value' | 'lastValue' | 'unit'>, locale: Locale): string {
  const reached = formatValue(alarm.value, alarm.unit, locale);
  if (alarm.lastValue === alarm.value) return reached;
  const latest = formatValue(alarm.lastValue, alarm.unit, locale);
  return locale === 'en' ? `${reached} (latest ${latest})` : `${reached}（最新 ${latest}）`;
}

/** An instant in China time (Asia/Shanghai), minutes precision: `2026-12-07 13:52` (both locales). */
export function formatInstant(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** Whether an open alarm's deadline has passed at `now` (ms since the epoch). */
export function isOverdue(alarm: Pick<AlarmListItem, 'deadlineAt' | 'status'>, now: number): boolean {
  return (alarm.status === 'pending' || alarm.status === 'dispatched' || alarm.status === 'handling') && alarm.deadlineAt.getTime() < now;
}

/** A note for a transition: trimmed, null when empty (the server requires 1–2 000 characters). */
export function transitionNote(text: string): string | null {
  const note = text.trim();
  return note.length === 0 ? null : note.slice(0, 2000);
}
