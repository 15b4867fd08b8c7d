import { describe, expect, it } from 'vitest';
import { DEMO_SENSORS } from '@data/sensors/demo-sensors';
import { SENSOR_TYPE_DEFINITIONS } from '@data/sensors/sensor-types';
import { incidentAt, outageAt, SIMULATION_DEFAULTS, simulatedReadings, simulatedValue, type SimulatedSensor } from './simulation';

/** The pure demo-reading generator: determinism, ranges, daily cycle, dropouts, incidents crossing the alarm levels. */

const SENSORS: SimulatedSensor[] = DEMO_SENSORS.map((s, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, code: s.code, type: s.type }));
const START = Date.UTC(2026, 4, 1, 16, 0, 0); // 2026-05-02 00:00 China Standard Time
const DAY = 86_400_000;
const DAYS = 14;
const month = simulatedReadings(SENSORS, START, START + DAYS * DAY);
const BY_ID = new Map(SENSORS.map((s) => [s.id, s]));
const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);
const min = (values: number[]) => values.reduce((a, b) => Math.min(a, b), Infinity);
const ofType = (type: string) => {
  const ids = new Set(SENSORS.filter((s) => s.type === type).map((s) => s.id));
  return month.filter((r) => ids.has(r.sensorId));
};

describe('simulatedReadings', () => {
  it('is a pure function of seed, sensor and instant: the same range twice is identical, another seed differs', () => {
    const day = simulatedReadings(SENSORS, START, START + DAY);
    expect(simulatedReadings(SENSORS, START, START + DAY)).toEqual(day);
    expect(month.slice(0, day.length)).toEqual(day);
    const other = simulatedReadings(SENSORS, START, START + DAY, { ...SIMULATION_DEFAULTS, seed: 12 });
    expect(other.filter((r, i) => r.value !== day[i]?.value).length).toBeGreaterThan(day.length * 0.9);
  });

  it('puts readings on the minute grid in (from, to], oldest first', () => {
    const hour = simulatedReadings(SENSORS.slice(0, 1), START + 30_000, START + 3_600_000);
    expect(hour[0].observedAt).toBe('2026-05-01T16:01:00.000Z');
    expect(hour.at(-1)!.observedAt).toBe('2026-05-01T17:00:00.000Z');
    expect(hour.every((r) => Date.parse(r.observedAt) % 60_000 === 0)).toBe(true);
    expect(hour.length).toBeGreaterThanOrEqual(55);
    expect(hour.length).toBeLessThanOrEqual(60);
  });

  it('keeps every value within its type’s plausible range, rounded to the resolution', () => {
    const outside = month.filter((r) => {
      const { plausibleMin, plausibleMax } = SENSOR_TYPE_DEFINITIONS[BY_ID.get(r.sensorId)!.type];
      return !(r.value >= plausibleMin && r.value <= plausibleMax);
    });
    expect(outside).toEqual([]);
    expect(ofType('gas').filter((r) => Math.abs(r.value * 100 - Math.round(r.value * 100)) > 1e-6)).toEqual([]);
    expect(ofType('water-pressure').filter((r) => Math.abs(r.value * 1000 - Math.round(r.value * 1000)) > 1e-6)).toEqual([]);
  });

  it('drops about 1 % of readings plus the outages', () => {
    const expected = SENSORS.length * DAYS * 1440;
    const missing = 1 - month.length / expected;
    expect(missing).toBeGreaterThan(0.01);
    expect(missing).toBeLessThan(0.03);
    const outages = SENSORS.flatMap((s) => Array.from({ length: DAYS * 24 }, (_, h) => outageAt(s.code, START + h * 3_600_000))).filter(Boolean);
    expect(outages.length).toBeGreaterThan(0);
  });

  it('follows the daily demand cycle: supply pressure is lower at 07:30 than at 03:00 local time', () => {
    const pressure = ofType('water-pressure').filter((r) => !incidentAt(BY_ID.get(r.sensorId)!.code, Date.parse(r.observedAt)));
    const localMinute = (r: { observedAt: string }) => ((Date.parse(r.observedAt) / 60_000 + 8 * 60) % 1440);
    const mean = (rows: { value: number }[]) => rows.reduce((sum, r) => sum + r.value, 0) / rows.length;
    const morning = mean(pressure.filter((r) => Math.abs(localMinute(r) - 450) <= 15));
    const night = mean(pressure.filter((r) => Math.abs(localMinute(r) - 180) <= 15));
    expect(night - morning).toBeGreaterThan(0.05);
    expect(night - morning).toBeLessThan(0.12);
  });

  it('stays quiet outside incidents and crosses the alarm levels in them (gas ≥ 20 %LEL, pressure < 0.14 MPa, well water < 0.5 m)', () => {
    const inIncident = (r: { sensorId: string; observedAt: string }) => incidentAt(BY_ID.get(r.sensorId)!.code, Date.parse(r.observedAt)) !== null;
    const gas = ofType('gas');
    expect(max(gas.filter((r) => !inIncident(r)).map((r) => r.value))).toBeLessThan(10);
    expect(max(gas.filter(inIncident).map((r) => r.value))).toBeGreaterThanOrEqual(20);
    const pressure = ofType('water-pressure');
    expect(min(pressure.filter((r) => !inIncident(r)).map((r) => r.value))).toBeGreaterThan(0.16);
    expect(min(pressure.filter(inIncident).map((r) => r.value))).toBeLessThan(0.14);
    const level = ofType('water-level');
    expect(min(level.filter((r) => !inIncident(r)).map((r) => r.value))).toBeGreaterThan(1.0);
    expect(min(level.filter(inIncident).map((r) => r.value))).toBeLessThan(0.5);
    // About 0.25 incidents per sensor and day.
    const incidents = new Set(month.filter(inIncident).map((r) => `${r.sensorId}@${incidentAt(BY_ID.get(r.sensorId)!.code, Date.parse(r.observedAt))!.startMs}`));
    expect(incidents.size).toBeGreaterThan(SENSORS.length * DAYS * 0.25 * 0.6);
    expect(incidents.size).toBeLessThan(SENSORS.length * DAYS * 0.25 * 1.4);
  });

  it('drifts slowly: a sensor’s quiet-hour mean moves by less than its drift bound over a calibration cycle', () => {
    const sensor = SENSORS.find((s) => s.type === 'water-level')!;
    const quiet = (day: number) => {
      const values = Array.from({ length: 60 }, (_, m) => simulatedValue(sensor, START + day * DAY + 2 * 3_600_000 + m * 60_000)).filter((v): v is number => v !== null);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const means = Array.from({ length: 30 }, (_, d) => quiet(d)).filter(Number.isFinite);
    expect(max(means) - min(means)).toBeLessThan(0.004 * 30 + 0.05);
  });

  it('refuses an unbounded range', () => {
    expect(() => simulatedReadings(SENSORS, START, START + 365 * DAY)).toThrow(RangeError);
  });
});
