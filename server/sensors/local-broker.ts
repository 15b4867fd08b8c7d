import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, closeSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { InputError, InvariantError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { SILENT_LOGGER } from '@kernel/logger';

/**
 * The project-local MQTT broker: a Mosquitto 2 (Debian package `mosquitto`, scripts/install-system-deps.sh) started
 * by `npm run mqtt:up` / `npm start` when `MQTT_URL` is not given. Listens on 127.0.0.1:`port` only (anonymous
 * clients: the authority is the ingest token inside each message — a broker reachable from the network needs
 * `MQTT_URL` to a broker with TLS and accounts), keeps its sessions and queued messages in `<dir>/mosquitto.db`
 * (saved every `autosaveIntervalS` and at a clean stop, so a restarted broker still holds what the ingest
 * consumer has not acknowledged), logs to `<dir>/mosquitto.log`, and its pid is in `<dir>/mosquitto.pid`.
 *
 * Queue bounds (per persistent session, i.e. for the ingest consumer while it is away): `maxQueuedMessages`
 * messages and `maxQueuedBytes` bytes; beyond them Mosquitto drops QoS 1 messages. At 100 readings per message the
 * defaults hold 10 million readings — weeks of a city's sensors at one reading a minute.
 */

/** Options of {@link ensureLocalBroker} and {@link stopLocalBroker}. */
export interface LocalBrokerOptions {
  /** Folder of the configuration, persistence, log and pid file (relative: to the working directory). */
  dir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** The broker binary. */
  mosquittoPath: string;
  /** Seconds between saves of the persistence file. */
  autosaveIntervalS: number;
  maxQueuedMessages: number;
  maxQueuedBytes: number;
  /** Largest MQTT packet accepted, bytes (a little over the 1 MiB ingest payload limit). */
  maxPacketBytes: number;
  logger: Logger;
}

/** Defaults of {@link LocalBrokerOptions}. */
export const LOCAL_BROKER_DEFAULTS = {
  dir: '.gantwin/mqtt',
  port: 18830,
  mosquittoPath: '/usr/sbin/mosquitto',
  autosaveIntervalS: 5,
  maxQueuedMessages: 100_000,
  maxQueuedBytes: 1024 ** 3,
  maxPacketBytes: 1024 ** 2 + 64 * 1024,
  logger: SILENT_LOGGER,
} satisfies Required<LocalBrokerOptions>;

/** A running local broker. */
export interface LocalBroker {
  url: string;
  pid: number;
  /** False when an already running broker of this folder was reused. */
  started: boolean;
}

function resolve(options: Partial<LocalBrokerOptions>): LocalBrokerOptions {
  const merged = { ...LOCAL_BROKER_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as LocalBrokerOptions;
  return { ...merged, dir: path.resolve(merged.dir) };
}

/** The pid of this folder's broker when it runs (pid file present and that process is a mosquitto), else null. */
function runningPid(dir: string): number | null {
  const pidFile = path.join(dir, 'mosquitto.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync(cmdline) && !readFileSync(cmdline, 'utf8').includes('mosquitto')) return null; // the pid was reused
  return pid;
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function isListening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      done(false);
    });
  });
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** The mosquitto.conf of a local broker. */
export function localBrokerConfig(o: LocalBrokerOptions): string {
  return [
    '# Written by server/sensors/local-broker.ts on every start: edit the options there, not this file.',
    `listener ${o.port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence true',
    `persistence_location ${o.dir}${path.sep}`,
    'persistence_file mosquitto.db',
    `autosave_interval ${o.autosaveIntervalS}`,
    `max_queued_messages ${o.maxQueuedMessages}`,
    `max_queued_bytes ${o.maxQueuedBytes}`,
    'max_inflight_messages 50',
    `max_packet_size ${o.maxPacketBytes}`,
    'persistent_client_expiration 30d',
    `log_dest file ${path.join(o.dir, 'mosquitto.log')}`,
    'log_type error',
    'log_type warning',
    // As root, Mosquitto would switch to the user `mosquitto`, which cannot write the folder: stay who started it.
    `user ${os.userInfo().username}`,
    '',
  ].join('\n');
}

/**
 * Starts the local broker of `dir` unless it already runs (then reuses it), and waits until it accepts
 * connections (≤ 10 s). Idempotent.
 * @throws {InputError} when Mosquitto is not installed or another program holds the port
 * @throws {InvariantError} when the broker does not come up (its log's path is in the message)
 */
export async function ensureLocalBroker(options: Partial<LocalBrokerOptions> = {}): Promise<LocalBroker> {
  const o = resolve(options);
  const url = `mqtt://127.0.0.1:${o.port}`;
  const pid = runningPid(o.dir);
  if (pid !== null && (await isListening(o.port))) {
    o.logger.info(`mqtt-up: reusing the local broker (pid ${pid}) on ${url}`);
    return { url, pid, started: false };
  }
  if (!existsSync(o.mosquittoPath)) throw new InputError(`mqtt-up: ${o.mosquittoPath} not found: install the Debian package mosquitto (bash scripts/install-system-deps.sh) or set MQTT_URL`);
  if (await isListening(o.port)) throw new InputError(`mqtt-up: port ${o.port} on 127.0.0.1 is taken by another program: set MQTT_LOCAL_PORT, or MQTT_URL to use that broker`);
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const configPath = path.join(o.dir, 'mosquitto.conf');
  writeFileSync(configPath, localBrokerConfig(o), { mode: 0o600 });
  const logFd = openSync(path.join(o.dir, 'mosquitto.stderr.log'), 'a');
  const child = spawn(o.mosquittoPath, ['-c', configPath], { detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  if (child.pid === undefined) throw new InvariantError(`mqtt-up: could not start ${o.mosquittoPath}`);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  child.unref();
  writeFileSync(path.join(o.dir, 'mosquitto.pid'), `${child.pid}\n`);
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (exited !== null) break;
    if (await isListening(o.port)) {
      o.logger.info(`mqtt-up: local broker started (pid ${child.pid}) on ${url}, data in ${o.dir}`);
      return { url, pid: child.pid, started: true };
    }
    await sleep(100);
  }
  throw new InvariantError(`mqtt-up: the local broker did not come up${exited !== null ? ` (exit code ${exited})` : ''}: see ${path.join(o.dir, 'mosquitto.log')} and mosquitto.stderr.log`);
}

/**
 * Stops the local broker of `dir` (SIGTERM: it saves its persistence file) and waits for it to exit (≤ 10 s, then
 * SIGKILL). Data stays.
 * @returns false when it was not running
 */
export async function stopLocalBroker(options: Partial<LocalBrokerOptions> = {}): Promise<boolean> {
  const o = resolve(options);
  const pid = runningPid(o.dir);
  if (pid === null) return false;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (runningPid(o.dir) === null) return true;
    await sleep(50);
  }
  process.kill(pid, 'SIGKILL');
  return true;
}
