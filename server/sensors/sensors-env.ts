import { env } from '@server/env';

/**
 * The `sensors` plate's settings (read by server/env.ts, the only module that reads the environment):
 * - `SENSORS_INGEST_MAX_READINGS` (5 000) and `SENSORS_INGEST_MAX_BYTES` (1 MiB) — one ingest request's limits (413).
 * - `SENSORS_INGEST_REQUESTS_PER_MINUTE` (600) — ingest requests per token per 60 s (429).
 * - `SENSORS_FUTURE_TOLERANCE_S` (300) — how far ahead of the server clock a reading may be.
 * - `SENSORS_READING_RETENTION_MONTHS` (36) — readings kept; older ones are refused and their partitions dropped.
 * - `SENSORS_PARTITION_MONTHS_AHEAD` (3) — monthly partitions created ahead.
 */
export interface SensorsEnv {
  SENSORS_INGEST_MAX_READINGS: number;
  SENSORS_INGEST_MAX_BYTES: number;
  SENSORS_INGEST_REQUESTS_PER_MINUTE: number;
  SENSORS_FUTURE_TOLERANCE_S: number;
  SENSORS_READING_RETENTION_MONTHS: number;
  SENSORS_PARTITION_MONTHS_AHEAD: number;
}

/** The settings of this process. */
export function sensorsEnv(): SensorsEnv {
  return env;
}

/**
 * The MQTT side of the plate (read by server/env.ts):
 * - `MQTT_URL` — the broker (`mqtt://` or `mqtts://`, credentials in the URL if the broker wants them); unset: the
 *   project-local Mosquitto on `mqtt://127.0.0.1:<MQTT_LOCAL_PORT>` (scripts/mqtt-up.ts starts it).
 * - `MQTT_LOCAL_PORT` (18830) — the project-local broker's port.
 * - `MQTT_CLIENT_ID` (`gantwin-ingest`) — the ingest consumer's persistent-session client id.
 */
export interface MqttEnv {
  MQTT_URL: string | undefined;
  MQTT_LOCAL_PORT: number;
  MQTT_CLIENT_ID: string;
}

/** The MQTT settings of this process. */
export function mqttEnv(): MqttEnv {
  return env;
}

/** The broker URL: `MQTT_URL`, else the project-local broker on 127.0.0.1:`MQTT_LOCAL_PORT`. */
export function brokerUrlOf(settings: MqttEnv): string {
  return settings.MQTT_URL ?? `mqtt://127.0.0.1:${settings.MQTT_LOCAL_PORT}`;
}
