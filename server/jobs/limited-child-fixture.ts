/**
 * Test support for limited-child.test.ts: a child that behaves as its first argument says — `ok` (reports progress
 * and a result), `final` (a final error), `crash` (exits 70 without a message), `loop` (never ends; `loop report` reports progress first), `grow` (keeps
 * allocating native memory), `parent` (runs a `loop` child itself and prints that child's pid once the child has
 * reported itself running, then waits), `parent-early` (the same, printing the pid as soon as the child process
 * exists, while it is still loading).
 */
import { childProtocol, runLimitedChild } from './limited-child';
import { childPidsOf } from './worker-process';

const child = childProtocol();
const mode = process.argv[2];
if (mode === 'ok') {
  child.progress('parse', 0.5);
  child.result({ answer: 42 });
  process.exit(0);
} else if (mode === 'final') {
  child.error('model.ifc: not an IFC file', true);
  process.exit(65);
} else if (mode === 'crash') {
  process.exit(70);
} else if (mode === 'loop') {
  // `loop report` says it runs; a quiet loop writes nothing (a write to a dead parent's pipe would end it anyway).
  if (process.argv[3] === 'report') child.progress('loop', 0);
  setInterval(() => {}, 1000);
} else if (mode === 'grow') {
  const kept: Buffer[] = [];
  setInterval(() => kept.push(Buffer.alloc(32 * 1024 * 1024, 1)), 50);
} else if (mode === 'parent') {
  let printed = false;
  const onProgress = () => {
    if (printed) return;
    printed = true;
    void childPidsOf(process.pid, 'limited-child-fixture').then((pids) => console.error(`child ${pids.join(',')}`));
  };
  void runLimitedChild('server/jobs/limited-child-fixture.ts', ['loop', 'report'], { timeLimitS: 60, memoryLimitMb: 512, onProgress }).catch(() => {});
} else if (mode === 'parent-early') {
  void runLimitedChild('server/jobs/limited-child-fixture.ts', ['loop'], { timeLimitS: 60, memoryLimitMb: 512 }).catch(() => {});
  const poll = setInterval(() => {
    void childPidsOf(process.pid, 'limited-child-fixture').then((pids) => {
      if (pids.length === 0) return;
      clearInterval(poll);
      console.error(`child ${pids.join(',')}`);
    });
  }, 20);
}
