/**
 * Text forms of audit rows: times in China Standard Time and the before → after change of each field, as
 * plain strings (the table renders them as text nodes; values written by users are never parsed as HTML).
 */

/** The time zone every audit time is shown in (mainland China, UTC+8 all year, no daylight saving since 1991). */
export const AUDIT_TIME_ZONE = 'Asia/Shanghai';

/** Offset of {@link AUDIT_TIME_ZONE} from UTC, ms. */
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: AUDIT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant as `YYYY-MM-DD HH:mm:ss` in {@link AUDIT_TIME_ZONE}.
 * @example formatAuditTime(new Date('2026-11-30T16:30:00Z')) // "2026-12-01 00:30:00"
 */
export function formatAuditTime(at: Date): string {
  const part = Object.fromEntries(TIME_FORMAT.formatToParts(at).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/**
 * Reads an `<input type="datetime-local">` value (`YYYY-MM-DDTHH:mm[:ss]`) as a wall-clock time in
 * {@link AUDIT_TIME_ZONE}, whatever the browser's own zone.
 * @returns the instant, or null when the text is empty or not such a value
 */
export function parseShanghaiDateTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS;
  const date = new Date(utcMs);
  // Reject rolled-over dates such as 2026-02-30.
  return formatAuditTime(date).startsWith(`${match[1]}-${match[2]}-${match[3]} ${match[4]}:${match[5]}`) ? date : null;
}

/** One field of an audit row's change, as text. */
export interface AuditFieldChange {
  field: string;
  /** JSON text of the old value, or null when the field was absent before (e.g. a create). */
  before: string | null;
  /** JSON text of the new value, or null when absent after (e.g. a delete). */
  after: string | null;
}

function jsonText(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

/**
 * The fields of `before` and `after` (keys of `after` first, then keys only in `before`), each with its old and
 * new value as JSON text. Fields whose values are equal are kept (a create lists every field once).
 */
export function auditFieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditFieldChange[] {
  const fields = [...Object.keys(after ?? {}), ...Object.keys(before ?? {}).filter((key) => !Object.hasOwn(after ?? {}, key))];
  return fields.map((field) => ({
    field,
    before: before && Object.hasOwn(before, field) ? jsonText(before[field]) : null,
    after: after && Object.hasOwn(after, field) ? jsonText(after[field]) : null,
  }));
}
