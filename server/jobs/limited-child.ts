import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GanTwinError, InputError } from '@kernel/errors';
import { residentMemoryMb } from './worker-process';

/**
 * Runs one TypeScript entry of this repository in a child Node.js process with an enforced time and memory limit,
 * for job handlers whose work may be poisonous (a 500 MB IFC, a file that makes the parser loop or balloon): the
 * worker process survives whatever the file does, and the next job runs normally.
 *
 * Protocol: the child writes JSON lines to stdout — `{"type":"progress","stage":…,"fraction":…}` any number of times,
 * then `{"type":"result","value":…}` — and on a failure `{"type":"error","final":true|false,"message":…}` before
 * exiting non-zero. Anything else on stdout/stderr is kept (last 8 KiB of stderr) for the error message.
 *
 * Limits (Notes):
 * - Time: `timeLimitS` wall clock, then SIGKILL → {@link LimitExceededError} (final: the same file would time out
 *   again).
 * - Memory: the child's V8 heap is capped with `--max-old-space-size`, and its resident set (JS heap + WebAssembly
 *   memory of web-ifc + buffers, all threads) is read from `/proc/<pid>/status` (VmRSS) every 500 ms: above
 *   `memoryLimitMb` → SIGKILL → {@link LimitExceededError}. A V8 out-of-memory abort (exit by SIGABRT/134) is reported
 *   the same way. `/proc` exists on Linux; elsewhere only the heap cap applies.
 * - The child is bound to its parent through an IPC channel: if the worker process dies (SIGKILL, crash), the
 *   channel closes and the child exits (`process.on('disconnect')`, installed by {@link childProtocol}) — no orphan
 *   keeps converting while another worker retries the job.
 */

/** The repository root (cwd of children, so that `--import tsx` resolves from its node_modules). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A child exceeded its time or memory limit. Final: retrying the same input would exceed it again. */
export class LimitExceededError extends GanTwinError {
  constructor(message: string) {
    super('TOO_LARGE', message);
    this.name = 'LimitExceededError';
  }
}

/** Options of {@link runLimitedChild}. */
export interface LimitedChildOptions {
  /** Wall-clock limit, seconds. */
  timeLimitS: number;
  /** Resident-memory limit of the child (all threads), MiB; its V8 heap gets the same cap. */
  memoryLimitMb: number;
  /** Called for each progress line. */
  onProgress?: (stage: string, fraction: number) => void;
  /** Extra environment variables. */
  env?: Record<string, string>;
}

/** Peak figures of one child run. */
export interface ChildRunStats {
  elapsedS: number;
  /** Highest VmRSS seen, MiB (0 where /proc is missing). */
  peakRssMb: number;
}


/**
 * Runs `entry` (a path relative to the repository root, e.g. `server/review/measure-child.ts`) with `args`.
 * @returns the `value` of the child's result line and the run's figures
 * @throws {LimitExceededError} when a limit was exceeded; {@link InputError} when the child reported a final error
 *   (its message); a plain `Error` for anything else (a crash: retryable)
 */
export async function runLimitedChild<T>(entry: string, args: readonly string[], options: LimitedChildOptions): Promise<{ value: T; stats: ChildRunStats }> {
  const started = performance.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${Math.round(options.memoryLimitMb)}`, '--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let result: { value: T } | null = null;
  let reported: { final: boolean; message: string } | null = null;
  let limitMessage: string | null = null;
  let peakRssMb = 0;
  let stderrTail = '';
  let stdoutBuffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdoutBuffer += chunk;
    let newline: number;
    while ((newline = stdoutBuffer.indexOf('\n')) >= 0) {
      const line = stdoutBuffer.slice(0, newline);
      stdoutBuffer = stdoutBuffer.slice(newline + 1);
      let message: { type?: string; stage?: string; fraction?: number; value?: T; final?: boolean; message?: string };
      try {
        message = JSON.parse(line) as typeof message;
      } catch {
        continue;
      }
      if (message.type === 'progress' && typeof message.stage === 'string' && typeof message.fraction === 'number') options.onProgress?.(message.stage, message.fraction);
      else if (message.type === 'result') result = { value: message.value as T };
      else if (message.type === 'error') reported = { final: message.final === true, message: String(message.message) };
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-8192);
  });
  const kill = (message: string) => {
    limitMessage ??= message;
    child.kill('SIGKILL');
  };
  const timer = setTimeout(() => kill(`exceeded the time limit of ${options.timeLimitS} s`), options.timeLimitS * 1000);
  const watcher = setInterval(() => {
    if (child.pid === undefined) return;
    void residentMemoryMb(child.pid).then((rss) => {
      peakRssMb = Math.max(peakRssMb, rss);
      if (rss > options.memoryLimitMb) kill(`exceeded the memory limit of ${options.memoryLimitMb} MiB (resident ${Math.round(rss)} MiB)`);
    });
  }, 500);
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).finally(() => {
    clearTimeout(timer);
    clearInterval(watcher);
  });
  const stats = { elapsedS: (performance.now() - started) / 1000, peakRssMb: Math.round(peakRssMb) };
  if (limitMessage) throw new LimitExceededError(limitMessage);
  const final = reported as { final: boolean; message: string } | null;
  if (exit.code === 0 && result) return { value: (result as { value: T }).value, stats };
  if (final?.final) throw new InputError(final.message);
  if (exit.signal === 'SIGABRT' || exit.code === 134 || /heap out of memory/i.test(stderrTail)) {
    throw new LimitExceededError(`exceeded the memory limit of ${options.memoryLimitMb} MiB (the JavaScript heap ran out)`);
  }
  throw new Error(final?.message ?? `${entry} ended with ${exit.signal ?? `exit code ${exit.code}`}: ${stderrTail.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
}

/**
 * The child's side of the protocol: exits when the parent goes away, and gives `report` functions.
 * @example const child = childProtocol(); child.progress('parse', 0.5); child.result(value);
 */
export function childProtocol() {
  process.on('disconnect', () => process.exit(75));
  // A parent killed while this child was still loading (tsx compiling the job, seconds on a loaded machine) closed
  // the channel before the listener above existed: 'disconnect' is gone, and the child would convert on as an
  // orphan with nobody enforcing its limits. `process.send` exists only in a child spawned with an IPC channel.
  if (typeof process.send === 'function' && !process.connected) process.exit(75);
  const write = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
  return {
    progress: (stage: string, fraction: number) => write({ type: 'progress', stage, fraction }),
    result: (value: unknown) => write({ type: 'result', value }),
    /** Reports a failure; `final` = retrying cannot help (a broken or unsupported file). */
    error: (message: string, final: boolean) => write({ type: 'error', message, final }),
  };
}
