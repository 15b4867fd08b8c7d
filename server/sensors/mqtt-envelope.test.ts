import { describe, expect, it } from 'vitest';
import { BatchTooLargeError } from './ingest';
import { parseEnvelope, readingsTopic, type MqttIngestSettings } from './mqtt-ingest';

/** The MQTT topic scheme and payload envelope (pure: no broker, no database). */

const SETTINGS: MqttIngestSettings = { SENSORS_INGEST_MAX_READINGS: 3, SENSORS_INGEST_MAX_BYTES: 1024, SENSORS_FUTURE_TOLERANCE_S: 300, SENSORS_READING_RETENTION_MONTHS: 36 };
const SENSOR = '7f0c3a52-6a0e-4c1e-9d3b-2f1a8e4c5d6b';
const TOKEN = `gtg_${'A'.repeat(43)}`;
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('readingsTopic', () => {
  it('builds gantwin/sensors/<code>/readings and refuses codes that would change the topic', () => {
    expect(readingsTopic('DEMO-NC-GW-1')).toBe('gantwin/sensors/DEMO-NC-GW-1/readings');
    expect(readingsTopic('nc.gw_2')).toBe('gantwin/sensors/nc.gw_2/readings');
    for (const bad of ['', 'a/b', '+', '#', 'x'.repeat(65), '南昌']) expect(() => readingsTopic(bad)).toThrow('mqtt topic: sender code must be 1-64 characters');
  });
});

describe('parseEnvelope', () => {
  it('returns the token and the parsed readings', () => {
    const envelope = parseEnvelope(bytes({ token: TOKEN, readings: [{ sensorId: SENSOR, observedAt: '2026-05-01T08:00:00+08:00', value: 0.31 }] }), SETTINGS);
    expect(envelope).toEqual({ token: TOKEN, readings: [{ sensorId: SENSOR, observedAt: new Date('2026-05-01T00:00:00Z'), value: 0.31 }] });
  });

  it('refuses an oversized payload before decoding it, and too many readings', () => {
    expect(() => parseEnvelope(Buffer.alloc(1025, 0x20), SETTINGS)).toThrow(new BatchTooLargeError('payload: 1025 bytes exceed the limit of 1024'));
    const four = Array.from({ length: 4 }, (_, i) => ({ sensorId: SENSOR, observedAt: `2026-05-01T08:0${i}:00Z`, value: 1 }));
    expect(() => parseEnvelope(bytes({ token: TOKEN, readings: four }), SETTINGS)).toThrow('readings: at most 3 per request, got 4');
  });

  it('names what is wrong with a malformed envelope', () => {
    expect(() => parseEnvelope(bytes('[1,2]'), SETTINGS)).toThrow('payload: must be a JSON object { "token", "readings" }');
    expect(() => parseEnvelope(bytes('null'), SETTINGS)).toThrow('payload: must be a JSON object');
    expect(() => parseEnvelope(bytes({ token: 42, readings: [] }), SETTINGS)).toThrow('payload.token: must be the sensor (gts_…) or gateway (gtg_…) ingest token');
    expect(() => parseEnvelope(bytes({ token: 'x'.repeat(201), readings: [] }), SETTINGS)).toThrow('payload.token');
    expect(() => parseEnvelope(bytes({ token: TOKEN, readings: [], sensorId: SENSOR }), SETTINGS)).toThrow('payload: unknown field "sensorId" (only "token" and "readings")');
    expect(() => parseEnvelope(bytes({ token: TOKEN }), SETTINGS)).toThrow('payload.readings: must be an array of { "sensorId", "observedAt", "value" }');
    expect(() => parseEnvelope(bytes({ token: TOKEN, readings: [{ sensorId: SENSOR, observedAt: '2026-05-01 08:00', value: 1 }] }), SETTINGS)).toThrow('readings.0.observedAt');
  });
});
