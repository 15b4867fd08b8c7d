import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { LimitExceededError, runLimitedChild } from './limited-child';

const FIXTURE = 'server/jobs/limited-child-fixture.ts';
const LIMITS = { timeLimitS: 20, memoryLimitMb: 512 };

describe('runLimitedChild', () => {
  it('returns the result line and passes progress on', async () => {
    const progress: [string, number][] = [];
    const { value, stats } = await runLimitedChild<{ answer: number }>(FIXTURE, ['ok'], { ...LIMITS, onProgress: (stage, fraction) => progress.push([stage, fraction]) });
    expect(value).toEqual({ answer: 42 });
    expect(progress).toEqual([['parse', 0.5]]);
    expect(stats.elapsedS).toBeGreaterThan(0);
  });

  it('a final error is an InputError with its message; a silent crash is a retryable Error', async () => {
    await expect(runLimitedChild(FIXTURE, ['final'], LIMITS)).rejects.toThrow(InputError);
    await expect(runLimitedChild(FIXTURE, ['final'], LIMITS)).rejects.toThrow('model.ifc: not an IFC file');
    const crash = await runLimitedChild(FIXTURE, ['crash'], LIMITS).catch((error: unknown) => error);
    expect(crash).toBeInstanceOf(Error);
    expect(crash).not.toBeInstanceOf(InputError);
    expect((crash as Error).message).toContain('exit code 70');
  });

  it('kills a child past its time limit', async () => {
    const started = Date.now();
    const error = await runLimitedChild(FIXTURE, ['loop'], { timeLimitS: 2, memoryLimitMb: 512 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect((error as Error).message).toBe('exceeded the time limit of 2 s');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.skipIf(process.platform !== 'linux')('kills a child whose resident memory passes the limit (native buffers, not only the JS heap)', async () => {
    const error = await runLimitedChild(FIXTURE, ['grow'], { timeLimitS: 30, memoryLimitMb: 300 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect((error as Error).message).toMatch(/^exceeded the memory limit of 300 MiB \(resident \d+ MiB\)$/);
  });

  // `parent-early` kills the parent while the child is still loading (the case a CI run found: the child missed
  // 'disconnect' and stayed alive). The deadline is generous: the child may take seconds to load on a loaded machine.
  it.skipIf(process.platform !== 'linux').each(['parent', 'parent-early'])(
    'a child ends when its parent (the worker) is killed: no orphan keeps converting (%s)',
    async (mode) => {
      const parent = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      const childPid = await new Promise<number>((resolve, reject) => {
        let text = '';
        parent.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
          const match = /child (\d+)/.exec(text);
          if (match) resolve(Number(match[1]));
        });
        parent.once('exit', () => reject(new Error(`parent ended early: ${text}`)));
      });
      expect(isAlive(childPid)).toBe(true);
      parent.kill('SIGKILL');
      const deadline = Date.now() + 30_000;
      while (isAlive(childPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(isAlive(childPid)).toBe(false);
    },
    45_000,
  );
});

/** Whether a process exists (and is not a zombie waiting for its reaper). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
