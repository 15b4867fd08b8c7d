import { describe, expect, it } from 'vitest';
import { auditFieldChanges, formatAuditTime, parseShanghaiDateTime } from './audit-format';

describe('formatAuditTime', () => {
  it('shows UTC+8 wall-clock time, crossing midnight and year ends', () => {
    expect(formatAuditTime(new Date('2026-11-30T16:30:05Z'))).toBe('2026-12-01 00:30:05');
    expect(formatAuditTime(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31 23:59:59');
    expect(formatAuditTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00:00');
  });
});

describe('parseShanghaiDateTime', () => {
  it('reads datetime-local text as UTC+8', () => {
    expect(parseShanghaiDateTime('2026-12-01T00:30')?.toISOString()).toBe('2026-11-30T16:30:00.000Z');
    expect(parseShanghaiDateTime('2026-12-01T08:00:15')?.toISOString()).toBe('2026-12-01T00:00:15.000Z');
  });
  it('round-trips with formatAuditTime', () => {
    const at = parseShanghaiDateTime('2027-01-01T00:00')!;
    expect(formatAuditTime(at)).toBe('2027-01-01 00:00:00');
  });
  it('rejects empty, malformed and impossible dates', () => {
    expect(parseShanghaiDateTime('')).toBeNull();
    expect(parseShanghaiDateTime('yesterday')).toBeNull();
    expect(parseShanghaiDateTime('2026-02-30T10:00')).toBeNull();
    expect(parseShanghaiDateTime('2026-11-30T24:30')).toBeNull();
  });
});

describe('auditFieldChanges', () => {
  it('lists a create with every field new', () => {
    expect(auditFieldChanges(null, { role: 'planner', regionCode: '360100', disabled: false })).toEqual([
      { field: 'role', before: null, after: '"planner"' },
      { field: 'regionCode', before: null, after: '"360100"' },
      { field: 'disabled', before: null, after: 'false' },
    ]);
  });
  it('pairs before and after values, keeping fields only in before', () => {
    expect(auditFieldChanges({ disabled: false, note: 'x' }, { disabled: true })).toEqual([
      { field: 'disabled', before: 'false', after: 'true' },
      { field: 'note', before: '"x"', after: null },
    ]);
  });
  it('keeps HTML-looking values as inert JSON text', () => {
    const [change] = auditFieldChanges(null, { name: '<img src=x onerror=alert(1)>' });
    expect(change.after).toBe('"<img src=x onerror=alert(1)>"');
  });
  it('handles nested values and no rows', () => {
    expect(auditFieldChanges({ a: { b: [1, 2] } }, { a: null })).toEqual([{ field: 'a', before: '{"b":[1,2]}', after: 'null' }]);
    expect(auditFieldChanges(null, null)).toEqual([]);
  });
});
