import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Worker processes as other processes see them (tests of several workers, benchmarks): starting `scripts/worker.ts`
 * in its own process group, and reading a process's memory and children from /proc (Linux; elsewhere the readers
 * answer 0 / none).
 */

/** The repository root (the worker's cwd, so that `--import tsx` resolves from its node_modules). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Resident set size of `pid` (all threads), MiB; 0 when the process is gone or /proc is missing. */
export async function residentMemoryMb(pid: number): Promise<number> {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The pids of running (not zombie) children of `parentPid` whose command line contains `needle` ('' = any). */
export async function childPidsOf(parentPid: number, needle = ''): Promise<number[]> {
  const found: number[] = [];
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so parse after the last ')'.
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== parentPid || state === 'Z') continue;
      if (needle === '' || (await readFile(`/proc/${entry}/cmdline`, 'utf8')).includes(needle)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** A worker process started by {@link startWorkerProcess}, with the tail of its log. */
export interface WorkerProcess {
  process: ChildProcess;
  pid: number;
  /** The last 16 KiB of its stderr (the worker logs there). */
  stderr: string;
  exited: Promise<void>;
}

/**
 * Starts `npm run worker` (scripts/worker.ts) as a child in its own process group (`process.kill(-pid)` stops the
 * worker and its converters), with `env` on top of this process's environment minus `DATABASE_MIGRATION_URL`.
 * Resolves once it logs that it runs its queues.
 * @throws {Error} with its log when it exits or does not start within `startTimeoutMs`
 */
export async function startWorkerProcess(env: Record<string, string>, startTimeoutMs = 60_000): Promise<WorkerProcess> {
  const workerEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete workerEnv.DATABASE_MIGRATION_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], { cwd: REPO_ROOT, env: workerEnv, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const worker: WorkerProcess = { process: child, pid: child.pid!, stderr: '', exited: new Promise((resolve) => child.once('exit', () => resolve())) };
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (worker.stderr = (worker.stderr + chunk).slice(-16_384)));
  const started = Date.now();
  while (!worker.stderr.includes('runs ')) {
    if (child.exitCode !== null || Date.now() - started > startTimeoutMs) throw new Error(`worker ${worker.pid} did not start:\n${worker.stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return worker;
}

/** Stops a worker with SIGTERM (it waits for running jobs), then SIGKILL of its group after `graceMs`. */
export async function stopWorkerProcess(worker: WorkerProcess, graceMs = 15_000): Promise<void> {
  if (worker.process.exitCode !== null || worker.process.signalCode !== null) return;
  worker.process.kill('SIGTERM');
  const stopped = await Promise.race([worker.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs))]);
  if (!stopped) {
    try {
      process.kill(-worker.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
