import type { Logger } from '@kernel/logger';
import { simulatedReadings, type SimulatedReading, type SimulatedSensor, type SimulationOptions } from './simulation';

/**
 * The sending side of `npm run simulate` (scripts/simulate.ts supplies the MQTT client and `fetch`): splits a time
 * range's simulated readings by transport — water-pressure sensors over HTTP, all others over MQTT, as a mixed
 * fleet would — and sends them as a gateway does: MQTT envelopes `{ token, readings }` of ≤ `mqttPerMessage`,
 * HTTP bodies `{ readings }` of ≤ `httpPerRequest`. HTTP readings that cannot be delivered (server not up, 5xx,
 * 429) wait for the next round, at most `httpPendingMax` (the oldest dropped beyond, with a log line); a 4xx answer
 * drops its batch with the reason (re-sending would not help). MQTT delivery is the client's (QoS 1, queued while
 * offline).
 */

/** How the simulator reaches the platform. */
export interface SimulatorTransport {
  /** Publishes one envelope (JSON text) with QoS 1; resolves at the broker's PUBACK. */
  publish(payload: string): Promise<void>;
  /**
   * Posts one body (JSON text) to `/api/sensors/readings` with the gateway's bearer token.
   * @throws when the server cannot be reached
   */
  post(body: string): Promise<{ status: number; text: string }>;
}

/** Options of {@link createSimulator}. */
export interface SimulatorOptions {
  generator: SimulationOptions;
  mqttPerMessage: number;
  httpPerRequest: number;
  httpPendingMax: number;
  logger: Logger;
}

/** What one round did. */
export interface SimulatorRound {
  mqtt: number;
  /** HTTP readings accepted by the server this round (this and earlier rounds' readings). */
  http: number;
  /** HTTP readings dropped: refused (4xx) or beyond `httpPendingMax`. */
  httpDropped: number;
  /** HTTP readings waiting for the next round. */
  httpPending: number;
}

/** The sending types: sensors of these types go over HTTP, the rest over MQTT. */
export const HTTP_SENSOR_TYPES: ReadonlySet<string> = new Set(['water-pressure']);

/** A simulator of `sensors` sending through `transport` with the gateway `token`. */
export function createSimulator(token: string, sensors: readonly SimulatedSensor[], transport: SimulatorTransport, options: SimulatorOptions) {
  const overHttp = new Set(sensors.filter((s) => HTTP_SENSOR_TYPES.has(s.type)).map((s) => s.id));
  let pending: SimulatedReading[] = [];
  let lastProblem = '';

  /** Posts the pending HTTP readings in order; stops at the first delivery failure. */
  async function flush(): Promise<{ sent: number; dropped: number }> {
    let sent = 0;
    let dropped = 0;
    while (pending.length) {
      const chunk = pending.slice(0, options.httpPerRequest);
      let problem: string;
      try {
        const answer = await transport.post(JSON.stringify({ readings: chunk }));
        if (answer.status === 200) {
          sent += chunk.length;
          pending = pending.slice(chunk.length);
          continue;
        }
        if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
          options.logger.warn(`simulate: HTTP ${answer.status} refused ${chunk.length} readings: ${answer.text.slice(0, 300)}`);
          dropped += chunk.length;
          pending = pending.slice(chunk.length);
          continue;
        }
        problem = `HTTP ${answer.status}`;
      } catch (error) {
        problem = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      }
      if (problem !== lastProblem) options.logger.warn(`simulate: the ingest URL is not reachable (${problem}); ${pending.length} readings wait for the next round`);
      lastProblem = problem;
      return { sent, dropped };
    }
    if (lastProblem) options.logger.info('simulate: the ingest URL is reachable again');
    lastProblem = '';
    return { sent, dropped };
  }

  return {
    /** Sends the readings of every multiple of the step in (fromMs, toMs]. */
    async round(fromMs: number, toMs: number): Promise<SimulatorRound> {
      const readings = simulatedReadings(sensors, fromMs, toMs, options.generator);
      const viaMqtt = readings.filter((r) => !overHttp.has(r.sensorId));
      for (let i = 0; i < viaMqtt.length; i += options.mqttPerMessage) {
        await transport.publish(JSON.stringify({ token, readings: viaMqtt.slice(i, i + options.mqttPerMessage) }));
      }
      pending.push(...readings.filter((r) => overHttp.has(r.sensorId)));
      let dropped = 0;
      if (pending.length > options.httpPendingMax) {
        dropped = pending.length - options.httpPendingMax;
        options.logger.warn(`simulate: dropping the ${dropped} oldest HTTP readings (the ingest URL has been away long)`);
        pending = pending.slice(-options.httpPendingMax);
      }
      const flushed = await flush();
      return { mqtt: viaMqtt.length, http: flushed.sent, httpDropped: dropped + flushed.dropped, httpPending: pending.length };
    },
  };
}
