import { sql } from 'drizzle-orm';
import type { Db } from '@server/db/client';

/**
 * Live push, the writing side: inside the transaction that changes readings or alarms, `pg_notify` on
 * {@link SENSORS_LIVE_CHANNEL}. PostgreSQL delivers a notification only when (and if) the transaction commits, and
 * folds identical ones of one transaction into one, so listeners (./live-hub.ts, one per web server) never hear of
 * a change that was rolled back. Payloads are small JSON: ids and 6-digit region codes only, never values, and are
 * split so each stays under {@link MAX_PAYLOAD_BYTES} (PostgreSQL refuses payloads of 8 000 bytes or more).
 *
 * Payload shapes (`k` = kind): `{"k":"r","s":[[sensorId, regionCode], …]}` for new readings,
 * `{"k":"a","a":[[alarmId, sensorId, regionCode], …]}` for alarms opened, raised or moved along the workflow.
 * @see https://www.postgresql.org/docs/15/sql-notify.html
 */

/** The channel every web server LISTENs on. */
export const SENSORS_LIVE_CHANNEL = 'gantwin_sensors_live';

/** Largest payload sent, bytes (PostgreSQL's limit is 8 000 bytes by default; ASCII ids and codes only). */
export const MAX_PAYLOAD_BYTES = 7_500;

/** A sensor whose readings changed: its id and region code. */
export interface ReadingChange {
  sensorId: string;
  regionCode: string;
}

/** An alarm that was opened, raised or moved: its id, its sensor's id, its region code. */
export interface AlarmChange {
  alarmId: string;
  sensorId: string;
  regionCode: string;
}

/** A decoded notification (what ./live-hub.ts hands to subscribers). */
export type LiveEvent = { kind: 'readings'; sensors: ReadingChange[] } | { kind: 'alarms'; alarms: AlarmChange[] };

/**
 * Splits entries into JSON payloads `{"k":kind,"<field>":[…]}` of at most `maxBytes` each (entries are deduplicated
 * first). Pure; exported for tests.
 */
export function packPayloads(kind: 'r' | 'a', entries: readonly (readonly string[])[], maxBytes = MAX_PAYLOAD_BYTES): string[] {
  const field = kind === 'r' ? 's' : 'a';
  const head = `{"k":"${kind}","${field}":[`;
  const unique = [...new Set(entries.map((entry) => JSON.stringify(entry)))];
  const payloads: string[] = [];
  let parts: string[] = [];
  let size = head.length + 2;
  for (const part of unique) {
    if (parts.length && size + part.length + 1 > maxBytes) {
      payloads.push(`${head}${parts.join(',')}]}`);
      parts = [];
      size = head.length + 2;
    }
    parts.push(part);
    size += part.length + 1;
  }
  if (parts.length) payloads.push(`${head}${parts.join(',')}]}`);
  return payloads;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION = /^\d{6}$/;

/**
 * Decodes a payload of {@link SENSORS_LIVE_CHANNEL}; anything malformed (someone else's NOTIFY on the channel)
 * gives `null`, never throws. Entries with a bad id or region are dropped.
 */
export function parseLivePayload(payload: string | undefined): LiveEvent | null {
  if (!payload || payload.length > 8_000) return null;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { k, s, a } = body as { k?: unknown; s?: unknown; a?: unknown };
  const rows = (value: unknown, width: number) =>
    Array.isArray(value) ? value.filter((row): row is string[] => Array.isArray(row) && row.length === width && row.every((cell) => typeof cell === 'string')) : null;
  if (k === 'r') {
    const list = rows(s, 2);
    if (!list) return null;
    return { kind: 'readings', sensors: list.filter(([id, region]) => UUID.test(id) && REGION.test(region)).map(([sensorId, regionCode]) => ({ sensorId, regionCode })) };
  }
  if (k === 'a') {
    const list = rows(a, 3);
    if (!list) return null;
    return {
      kind: 'alarms',
      alarms: list.filter(([id, sensor, region]) => UUID.test(id) && UUID.test(sensor) && REGION.test(region)).map(([alarmId, sensorId, regionCode]) => ({ alarmId, sensorId, regionCode })),
    };
  }
  return null;
}

async function notifyAll(db: Db, payloads: readonly string[]): Promise<void> {
  // One statement for all payloads; delivered at commit of the caller's transaction.
  if (payloads.length === 0) return;
  await db.execute(sql`SELECT pg_notify(${SENSORS_LIVE_CHANNEL}, p) FROM jsonb_array_elements_text(${JSON.stringify(payloads)}::jsonb) AS p`);
}

/**
 * Announces new readings of `changes` (deduplicated, split under the size limit) in the caller's transaction.
 * @param db the transaction that wrote them (the notification is sent at its commit)
 */
export function notifyReadings(db: Db, changes: readonly ReadingChange[]): Promise<void> {
  return notifyAll(db, packPayloads('r', changes.map((change) => [change.sensorId, change.regionCode])));
}

/**
 * Announces alarm changes in the caller's transaction (see {@link notifyReadings}).
 * @param db the transaction that wrote them
 */
export function notifyAlarms(db: Db, changes: readonly AlarmChange[]): Promise<void> {
  return notifyAll(db, packPayloads('a', changes.map((change) => [change.alarmId, change.sensorId, change.regionCode])));
}
