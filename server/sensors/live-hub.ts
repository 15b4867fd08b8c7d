import pg from 'pg';
import type { Db } from '@server/db/client';
import { parseLivePayload, SENSORS_LIVE_CHANNEL, type LiveEvent } from './live-notify';

/**
 * Live push, the listening side: ONE PostgreSQL connection per web-server process LISTENs on
 * {@link SENSORS_LIVE_CHANNEL} and fans each decoded notification out to the process's subscribers (the tRPC
 * subscriptions `sensors.live.*`, ./live-subscriptions.ts). Several web servers work because each LISTENs to the
 * same database. The connection is opened on the first subscriber and re-opened after a loss with exponential
 * backoff (0.5 s doubling to 30 s); notifications sent while it was down are lost, so subscribers are told
 * (`{ kind: 'resync' }`) to re-read when it comes back.
 * @see https://www.postgresql.org/docs/15/sql-listen.html
 */

/** What a subscriber hears: a decoded change, or "the connection was re-established: re-read everything". */
export type HubEvent = LiveEvent | { kind: 'resync' };

/** A subscriber's callback (must not throw; errors are swallowed and logged as a count). */
export type HubListener = (event: HubEvent) => void;

const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 30_000;

/** One LISTEN connection and its subscribers (see module doc). */
export class LiveHub {
  private readonly listeners = new Set<HubListener>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private backoffMs = BACKOFF_START_MS;
  private hadConnection = false;
  private closed = false;
  /** Notifications received (diagnostics, tests). */
  received = 0;

  /** @param connectionString the `postgres://` URL of the database the writers notify on */
  constructor(private readonly connectionString: string) {}

  /**
   * Adds a subscriber and makes sure the connection is (being) opened; resolves once LISTEN is in place (or the
   * first attempt failed, after which it keeps retrying in the background).
   * @returns a function that removes the subscriber (the connection is closed when the last one leaves)
   */
  async subscribe(listener: HubListener): Promise<() => void> {
    this.listeners.add(listener);
    this.closed = false;
    await this.ensureConnected();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.close();
    };
  }

  /** Subscribers now. */
  get size(): number {
    return this.listeners.size;
  }

  /** Whether LISTEN is in place now. */
  get isListening(): boolean {
    return this.client !== null && this.connecting === null;
  }

  /** Closes the connection and stops retrying (subscribers stay; a new subscribe re-opens). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    this.hadConnection = false;
    if (client) await client.end().catch(() => undefined);
  }

  private ensureConnected(): Promise<void> {
    if (this.client && !this.connecting) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'gantwin-live-hub' });
    client.on('notification', (message) => {
      if (message.channel !== SENSORS_LIVE_CHANNEL) return;
      const event = parseLivePayload(message.payload);
      if (!event) return;
      this.received++;
      this.emit(event);
    });
    const onLost = () => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      this.scheduleRetry();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${SENSORS_LIVE_CHANNEL}`);
    } catch {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.scheduleRetry();
      return;
    }
    if (this.closed || this.listeners.size === 0) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.backoffMs = BACKOFF_START_MS;
    if (this.hadConnection) this.emit({ kind: 'resync' });
    this.hadConnection = true;
  }

  private scheduleRetry(): void {
    if (this.closed || this.listeners.size === 0 || this.retryTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.ensureConnected();
    }, delay);
    this.retryTimer.unref?.();
  }

  private emit(event: HubEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A subscriber's failure must not stop the others.
      }
    }
  }
}

// On globalThis: a bundler may instantiate this module more than once per process (one copy per route bundle);
// the process must still keep ONE connection per database.
const HUBS_KEY = Symbol.for('gantwin.sensors.liveHubs');
const hubs: Map<string, LiveHub> = ((globalThis as Record<symbol, unknown>)[HUBS_KEY] as Map<string, LiveHub> | undefined) ?? new Map<string, LiveHub>();
(globalThis as Record<symbol, unknown>)[HUBS_KEY] = hubs;

/**
 * The process's hub for the database behind `db` (keyed by its connection string: the app's `getDb()` and a test
 * database each get their own).
 * @throws {Error} when `db` is not backed by a node-postgres pool with a connection string
 */
export function liveHubFor(db: Db): LiveHub {
  const pool = (db as unknown as { $client?: { options?: { connectionString?: string } } }).$client;
  const url = pool?.options?.connectionString;
  if (!url) throw new Error('liveHubFor: the database handle has no connection string');
  let hub = hubs.get(url);
  if (!hub) {
    hub = new LiveHub(url);
    hubs.set(url, hub);
  }
  return hub;
}
