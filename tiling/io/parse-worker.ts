/**
 * worker_threads entry of {@link parseInWorker}: runs the `parse` stage and posts progress, report entries,
 * log lines and the result (typed arrays transferred) back to the main thread. Started only by
 * parse-in-worker.ts; the messages are {@link WorkerMessage}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GanTwinError, invariant } from '@kernel/errors';
import { TooLargeError } from '../errors';
import type { Logger } from '@kernel/logger';
import { ReportBuilder, type ReportEntry } from '../report';
import { parseIfc, type ParseInput, type ParseOptions } from '../stages/parse/parse';
import { distinctBuffers } from '../stages/parse/geometry-arena';
import type { ParsedModel } from '../stages/parse/parsed-model';

/** Messages from the worker to the main thread. */
export type WorkerMessage =
  | { kind: 'progress'; stage: string; fraction: number }
  | { kind: 'fail'; entry: ReportEntry }
  | { kind: 'warn'; message: string }
  | { kind: 'note'; message: string }
  | { kind: 'log'; level: keyof Logger; message: string; fields?: Record<string, unknown> }
  | { kind: 'result'; model: ParsedModel }
  | { kind: 'error'; name: string; message: string; context: Record<string, unknown>; stack?: string };

/** What the main thread passes as `workerData`. */
export interface WorkerInput {
  input: ParseInput;
  options: Omit<ParseOptions, 'ifcApi'>;
}

const port = parentPort;
invariant(port, 'parse-worker.ts must run inside a worker_threads Worker, got parentPort null');
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** A report that forwards every entry to the main thread's ReportBuilder. */
class ForwardingReport extends ReportBuilder {
  override fail(entry: ReportEntry): void {
    post({ kind: 'fail', entry });
  }
  override warn(message: string): void {
    post({ kind: 'warn', message });
  }
  override note(message: string): void {
    post({ kind: 'note', message });
  }
}

const logAt =
  (level: keyof Logger) =>
  (message: string, fields?: Record<string, unknown>): void =>
    post({ kind: 'log', level, message, fields });
const logger: Logger = { debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error') };

/** Only context values that survive structured cloning are sent back. */
function cloneableContext(context: Record<string, unknown>): Record<string, unknown> {
  try {
    return structuredClone(context);
  } catch {
    return Object.fromEntries(Object.entries(context).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)));
  }
}

/**
 * web-ifc's wasm heap cannot grow past 4 GiB; when it runs out, web-ifc (or the ArrayBuffer it asks for) throws a
 * RangeError / "Aborted(OOM)" that would otherwise read as a broken file. Such errors become a TooLargeError.
 */
function asTooLarge(error: Error): Error {
  const text = `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}`;
  if (!/out of memory|Aborted\(OOM\)|Array buffer allocation failed|WebAssembly\.Memory|memory access out of bounds/i.test(text)) return error;
  return new TooLargeError(
    `${workerInputFileName()} is too large to convert: web-ifc ran out of its wasm heap (at most 4 GiB) (${error.message})`,
    { context: { file: workerInputFileName() }, cause: error },
  );
}

function workerInputFileName(): string {
  return (workerData as WorkerInput).input.fileName;
}

const { input, options } = workerData as WorkerInput;
try {
  const model = await parseIfc(input, { ...options, releaseInputAfterOpen: true }, {
    logger,
    report: new ForwardingReport(),
    onProgress: (stage, fraction) => post({ kind: 'progress', stage, fraction }),
  });
  // Mesh arrays are views into a few arena chunks (geometry-arena.ts): transfer each chunk once.
  const transfer = distinctBuffers([...model.geometries.values()].flatMap((m) => [m.positions, m.normals, m.indices]));
  post({ kind: 'result', model }, transfer);
} catch (error) {
  const err = asTooLarge(error instanceof Error ? error : new Error(String(error)));
  post({
    kind: 'error',
    name: err.name,
    message: err.message,
    context: err instanceof GanTwinError ? cloneableContext(err.context) : {},
    stack: err.stack,
  });
}
// End the thread as soon as the answer is posted: its web-ifc wasm heap (which never shrinks) and JS heap are
// freed while the main thread is still deserialising the model, instead of after. Messages posted before the
// exit are delivered first (Node drains the port before 'exit'); on a generated 300 MB IFC this took the
// conversion's peak RSS from the sum of both threads to the larger of the two.
process.exit(0);
