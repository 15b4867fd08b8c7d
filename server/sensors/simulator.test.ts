import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SILENT_LOGGER } from '@kernel/logger';
import { connectTestDb } from '@server/db/test-database';
import { DEMO_GATEWAY_CODE, ensureDemoGateway } from './demo-gateway';
import { ingestResponse } from './ingest-response';
import { ensureLocalBroker, stopLocalBroker } from './local-broker';
import { readingsTopic, startMqttIngest } from './mqtt-ingest';
import { seedAlarmRules, seedDemoSensors } from './seed-sensors';
import type { SensorsEnv } from './sensors-env';
import { SIMULATION_DEFAULTS, simulatedReadings } from './simulation';
import { createSimulator } from './simulator';

/**
 * The simulator end to end: demo gateway token, MQTT through a real Mosquitto (port 18834) and the ingest consumer,
 * HTTP through the route's handler (first unreachable, then up), every generated reading stored with its value, and
 * the alarm of a simulated gas leak opened.
 */

const PORT = 18834;
const brokerDir = mkdtempSync(path.join(os.tmpdir(), 'gantwin-sim-test-'));
const brokerUrl = `mqtt://127.0.0.1:${PORT}`;
const connection = connectTestDb();
const db = connection.db;
const SETTINGS: SensorsEnv = {
  SENSORS_INGEST_MAX_READINGS: 5000,
  SENSORS_INGEST_MAX_BYTES: 1024 ** 2,
  SENSORS_INGEST_REQUESTS_PER_MINUTE: 10_000,
  SENSORS_FUTURE_TOLERANCE_S: 300,
  SENSORS_READING_RETENTION_MONTHS: 36,
  SENSORS_PARTITION_MONTHS_AHEAD: 3,
};
let publisher: MqttClient;

beforeAll(async () => {
  await ensureLocalBroker({ dir: brokerDir, port: PORT });
  publisher = await connectAsync(brokerUrl, { clientId: `test-sim-${process.pid}`, clean: true });
});

afterAll(async () => {
  await publisher?.endAsync();
  await stopLocalBroker({ dir: brokerDir, port: PORT });
  rmSync(brokerDir, { recursive: true, force: true });
  await connection.pool.end();
});

describe('simulator', () => {
  it('sends a 6-hour window with a gas leak over MQTT and HTTP (HTTP down in the first half): all stored, the leak alarmed', async () => {
    await seedAlarmRules(db);
    await seedDemoSensors(db);
    const gateway = await ensureDemoGateway(db, null);
    const gas = gateway.sensors.filter((s) => s.type === 'gas');
    // The most recent whole 6-hour slot (before now) in which some demo gas sensor reaches 20 %LEL.
    const slotMs = 6 * 3_600_000;
    let fromMs = Math.floor(Date.now() / slotMs) * slotMs - slotMs;
    while (!simulatedReadings(gas, fromMs, fromMs + slotMs).some((r) => r.value >= 20)) fromMs -= slotMs;
    const toMs = fromMs + slotMs;
    const expected = simulatedReadings(gateway.sensors, fromMs, toMs);
    const leak = simulatedReadings(gas, fromMs, toMs).find((r) => r.value >= 20)!;

    const ingest = startMqttIngest({ db, logger: SILENT_LOGGER }, { brokerUrl, clientId: `test-sim-ingest-${process.pid}`, settings: SETTINGS });
    await ingest.subscribed;
    let httpUp = false;
    const simulator = createSimulator(
      gateway.token,
      gateway.sensors,
      {
        publish: async (payload) => {
          await publisher.publishAsync(readingsTopic(DEMO_GATEWAY_CODE), payload, { qos: 1 });
        },
        post: async (body) => {
          if (!httpUp) throw new Error('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3000') });
          const response = await ingestResponse(
            { getDb: () => db, logger: SILENT_LOGGER, settings: SETTINGS },
            new Request('http://localhost/api/sensors/readings', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${gateway.token}` }, body }),
          );
          return { status: response.status, text: await response.text() };
        },
      },
      { generator: SIMULATION_DEFAULTS, mqttPerMessage: 1000, httpPerRequest: 2000, httpPendingMax: 100_000, logger: SILENT_LOGGER },
    );
    const midMs = fromMs + slotMs / 2;
    const first = await simulator.round(fromMs, midMs);
    expect(first.http).toBe(0);
    expect(first.httpPending).toBeGreaterThan(0);
    httpUp = true;
    const second = await simulator.round(midMs, toMs);
    expect(second.httpPending).toBe(0);
    expect(first.mqtt + second.mqtt + second.http).toBe(expected.length);

    const ids = gateway.sensors.map((s) => s.id);
    for (let waited = 0; waited < 20_000; waited += 100) {
      const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sensors_readings WHERE sensor_id IN (SELECT id FROM sensors_devices WHERE gateway_id = ${gateway.gatewayId})`);
      if (rows[0].n >= expected.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await ingest.stop();
    const { rows: stored } = await db.execute<{ sensor_id: string; observed_at: string; value: number }>(sql`
      SELECT sensor_id, to_char(observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS observed_at, value
        FROM sensors_readings WHERE sensor_id = ANY(${`{${ids.join(',')}}`}::uuid[]) ORDER BY observed_at, sensor_id`);
    const key = (r: { sensor_id?: string; sensorId?: string; observed_at?: string; observedAt?: string; value: number }) => `${r.sensor_id ?? r.sensorId}@${r.observed_at ?? r.observedAt}=${r.value}`;
    expect(stored.map(key).sort()).toEqual(expected.map(key).sort());

    const { rows: alarms } = await db.execute<{ code: string; level: number }>(sql`
      SELECT r.code, a.level FROM sensors_alarms a JOIN sensors_alarm_rules r ON r.id = a.rule_id WHERE a.sensor_id = ${leak.sensorId} AND r.code = 'gas-lel'`);
    expect(alarms.length).toBeGreaterThan(0);
    expect(Math.max(...alarms.map((a) => a.level))).toBeGreaterThanOrEqual(2);
  });
});
