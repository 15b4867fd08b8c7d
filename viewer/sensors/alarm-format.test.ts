import { describe, expect, it } from 'vitest';
import { formatAlarmValue, formatInstant, formatValue, isOverdue, newestFirst, transitionNote } from './alarm-format';
import { SENSORS_MESSAGES } from './messages';

describe('alarm panel formatting', () => {
  it('orders alarms by last sighting, newest first, then by level, without touching the input', () => {
    const at = (iso: string) => new Date(iso);
    const alarms = [
      { id: 'a', lastSeenAt: at('2026-12-07T01:00:00Z'), level: 1 },
      { id: 'b', lastSeenAt: at('2026-12-07T03:00:00Z'), level: 1 },
      { id: 'c', lastSeenAt: at('2026-12-07T03:00:00Z'), level: 3 },
      { id: 'd', lastSeenAt: at('2026-12-06T23:00:00Z'), level: 2 },
    ];
    expect(newestFirst(alarms).map((alarm) => alarm.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(alarms.map((alarm) => alarm.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('shows values with their unit, and the latest value when it differs from the level value', () => {
    expect(formatValue(25.456, '%LEL', 'zh-CN')).toBe('25.46 %LEL');
    expect(formatValue(1200, 'm³/h', 'en')).toBe('1,200 m³/h');
    expect(formatAlarmValue({ value: 25, lastValue: 25, unit: '%LEL' }, 'zh-CN')).toBe('25 %LEL');
    expect(formatAlarmValue({ value: 25, lastValue: 18.5, unit: '%LEL' }, 'zh-CN')).toBe('25 %LEL（最新 18.5 %LEL）');
    expect(formatAlarmValue({ value: 0.1, lastValue: 0.12, unit: 'MPa' }, 'en')).toBe('0.1 MPa (latest 0.12 MPa)');
  });

  it('shows instants in China time', () => {
    expect(formatInstant(new Date('2026-12-07T05:52:00Z'))).toBe('2026-12-07 13:52');
    expect(formatInstant(new Date('2026-12-31T16:05:59Z'))).toBe('2027-01-01 00:05');
  });

  it('marks open alarms past their deadline as overdue, never closed ones', () => {
    const deadlineAt = new Date('2026-12-07T06:00:00Z');
    const before = deadlineAt.getTime() - 1;
    const after = deadlineAt.getTime() + 1;
    expect(isOverdue({ deadlineAt, status: 'pending' }, before)).toBe(false);
    expect(isOverdue({ deadlineAt, status: 'handling' }, after)).toBe(true);
    expect(isOverdue({ deadlineAt, status: 'closed' }, after)).toBe(false);
    expect(isOverdue({ deadlineAt, status: 'false-alarm' }, after)).toBe(false);
  });

  it('requires a non-blank note, trimmed and cut at 2 000 characters', () => {
    expect(transitionNote('  ')).toBeNull();
    expect(transitionNote(' 已推送燃气公司 ')).toBe('已推送燃气公司');
    expect(transitionNote('x'.repeat(2100))).toHaveLength(2000);
  });

  it('has the empty state and every status and step label in both locales', () => {
    expect(SENSORS_MESSAGES['zh-CN']['alarms.empty']).toBe('暂无告警');
    expect(Object.keys(SENSORS_MESSAGES.en).sort()).toEqual(Object.keys(SENSORS_MESSAGES['zh-CN']).sort());
  });
});
