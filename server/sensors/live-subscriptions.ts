import { TRPCError } from '@trpc/server';
import { regionCovers } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { liveHubFor, type HubEvent } from './live-hub';

/**
 * The tRPC subscriptions `sensors.live.readings` and `sensors.live.alarms` (async generators, sent as SSE by the
 * fetch adapter): each yields what changed in the caller's region scope (`regionCovers`, the rule of every sensors
 * query), and nothing of other regions. Changes that arrive while the client is still reading the previous event
 * are merged into the next one (a set of ids per subscriber, so memory is bounded by the sensors in scope); a
 * lost and re-opened LISTEN connection yields `{ resync: true }` (re-read everything).
 */

/** Subscribers one process accepts at most (each is an open HTTP response). */
export const MAX_LIVE_SUBSCRIBERS = 2_000;

/** One event of `sensors.live.readings`: sensors with new readings, or "re-read all". */
export interface LiveReadingsEvent {
  sensorIds: string[];
  resync: boolean;
}

/** One event of `sensors.live.alarms`: alarms opened/raised/moved and their sensors, or "re-read all". */
export interface LiveAlarmsEvent {
  alarmIds: string[];
  sensorIds: string[];
  resync: boolean;
}

/**
 * Yields merged, scope-filtered changes of the hub until `signal` aborts.
 * @param pick the ids of one hub event that the actor may see (`[]` = not for this subscriber)
 */
async function* scopedChanges(db: Db, signal: AbortSignal | undefined, pick: (event: HubEvent) => [string, string][]): AsyncGenerator<{ ids: Map<string, string>; resync: boolean }> {
  const hub = liveHubFor(db);
  if (hub.size >= MAX_LIVE_SUBSCRIBERS) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `at most ${MAX_LIVE_SUBSCRIBERS} live subscribers per server; retry later` });
  let pending = new Map<string, string>();
  let resync = false;
  let wake: (() => void) | null = null;
  const unsubscribe = await hub.subscribe((event) => {
    if (event.kind === 'resync') resync = true;
    else for (const [id, other] of pick(event)) pending.set(id, other);
    if ((resync || pending.size) && wake) wake();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    while (!signal?.aborted) {
      if (pending.size === 0 && !resync) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
        continue;
      }
      const batch = { ids: pending, resync };
      pending = new Map();
      resync = false;
      yield batch;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
  }
}

/**
 * `sensors.live.readings`: ids of the sensors in the actor's scope that have new readings.
 * @param signal the request's abort signal (the client went away)
 */
export async function* liveReadings(db: Db, actor: Actor, signal?: AbortSignal): AsyncGenerator<LiveReadingsEvent> {
  const pick = (event: HubEvent): [string, string][] =>
    event.kind === 'readings' ? event.sensors.filter((s) => regionCovers(actor.regionCode, s.regionCode)).map((s) => [s.sensorId, s.sensorId]) : [];
  for await (const batch of scopedChanges(db, signal, pick)) yield { sensorIds: [...batch.ids.keys()], resync: batch.resync };
}

/**
 * `sensors.live.alarms`: ids of the alarms in the actor's scope that were opened, raised or moved, with their sensors.
 * @param signal the request's abort signal
 */
export async function* liveAlarms(db: Db, actor: Actor, signal?: AbortSignal): AsyncGenerator<LiveAlarmsEvent> {
  const pick = (event: HubEvent): [string, string][] =>
    event.kind === 'alarms' ? event.alarms.filter((a) => regionCovers(actor.regionCode, a.regionCode)).map((a) => [a.alarmId, a.sensorId]) : [];
  for await (const batch of scopedChanges(db, signal, pick)) {
    yield { alarmIds: [...batch.ids.keys()], sensorIds: [...new Set(batch.ids.values())], resync: batch.resync };
  }
}
