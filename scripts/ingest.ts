/**
 * `npm run ingest`: the MQTT ingest consumer (server/sensors/mqtt-ingest.ts). Connects to `MQTT_URL` (default: the
 * project-local Mosquitto of scripts/mqtt-up.ts on 127.0.0.1:`MQTT_LOCAL_PORT`) with the persistent session
 * `MQTT_CLIENT_ID`, stores the readings published on `gantwin/sensors/+/readings` in `DATABASE_URL` and acknowledges
 * each message after its commit. Runs until SIGINT/SIGTERM (finishes the message in hand first). Logs to stderr,
 * with a line of counts every minute when something happened. `npm start` runs one beside the worker.
 *
 * Run ONE consumer per client id: a second one with the same id takes the session over (the broker disconnects the
 * first). Killed at any moment (even SIGKILL) it loses nothing: unacknowledged messages stay in the session.
 */
import type { Logger } from '@kernel/logger';
import { createDb } from '@server/db/client';
import { requireDatabaseUrl } from '@server/env';
import { startMqttIngest } from '@server/sensors/mqtt-ingest';
import { brokerUrlOf, mqttEnv, sensorsEnv } from '@server/sensors/sensors-env';

const logger: Logger = {
  debug: () => {},
  info: (message) => console.error(message),
  warn: (message) => console.error(`warning: ${message}`),
  error: (message) => console.error(`error: ${message}`),
};

const { db, pool } = createDb(requireDatabaseUrl(), 2);
// An idle connection lost (database restarted) must not end the process: the next store fails and is retried.
pool.on('error', (error) => logger.warn(`ingest: database connection lost: ${error.message}`));
const mqtt = mqttEnv();
const ingest = startMqttIngest({ db, logger }, { brokerUrl: brokerUrlOf(mqtt), clientId: mqtt.MQTT_CLIENT_ID, settings: sensorsEnv() });
void ingest.subscribed.then(() => logger.info(`ingest: pid ${process.pid} subscribed`));

let last = '';
const report = setInterval(() => {
  const line = JSON.stringify(ingest.stats);
  if (line !== last) logger.info(`ingest: ${line}`);
  last = line;
}, 60_000);

let isStopping = false;
async function stop(signal: string): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  clearInterval(report);
  logger.info(`ingest: ${signal}: stopping ${JSON.stringify(ingest.stats)}`);
  await ingest.stop();
  await pool.end();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
