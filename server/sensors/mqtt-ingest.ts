import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import { GanTwinError, InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import type { Db } from '@server/db/client';
import { BatchTooLargeError, ingestReadings, parseReadingsBatch, type IngestReading, type IngestResult } from './ingest';
import { principalOfToken } from './ingest-tokens';
import type { SensorsEnv } from './sensors-env';

/**
 * MQTT ingest (MQTT 接入): the consumer behind `npm run ingest` (scripts/ingest.ts). It holds a persistent session
 * (`clean: false`, a stable client id, `MQTT_CLIENT_ID`) on the broker (`MQTT_URL`), subscribes with QoS 1 to
 * {@link READINGS_TOPIC_FILTER} and hands every message to the same code as `POST /api/sensors/readings`:
 * {@link parseReadingsBatch}, {@link principalOfToken}, {@link ingestReadings} (one transaction, resolves after
 * the commit).
 *
 * Topic scheme: `gantwin/sensors/<sender>/readings`, `<sender>` the sending sensor's or gateway's code (letters,
 * digits, `.`, `_`, `-`; see {@link readingsTopic}). The segment is for routing and logs only: the authority is the
 * token inside the message, exactly as over HTTP (a broker's ACLs may restrict who publishes where on top of it).
 *
 * Payload (UTF-8 JSON, at most `SENSORS_INGEST_MAX_BYTES`):
 * `{ "token": "gts_…" | "gtg_…", "readings": [ { "sensorId": uuid, "observedAt": ISO 8601 with offset, "value": number } … ] }`
 * (at most `SENSORS_INGEST_MAX_READINGS` readings, the HTTP rules: all or nothing, idempotent on (sensor, observedAt)).
 *
 * Acknowledgement: the PUBACK of a QoS 1 message is sent only after its readings are committed (mqtt.js sends it
 * when `handleMessage`'s callback is called, which happens after the commit); messages are handled one at a time,
 * in order. Outcomes:
 * - stored (new readings and/or duplicates of stored ones) → acknowledged;
 * - refused for good (not JSON, too large, bad envelope, unknown token, invalid reading, sensor not the token's) →
 *   logged with the reason and acknowledged, i.e. dropped: a poison message must not come back forever;
 * - anything else (database down, connection lost, …) → NOT acknowledged: the consumer drops the connection, waits
 *   (exponential back-off, `backoffMinMs`…`backoffMaxMs`) and reconnects; the broker redelivers every unacknowledged
 *   message of the session, and duplicates are recognised by the key. Nothing is lost and nothing stored twice.
 */

/** The subscription of the ingest consumer (QoS 1). */
export const READINGS_TOPIC_FILTER = 'gantwin/sensors/+/readings';

const SENDER_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The topic a sensor or gateway publishes its readings to.
 * @param senderCode the sender's code (1–64 of `A-Z a-z 0-9 . _ -`)
 * @throws {InputError} for any other code (MQTT wildcards and `/` would change the topic's meaning)
 */
export function readingsTopic(senderCode: string): string {
  if (!SENDER_PATTERN.test(senderCode)) throw new InputError(`mqtt topic: sender code must be 1-64 characters of A-Z a-z 0-9 . _ -, got ${JSON.stringify(senderCode.slice(0, 80))}`);
  return `gantwin/sensors/${senderCode}/readings`;
}

/** A decoded message: the token and the parsed readings. */
export interface MqttEnvelope {
  token: string;
  readings: IngestReading[];
}

/** The limits of one message (the HTTP ingest's: server/sensors/sensors-env.ts). */
export type MqttIngestSettings = Pick<SensorsEnv, 'SENSORS_INGEST_MAX_READINGS' | 'SENSORS_INGEST_MAX_BYTES' | 'SENSORS_FUTURE_TOLERANCE_S' | 'SENSORS_READING_RETENTION_MONTHS'>;

/**
 * Decodes a message payload `{ token, readings }`.
 * @throws {BatchTooLargeError} over `SENSORS_INGEST_MAX_BYTES` bytes (checked before decoding) or `SENSORS_INGEST_MAX_READINGS` readings
 * @throws {InputError} not UTF-8 JSON, no string `token`, other fields, or invalid readings (as {@link parseReadingsBatch})
 */
export function parseEnvelope(payload: Uint8Array, settings: MqttIngestSettings): MqttEnvelope {
  if (payload.byteLength > settings.SENSORS_INGEST_MAX_BYTES) throw new BatchTooLargeError(`payload: ${payload.byteLength} bytes exceed the limit of ${settings.SENSORS_INGEST_MAX_BYTES}`);
  let decoded: unknown;
  try {
    decoded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new InputError('payload: not valid UTF-8 JSON');
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw new InputError('payload: must be a JSON object { "token", "readings" }');
  const { token, readings, ...rest } = decoded as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) throw new InputError(`payload: unknown field ${JSON.stringify(extra[0].slice(0, 40))} (only "token" and "readings")`);
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) throw new InputError('payload.token: must be the sensor (gts_…) or gateway (gtg_…) ingest token');
  if (!Array.isArray(readings)) throw new InputError('payload.readings: must be an array of { "sensorId", "observedAt", "value" }');
  return { token, readings: parseReadingsBatch({ readings }, settings.SENSORS_INGEST_MAX_READINGS) };
}

/** What became of one message: stored (acknowledge) or refused for good (acknowledge and drop, with the reason). */
export type MqttMessageOutcome = { kind: 'stored'; result: IngestResult } | { kind: 'dropped'; reason: string };

/** An error that refuses the message for good (its content is at fault), as opposed to a passing failure. */
function isRefusal(error: unknown): error is GanTwinError {
  return error instanceof GanTwinError && (error.code === 'INPUT' || error.code === 'SCOPE' || error.code === 'TOO_LARGE');
}

/**
 * Handles one message payload: decode, token lookup, {@link ingestReadings}; resolves after the commit.
 * @param nowMs the server clock, ms since the epoch (future / retention checks)
 * @returns `stored` with the counts, or `dropped` with a reason fit for the log (never the token)
 * @throws any other error (database unreachable, …): the message must NOT be acknowledged
 */
export async function ingestMqttMessage(db: Db, payload: Uint8Array, settings: MqttIngestSettings, nowMs: number): Promise<MqttMessageOutcome> {
  try {
    const envelope = parseEnvelope(payload, settings);
    const principal = await principalOfToken(db, envelope.token);
    if (!principal) return { kind: 'dropped', reason: 'unknown or malformed ingest token' };
    const result = await ingestReadings(db, principal, envelope.readings, {
      maxReadings: settings.SENSORS_INGEST_MAX_READINGS,
      futureToleranceS: settings.SENSORS_FUTURE_TOLERANCE_S,
      retentionMonths: settings.SENSORS_READING_RETENTION_MONTHS,
      nowMs,
    });
    return { kind: 'stored', result };
  } catch (error) {
    if (isRefusal(error)) return { kind: 'dropped', reason: error.message };
    throw error;
  }
}

/** Options of {@link startMqttIngest}. */
export interface MqttIngestOptions {
  /** Broker URL (server/sensors/sensors-env.ts `brokerUrlOf`). */
  brokerUrl: string;
  /** Client id of the persistent session (`MQTT_CLIENT_ID`). */
  clientId: string;
  settings: MqttIngestSettings;
  /** First wait after a failed store, ms (doubles per consecutive failure). */
  backoffMinMs?: number;
  /** Longest wait, ms. */
  backoffMaxMs?: number;
}

/** Defaults of {@link MqttIngestOptions}. */
export const MQTT_INGEST_DEFAULTS = { backoffMinMs: 500, backoffMaxMs: 30_000 } satisfies Partial<MqttIngestOptions>;

/** What the consumer has done since it started. */
export interface MqttIngestStats {
  /** Messages acknowledged (stored or dropped). */
  messages: number;
  accepted: number;
  duplicates: number;
  dropped: number;
  /** Failed stores (each followed by a back-off and a reconnect). */
  failures: number;
}

/** A running consumer. */
export interface MqttIngest {
  readonly stats: Readonly<MqttIngestStats>;
  /** Resolves at the first granted subscription (rejects never; check the log when it does not come). */
  readonly subscribed: Promise<void>;
  /** Finishes the message in hand (and acknowledges it), then disconnects. */
  stop(): Promise<void>;
}

/** What the consumer needs. */
export interface MqttIngestDeps {
  db: Db;
  logger: Logger;
  /** The server clock, ms since the epoch. */
  now?: () => number;
}

/**
 * Starts the MQTT ingest consumer (see the module doc): connects, subscribes, stores and acknowledges until
 * {@link MqttIngest.stop}. Connection losses are retried every second by mqtt.js; failed stores as described above.
 */
export function startMqttIngest(deps: MqttIngestDeps, options: MqttIngestOptions): MqttIngest {
  const opts = { ...MQTT_INGEST_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Required<MqttIngestOptions>;
  const now = deps.now ?? Date.now;
  const stats: MqttIngestStats = { messages: 0, accepted: 0, duplicates: 0, dropped: 0, failures: 0 };
  let client: MqttClient | null = null;
  let stopped = false;
  let consecutiveFailures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let inHand: Promise<void> = Promise.resolve();
  let resolveSubscribed!: () => void;
  const subscribed = new Promise<void>((resolve) => (resolveSubscribed = resolve));

  const open = (): MqttClient => {
    const session = connect(opts.brokerUrl, { clientId: opts.clientId, clean: false, protocolVersion: 4, reconnectPeriod: 1000, connectTimeout: 10_000, keepalive: 30, resubscribe: false });
    session.handleMessage = (packet: IPublishPacket, callback: (error?: Error) => void) => {
      inHand = handle(session, packet, callback);
    };
    let lastError = '';
    session.on('connect', (connack) => {
      lastError = '';
      deps.logger.info(`mqtt-ingest: connected to ${redactBrokerUrl(opts.brokerUrl)} as ${opts.clientId} (session ${connack.sessionPresent ? 'resumed' : 'new'})`);
      session.subscribe(READINGS_TOPIC_FILTER, { qos: 1 }, (error, granted) => {
        if (error || granted?.[0]?.qos !== 1) deps.logger.error(`mqtt-ingest: subscription to ${READINGS_TOPIC_FILTER} refused: ${error?.message ?? `granted ${JSON.stringify(granted)}`}`);
        else resolveSubscribed();
      });
    });
    // mqtt.js retries every second: log a connection problem once, not once a second.
    session.on('error', (error) => {
      if (error.message !== lastError) deps.logger.warn(`mqtt-ingest: ${error.message} (retrying every second)`);
      lastError = error.message;
    });
    return session;
  };

  const handle = async (session: MqttClient, packet: IPublishPacket, ack: (error?: Error) => void): Promise<void> => {
    if (session !== client) return; // a message of a session already dropped: the broker redelivers it
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    try {
      const outcome = await ingestMqttMessage(deps.db, payload, opts.settings, now());
      consecutiveFailures = 0;
      if (outcome.kind === 'stored') {
        stats.accepted += outcome.result.accepted;
        stats.duplicates += outcome.result.duplicates;
      } else {
        stats.dropped++;
        deps.logger.warn(`mqtt-ingest: dropped a message on ${packet.topic} (${payload.byteLength} bytes): ${outcome.reason}`);
      }
      stats.messages++;
      ack();
    } catch (error) {
      stats.failures++;
      consecutiveFailures++;
      const waitMs = Math.min(opts.backoffMaxMs, opts.backoffMinMs * 2 ** Math.min(20, consecutiveFailures - 1));
      deps.logger.error(`mqtt-ingest: could not store a message on ${packet.topic} (${rootCause(error)}); not acknowledged, reconnecting in ${waitMs} ms`);
      client = null;
      session.end(true);
      if (!stopped) retryTimer = setTimeout(() => (client = stopped ? null : open()), waitMs);
    }
  };

  client = open();
  return {
    stats,
    subscribed,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      await inHand;
      const session = client;
      client = null;
      if (session) await session.endAsync();
    },
  };
}

/** The innermost cause's message (a failed query's driver error, without the query and its parameters), one line. */
function rootCause(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  const text = current instanceof Error ? `${current.message}${'code' in current && typeof current.code === 'string' ? ` [${current.code}]` : ''}` : String(current);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}

/** A broker URL without its password (`***`), for logs and messages; 'the broker' when it does not parse. */
export function redactBrokerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the broker';
  }
}
