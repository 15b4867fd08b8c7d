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
