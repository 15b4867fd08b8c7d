import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '@kernel/logger';
import { TEST_REGIONS } from '@server/accounts/test-fixtures';
import { createDb } from '@server/db/client';
import { connectTestDb, testDatabaseUrl } from '@server/db/test-database';
import { ensureLocalBroker, stopLocalBroker } from './local-broker';
import { readingsTopic, startMqttIngest, type MqttIngestSettings } from './mqtt-ingest';
import { createLoadSensors, loadPayloads, spawnIngestProcess, storedCount, waitForStored, waitForSubscribed } from './mqtt-load';
import { seedAlarmRules } from './seed-sensors';
import { createTestSensor } from './test-fixtures';

/**
 * MQTT ingest against a real project-local Mosquitto (started here on port 18831, its own folder) and the real
 * database: zero loss while the consumer process is SIGKILLed and restarted, and while the broker restarts; poison
 * messages dropped without blocking the next good one.
 */

const PORT = 18831;
const brokerDir = mkdtempSync(path.join(os.tmpdir(), 'gantwin-mqtt-test-'));
const brokerUrl = `mqtt://127.0.0.1:${PORT}`;
const connection = connectTestDb();
const db = connection.db;
const SETTINGS: MqttIngestSettings = { SENSORS_INGEST_MAX_READINGS: 5000, SENSORS_INGEST_MAX_BYTES: 1024 ** 2, SENSORS_FUTURE_TOLERANCE_S: 300, SENSORS_READING_RETENTION_MONTHS: 36 };
const N = 100_000;
const PER_MESSAGE = 100;

let publisher: MqttClient;

beforeAll(async () => {
  await seedAlarmRules(db);
  await ensureLocalBroker({ dir: brokerDir, port: PORT });
  publisher = await connectAsync(brokerUrl, { clientId: `test-pub-${process.pid}`, clean: true, reconnectPeriod: 200 });
});

afterAll(async () => {
  await publisher?.endAsync();
  await stopLocalBroker({ dir: brokerDir, port: PORT });
  rmSync(brokerDir, { recursive: true, force: true });
  await connection.pool.end();
});

/** Publishes the payloads with QoS 1, `window` at a time (each resolves at the broker's PUBACK). */
async function publishAll(payloads: readonly Buffer[], topic: string, window = 50): Promise<void> {
  for (let i = 0; i < payloads.length; i += window) {
    await Promise.all(payloads.slice(i, i + window).map((payload) => publisher.publishAsync(topic, payload, { qos: 1 })));
  }
}

describe('zero loss', () => {
  it(`stores exactly ${N} readings (${N / PER_MESSAGE} messages) while the ingest process is SIGKILLed and restarted`, async () => {
    const load = await createLoadSensors(db, TEST_REGIONS.donghu, 50);
    const payloads = loadPayloads(load.token, load.sensorIds, N, PER_MESSAGE, Date.now() - 2 * 86_400_000);
    const clientId = `test-kill-${process.pid}`;
    let ingest = spawnIngestProcess({ databaseUrl: testDatabaseUrl(), brokerUrl, clientId });
    await waitForSubscribed(ingest);
    const started = Date.now();
    const publishing = publishAll(payloads, readingsTopic('LOAD-GW-1'));
    expect(await waitForStored(db, load.sensorIds, N * 0.3, 60_000)).toBeGreaterThanOrEqual(N * 0.3);
    ingest.child.kill('SIGKILL');
    await new Promise((resolve) => ingest.child.once('exit', resolve));
    const atKill = (await storedCount(db, load.sensorIds)).rows;
    ingest = spawnIngestProcess({ databaseUrl: testDatabaseUrl(), brokerUrl, clientId });
    await publishing;
    await waitForStored(db, load.sensorIds, N, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // anything stored twice or late would show now
    const stored = await storedCount(db, load.sensorIds);
    console.info(`zero loss (ingest SIGKILL at ${atKill} rows): ${stored.rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    ingest.child.kill('SIGTERM');
    await new Promise((resolve) => ingest.child.once('exit', resolve));
    expect(atKill).toBeLessThan(N);
    expect(stored).toEqual({ rows: N, distinct: N });
  });

  it(`stores exactly ${N} readings while the broker restarts (persistent session and queue on disk)`, async () => {
    const load = await createLoadSensors(db, TEST_REGIONS.donghu, 50);
    const payloads = loadPayloads(load.token, load.sensorIds, N, PER_MESSAGE, Date.now() - 2 * 86_400_000);
    const ingest = spawnIngestProcess({ databaseUrl: testDatabaseUrl(), brokerUrl, clientId: `test-restart-${process.pid}` });
    await waitForSubscribed(ingest);
    const started = Date.now();
    const topic = readingsTopic('LOAD-GW-2');
    // Half first; the broker restarts while the consumer works through it and the second half is being published.
    await publishAll(payloads.slice(0, payloads.length / 2), topic);
    expect(await waitForStored(db, load.sensorIds, N * 0.2, 60_000)).toBeGreaterThanOrEqual(N * 0.2);
    const publishing = publishAll(payloads.slice(payloads.length / 2), topic);
    await stopLocalBroker({ dir: brokerDir, port: PORT });
    const atStop = (await storedCount(db, load.sensorIds)).rows;
    await ensureLocalBroker({ dir: brokerDir, port: PORT });
    await publishing;
    await waitForStored(db, load.sensorIds, N, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const stored = await storedCount(db, load.sensorIds);
    console.info(`zero loss (broker restart at ${atStop} rows): ${stored.rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    ingest.child.kill('SIGTERM');
    await new Promise((resolve) => ingest.child.once('exit', resolve));
    expect(atStop).toBeLessThan(N);
    expect(stored).toEqual({ rows: N, distinct: N });
  });
});

describe('bad payloads', () => {
  it('drops poison messages with a logged reason (acknowledged, not redelivered) and ingests the next good one', async () => {
    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const other = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const warnings: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) };
    const ingest = startMqttIngest({ db, logger }, { brokerUrl, clientId: `test-poison-${process.pid}`, settings: { ...SETTINGS, SENSORS_INGEST_MAX_BYTES: 4096 } });
    await ingest.subscribed;
    const topic = readingsTopic('POISON-1');
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString();
    const poison: (string | Buffer)[] = [
      'not json {',
      Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
      JSON.stringify({ readings: [{ sensorId: sensor.id, observedAt: at, value: 0.3 }] }),
      JSON.stringify({ token: 'gts_unknownunknownunknownunknownunknownunknow', readings: [{ sensorId: sensor.id, observedAt: at, value: 0.3 }] }),
      JSON.stringify({ token: sensor.token, readings: [{ sensorId: sensor.id, observedAt: at, value: 'high' }] }),
      JSON.stringify({ token: sensor.token, readings: [{ sensorId: sensor.id, observedAt: at, value: 99 }] }),
      JSON.stringify({ token: sensor.token, readings: [{ sensorId: other.id, observedAt: at, value: 0.3 }] }),
      JSON.stringify({ token: sensor.token, readings: [], extra: 1 }),
      JSON.stringify({ token: sensor.token, readings: Array.from({ length: 100 }, (_, i) => ({ sensorId: sensor.id, observedAt: new Date(Date.parse(at) - i * 1000).toISOString(), value: 0.3 })) }),
    ];
    for (const payload of poison) await publisher.publishAsync(topic, payload, { qos: 1 });
    await publisher.publishAsync(topic, JSON.stringify({ token: sensor.token, readings: [{ sensorId: sensor.id, observedAt: at, value: 0.31 }] }), { qos: 1 });
    expect(await waitForStored(db, [sensor.id], 1, 10_000)).toBe(1);
    await ingest.stop();
    const { rows } = await db.execute<{ value: number }>(sql`SELECT value FROM sensors_readings WHERE sensor_id = ${sensor.id}`);
    expect(rows).toEqual([{ value: 0.31 }]);
    expect(ingest.stats).toMatchObject({ messages: poison.length + 1, accepted: 1, dropped: poison.length, failures: 0 });
    const reasons = warnings.map((w) => w.replace(/^mqtt-ingest: dropped a message on gantwin\/sensors\/POISON-1\/readings \(\d+ bytes\): /, ''));
    expect(reasons).toEqual([
      'payload: not valid UTF-8 JSON',
      'payload: not valid UTF-8 JSON',
      'payload.token: must be the sensor (gts_…) or gateway (gtg_…) ingest token',
      'unknown or malformed ingest token',
      expect.stringMatching(/^invalid readings: readings\.0\.value: must be a number/),
      'invalid readings: readings.0.value: 99 MPa is outside the plausible range -0.1–10 MPa',
      expect.stringMatching(new RegExp(`^this sensor token may not write sensor ${other.id}`)),
      'payload: unknown field "extra" (only "token" and "readings")',
      expect.stringMatching(/^payload: \d+ bytes exceed the limit of 4096$/),
    ]);

    // Nothing comes back after a reconnect with the same session: every poison message was acknowledged.
    const again = startMqttIngest({ db, logger }, { brokerUrl, clientId: `test-poison-${process.pid}`, settings: SETTINGS });
    await again.subscribed;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await again.stop();
    expect(again.stats.messages).toBe(0);
  });
});

describe('database down', () => {
  it('does not acknowledge while the database is unreachable, backs off, and stores the message once it is back', async () => {
    // The consumer reaches PostgreSQL through a TCP relay that the test cuts and restores.
    const target = new URL(testDatabaseUrl());
    const sockets = new Set<net.Socket>();
    const relay = net.createServer((socket) => {
      const upstream = net.connect({ host: target.hostname, port: Number(target.port || 5432) });
      for (const s of [socket, upstream]) {
        sockets.add(s);
        s.on('error', () => {});
        s.on('close', () => sockets.delete(s));
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayPort = (relay.address() as net.AddressInfo).port;
    const relayUrl = new URL(testDatabaseUrl());
    relayUrl.hostname = '127.0.0.1';
    relayUrl.port = String(relayPort);
    const relayed = createDb(relayUrl.toString(), 2);
    relayed.pool.on('error', () => {});
    const cut = async () => {
      await new Promise<void>((resolve) => {
        relay.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    };

    const sensor = await createTestSensor(db, TEST_REGIONS.donghu, 'water-pressure');
    const errors: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
    const ingest = startMqttIngest({ db: relayed.db, logger }, { brokerUrl, clientId: `test-dbdown-${process.pid}`, settings: SETTINGS, backoffMinMs: 200, backoffMaxMs: 1000 });
    await ingest.subscribed;
    const at = (i: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000 - i * 1000).toISOString();
    const topic = readingsTopic('DBDOWN-1');
    await publisher.publishAsync(topic, JSON.stringify({ token: sensor.token, readings: [{ sensorId: sensor.id, observedAt: at(0), value: 0.3 }] }), { qos: 1 });
    expect(await waitForStored(db, [sensor.id], 1, 10_000)).toBe(1);

    await cut();
    await publisher.publishAsync(topic, JSON.stringify({ token: sensor.token, readings: [1, 2, 3].map((i) => ({ sensorId: sensor.id, observedAt: at(i), value: 0.3 })) }), { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await storedCount(db, [sensor.id])).rows).toBe(1);
    expect(ingest.stats.failures).toBeGreaterThanOrEqual(2);
    expect(ingest.stats.messages).toBe(1);

    await new Promise<void>((resolve) => relay.listen(relayPort, '127.0.0.1', resolve));
    // Generous: on a loaded 2-core machine (the whole suite in parallel) the reconnect and redelivery took > 15 s once.
    expect(await waitForStored(db, [sensor.id], 4, 60_000), `ingest errors: ${errors.slice(-3).join(' | ')}`).toBe(4);
    await ingest.stop();
    await cut();
    await relayed.pool.end();
    expect(ingest.stats).toMatchObject({ messages: 2, accepted: 4, dropped: 0 });
    expect(errors[0]).toMatch(/^mqtt-ingest: could not store a message on gantwin\/sensors\/DBDOWN-1\/readings \(.+\); not acknowledged, reconnecting in 200 ms$/);
  });
});
