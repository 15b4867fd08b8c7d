import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { GanTwinError, InputError, invariant, InvariantError } from '@kernel/errors';
import { GeorefError, IfcParseError, TooLargeError, UnsupportedSchemaError } from '../errors';
import type { StageContext } from '../stage-context';
import type { ParseInput, ParseOptions } from '../stages/parse/parse';
import type { ParsedModel } from '../stages/parse/parsed-model';
import type { WorkerInput, WorkerMessage } from './parse-worker';

/**
 * Runs the `parse` stage in a worker_threads Worker so the main thread (CLI progress bar, job runner, server)
 * stays responsive and web-ifc's wasm heap (up to 4 GiB) is freed with the worker.
 *
 * Notes: when this module runs from TypeScript source (under `tsx`, `npm run tile`, or under vitest), the
 * worker registers tsx (resolved from this package's node_modules, so any working directory works) and then
 * imports parse-worker.ts; see {@link workerSpec}. A compiled build runs `parse-worker.js` without a loader. The worker's typed arrays are transferred, not copied; the input bytes are copied so the
 * caller keeps them.
 *
 * Startup cost, measured 2026-11-30 (2 shared cores, Node 20): a fresh worker from TypeScript source spends
 * ≈ 110 ms registering tsx, ≈ 220 ms loading web-ifc (`require`; an ESM `import` took 380–520 ms, see
 * stages/parse/web-ifc-module.ts), ≈ 40 ms compiling the parse modules and ≈ 20 ms in `IfcAPI.Init()`: the
 * 84 KB Japanese sample parses in 130–150 ms in-process and 700–800 ms through the worker. On the janesville
 * restaurant (27 MB) that startup is ≈ 0.3× of web-ifc geometry-only time, most of the gap to the 1.5× target.
 */

/** Typed error classes re-created on the main side, by `name`. */
const ERROR_CLASSES: Record<string, new (message: string, options?: { context?: Record<string, unknown>; cause?: unknown }) => GanTwinError> = {
  IfcParseError,
  UnsupportedSchemaError,
  GeorefError,
  InputError,
  InvariantError,
  TooLargeError,
};

/** File URL of tsx's ESM `register()` API (`exports['./esm/api'].import`), which `require.resolve` cannot give. */
function tsxEsmApiUrl(): string {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve('tsx/package.json');
  const manifest = require(packageJsonPath) as { exports: Record<string, { import?: { default?: string } }> };
  const relative = manifest.exports['./esm/api']?.import?.default;
  invariant(relative, `parseInWorker: cannot find tsx's ESM API (exports['./esm/api']) in ${packageJsonPath}`);
  return new URL(relative, pathToFileURL(packageJsonPath)).href;
}

/**
 * How to start the worker. From TypeScript source the worker is an eval'd bootstrap that registers tsx's ESM
 * hooks (`tsx/esm/api` `register()`) and then imports parse-worker.ts. Passing `--import tsx` in `execArgv`
 * does not work on Node 20: the worker's entry is loaded before the hooks take effect
 * (ERR_UNKNOWN_FILE_EXTENSION ".ts").
 */
function workerSpec(): { entry: string | URL; eval: boolean } {
  const isTypeScript = import.meta.url.endsWith('.ts');
  if (!isTypeScript) return { entry: new URL('./parse-worker.js', import.meta.url), eval: false };
  const tsxApi = tsxEsmApiUrl();
  const entry = new URL('./parse-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return { entry: bootstrap, eval: true };
}

/**
 * Re-creates the worker's error on the main side: a known GanTwinError class by `name`; anything else (a bug or a
 * web-ifc crash) becomes an {@link InvariantError} whose context keeps the original `name`.
 */
function recreateError(message: Extract<WorkerMessage, { kind: 'error' }>): GanTwinError {
  const ErrorClass = ERROR_CLASSES[message.name];
  const error = ErrorClass
    ? new ErrorClass(message.message, { context: message.context })
    : new InvariantError(message.message, { context: { ...message.context, workerErrorName: message.name } });
  if (message.stack) error.stack = `${error.name}: ${message.message}\n    (in parse worker)\n${message.stack.split('\n').slice(1).join('\n')}`;
  return error;
}

/** Options of {@link parseInWorker} itself (the parse stage's own options are separate). */
export interface ParseInWorkerOptions {
  /**
   * Move `input.bytes` to the worker instead of copying it (the caller's array is detached afterwards; saves one
   * copy of the IFC in memory, 27 MB for janesville). Ignored for a view into a shared (pooled) buffer.
   */
  transferInput?: boolean;
  /**
   * JS heap limit of the worker, MiB (`resourceLimits.maxOldGenerationSizeMb`); reaching it ends the worker (not
   * the caller) and the parse fails with {@link TooLargeError}. Default {@link defaultParseHeapLimitMb}.
   */
  heapLimitMb?: number;
}

/**
 * Default JS heap limit of the parse worker, MiB, for an IFC of `ifcBytes`: 4 MiB per MB of IFC, at least 1.5 GiB,
 * at most 4 GiB. The limit is also what keeps the peak down: without it V8 let the worker's heap grow to twice its
 * live size (a generated 300 MB IFC peaked at 3.3 GB RSS with a 3 GiB limit, 2.5 GB with 1.5 GiB, in 25 % less
 * time). The worker's live heap is ≈ 1.4 KB per IFC element with geometry (meshes live in the arena, outside the
 * heap); web-ifc's wasm heap (up to 4 GiB) is separate and fails on its own with a TooLargeError.
 */
export function defaultParseHeapLimitMb(ifcBytes: number): number {
  return Math.round(Math.min(4096, Math.max(1536, (4 * ifcBytes) / 1e6)));
}

/**
 * {@link parseIfc} in a worker thread: same input, output and errors.
 *
 * @param input the IFC bytes (copied to the worker) and file name
 * @param options parse options; `ifcApi` cannot cross threads and is ignored (the worker makes its own)
 * @param ctx progress is forwarded to `ctx.onProgress`, report entries to `ctx.report`, log lines to `ctx.logger`
 * @returns the parsed model, with its typed arrays transferred from the worker
 * @throws {IfcParseError} {@link UnsupportedSchemaError} {@link GeorefError} {@link InputError} the same class
 *   and message the stage threw
 * @throws {InvariantError} when the stage failed with any other error, or the worker failed to start or exited
 *   without an answer (message names the file)
 * @example
 * const model = await parseInWorker({ bytes, fileName }, { includeSpaces: false }, ctx);
 * @see parseIfc in tiling/stages/parse/parse.ts
 */
export function parseInWorker(
  input: ParseInput,
  options: ParseOptions,
  ctx: StageContext,
  workerOptions: ParseInWorkerOptions = {},
): Promise<ParsedModel> {
  const { ifcApi: _ignored, ...cloneableOptions } = options;
  const spec = workerSpec();
  const workerData: WorkerInput = { input: { bytes: input.bytes, fileName: input.fileName }, options: cloneableOptions };
  // Only a buffer the bytes own alone can be transferred (small Node Buffers share a pool).
  const owned = input.bytes.byteOffset === 0 && input.bytes.buffer.byteLength === input.bytes.byteLength;
  const transferList = workerOptions.transferInput && owned ? [input.bytes.buffer as ArrayBuffer] : [];
  return new Promise<ParsedModel>((resolve, reject) => {
    let settled = false;
    const heapLimitMb = workerOptions.heapLimitMb ?? defaultParseHeapLimitMb(input.bytes.byteLength);
    const worker = new Worker(spec.entry, {
      workerData,
      eval: spec.eval,
      execArgv: [],
      transferList,
      resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
    });
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'progress':
          ctx.onProgress?.(message.stage, message.fraction);
          break;
        case 'fail':
          ctx.report.fail(message.entry);
          break;
        case 'warn':
          ctx.report.warn(message.message);
          break;
        case 'note':
          ctx.report.note(message.message);
          break;
        case 'log':
          ctx.logger[message.level](message.message, message.fields);
          break;
        case 'result':
          settle(() => resolve(message.model));
          break;
        case 'error':
          settle(() => reject(recreateError(message)));
          break;
      }
    });
    worker.on('error', (error) =>
      settle(() =>
        reject(
          (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new TooLargeError(
                `${input.fileName} is too large to convert: parsing it needs more than the parse worker's heap limit of ${heapLimitMb} MiB ` +
                  '(ConvertOptions.parseHeapLimitMb)',
                { context: { file: input.fileName, heapLimitMb }, cause: error },
              )
            : new InvariantError(`parse worker for ${input.fileName} failed: ${error.message}`, { context: { file: input.fileName }, cause: error }),
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(
          new InvariantError(`parse worker for ${input.fileName} exited with code ${code} before answering`, {
            context: { file: input.fileName, exitCode: code },
          }),
        ),
      ),
    );
  });
}
