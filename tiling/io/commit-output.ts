import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GanTwinError, InputError, InvariantError } from '@kernel/errors';
import type { OutputFile, OutputSink } from './output-file';
import { PRECOMPRESSED_EXTENSIONS, Precompressor, type PrecompressOptions } from './precompress';

/** What was committed: total bytes and number of files. */
export interface CommitResult {
  bytes: number;
  files: number;
}

/**
 * Checks that an output path is relative, POSIX and stays inside the output directory.
 * @throws {InvariantError} when the path is empty, absolute, uses `\`, or has an empty, `.` or `..` segment
 */
function assertSafeRelativePath(path: string): void {
  const segments = path.split('/');
  const isBad =
    path.length === 0 ||
    isAbsolute(path) ||
    path.includes('\\') ||
    /^[a-zA-Z]:/.test(path) ||
    segments.some((s) => s === '' || s === '.' || s === '..');
  if (isBad) throw new InvariantError(`commitOutput: output path must be relative without '..', got "${path}"`);
}

/** Files whose presence marks a directory as an earlier GanTwin output, which a new conversion may replace. */
const OUTPUT_MARKERS = ['tileset.json', 'report.json'];

/**
 * Checks, before any work, that `outDir` may receive a conversion: it is missing, an empty directory, or an earlier
 * GanTwin output (holds `tileset.json` or `report.json`). Anything else is refused, so that `--out ~/Documents`
 * can never wipe a user's folder.
 * @throws {InputError} when `outDir` is a file, or a non-empty directory that holds no GanTwin output
 */
export function assertReplaceableOutputDir(outDir: string): void {
  const target = resolve(outDir);
  let entries: string[];
  try {
    if (!statSync(target).isDirectory()) {
      throw new InputError(`${outDir}: the output path is an existing file; it must be a directory`, { context: { outDir } });
    }
    entries = readdirSync(target);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new InputError(`${outDir}: cannot inspect the output directory (${describeFsError(error)})`, { context: { outDir }, cause: error });
  }
  if (entries.length > 0 && !OUTPUT_MARKERS.some((marker) => entries.includes(marker))) {
    throw new InputError(
      `${outDir}: refusing to replace a non-empty directory that holds no earlier conversion (no tileset.json); choose a new or empty directory`,
      { context: { outDir, entries: entries.slice(0, 5) } },
    );
  }
}

/** `ENOENT: no such file or directory` style text of a file-system error. */
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message.replace(/^\w+: /, '').split(',')[0]}` : message;
}

/**
 * Writes `files` into a temp directory beside `outDir`, then swaps it in with `rename` (see {@link StagedOutput}).
 * @param outDir the final output directory (created with its parents; an earlier output there is replaced)
 * @param files the files, paths relative to `outDir`
 * @returns total bytes and number of files written
 * @throws {InvariantError} when a path is absolute, contains `..`, or is listed twice
 * @throws {InputError} when `outDir` is a file or a foreign non-empty directory, or on any file-system error
 *   (read-only parent, full disk, virtual file systems such as /proc), named with the path, after cleaning up the
 *   temp directory; also when the previous output cannot be put back (its `cause` is an AggregateError of both)
 */
export async function commitOutput(outDir: string, files: OutputFile[]): Promise<CommitResult> {
  const seen = new Set<string>();
  for (const file of files) {
    assertSafeRelativePath(file.path);
    if (seen.has(file.path)) throw new InvariantError(`commitOutput: output path listed twice: "${file.path}"`);
    seen.add(file.path);
  }
  const staged = await StagedOutput.open(outDir);
  try {
    for (const file of files) await staged.write(file);
    return await staged.commit();
  } catch (error) {
    await staged.abort();
    throw error;
  }
}

/**
 * A conversion's output being written: files go into a temp directory beside the target as they are produced
 * (`<outDir>.tmp-<random>`), and {@link commit} swaps it in with `rename` — the output appears whole or not at
 * all; {@link abort} removes the temp directory. The pipeline writes each tile here as soon as it is encoded, so
 * no finished tile stays in memory.
 */
export class StagedOutput implements OutputSink {
  private readonly seen = new Set<string>();
  private readonly madeDirs = new Set<string>();
  private bytes = 0;
  private done = false;
  private precompressor: Precompressor | null = null;

  private constructor(
    private readonly outDir: string,
    private readonly target: string,
    private readonly tempDir: string,
  ) {
    this.madeDirs.add(tempDir);
  }

  /**
   * Checks `outDir` ({@link assertReplaceableOutputDir}) and creates the temp directory.
   * @throws {InputError} as {@link commitOutput}
   */
  static async open(outDir: string): Promise<StagedOutput> {
    assertReplaceableOutputDir(outDir);
    const target = resolve(outDir);
    const tempDir = `${target}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      await mkdir(dirname(target), { recursive: true });
      await mkdir(tempDir);
    } catch (error) {
      throw fsInputError(outDir, error);
    }
    return new StagedOutput(outDir, target, tempDir);
  }

  /** Bytes written so far. */
  get bytesWritten(): number {
    return this.bytes;
  }

  /** Files written so far. */
  get filesWritten(): number {
    return this.seen.size;
  }

  /**
   * Writes one file into the temp directory.
   * @throws {InvariantError} for an unsafe or repeated path, or after commit/abort
   * @throws {InputError} on a file-system error, naming the output directory
   */
  async write(file: OutputFile): Promise<void> {
    const filePath = await this.prepare(file.path);
    try {
      await writeFile(filePath, file.bytes);
    } catch (error) {
      throw fsInputError(this.outDir, error);
    }
    this.bytes += file.bytes.byteLength;
  }

  /**
   * Writes one UTF-8 text file from chunks, flushing every ≈ 1 M characters (never one whole string).
   * @throws as {@link write}
   */
  async writeText(path: string, chunks: Iterable<string>): Promise<void> {
    const filePath = await this.prepare(path);
    let handle: FileHandle | undefined;
    try {
      handle = await open(filePath, 'w');
      let pending: string[] = [];
      let pendingChars = 0;
      for (const chunk of chunks) {
        pending.push(chunk);
        pendingChars += chunk.length;
        if (pendingChars >= TEXT_FLUSH_CHARS) {
          this.bytes += (await handle.write(pending.join(''))).bytesWritten;
          pending = [];
          pendingChars = 0;
        }
      }
      if (pending.length > 0) this.bytes += (await handle.write(pending.join(''))).bytesWritten;
    } catch (error) {
      throw fsInputError(this.outDir, error);
    } finally {
      await handle?.close();
    }
  }

  /**
   * Swaps the temp directory in for `outDir` (an earlier output is moved aside and removed afterwards; on failure
   * it is put back).
   * @returns total bytes and number of files
   * @throws {InputError} as {@link commitOutput}; the temp directory is removed
   */
  async commit(): Promise<CommitResult> {
    this.assertOpen();
    this.done = true;
    try {
      await swapIn(this.target, this.tempDir);
    } catch (error) {
      await rm(this.tempDir, { recursive: true, force: true });
      if (error instanceof GanTwinError) throw error;
      throw fsInputError(this.outDir, error);
    }
    return { bytes: this.bytes, files: this.seen.size };
  }

  /**
   * Starts writing the brotli and gzip siblings (`<path>.br`, `<path>.gz`) of a file already written, in the
   * background (io/precompress.ts); resolves once queued, {@link finishPrecompress} waits for them. The first call
   * fixes the options.
   * @throws {InvariantError} for a path not written before or a sibling already present
   */
  async startPrecompress(path: string, options: Partial<PrecompressOptions> = {}): Promise<void> {
    this.assertOpen();
    if (!this.seen.has(path)) throw new InvariantError(`StagedOutput: cannot precompress "${path}": not written`);
    for (const ext of PRECOMPRESSED_EXTENSIONS) {
      if (this.seen.has(`${path}${ext}`)) throw new InvariantError(`StagedOutput: "${path}${ext}" written twice`);
      this.seen.add(`${path}${ext}`);
    }
    const filePath = join(this.tempDir, ...path.split('/'));
    this.precompressor ??= new Precompressor(options);
    this.precompressor.add(filePath, (await stat(filePath)).size);
  }

  /**
   * Waits for every sibling started by {@link startPrecompress}.
   * @throws {InputError} on a file-system error, naming the output directory
   */
  async finishPrecompress(): Promise<void> {
    if (!this.precompressor) return;
    try {
      this.bytes += await this.precompressor.finish();
    } catch (error) {
      throw fsInputError(this.outDir, error);
    } finally {
      this.precompressor = null;
    }
  }

  /** Removes the temp directory; `outDir` stays as it was. Safe to call twice or after commit. */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await rm(this.tempDir, { recursive: true, force: true });
  }

  private assertOpen(): void {
    if (this.done) throw new InvariantError(`StagedOutput: ${this.outDir} was already committed or aborted`);
  }

  private async prepare(path: string): Promise<string> {
    this.assertOpen();
    assertSafeRelativePath(path);
    if (this.seen.has(path)) throw new InvariantError(`commitOutput: output path listed twice: "${path}"`);
    this.seen.add(path);
    const filePath = join(this.tempDir, ...path.split('/'));
    const parent = dirname(filePath);
    if (!this.madeDirs.has(parent)) {
      try {
        await mkdir(parent, { recursive: true });
      } catch (error) {
        throw fsInputError(this.outDir, error);
      }
      this.madeDirs.add(parent);
    }
    return filePath;
  }
}

/** Characters of text buffered before a write to disk. */
const TEXT_FLUSH_CHARS = 1 << 20;

function fsInputError(outDir: string, error: unknown): GanTwinError {
  if (error instanceof GanTwinError) return error;
  return new InputError(`${outDir}: cannot write the output (${describeFsError(error)})`, { context: { outDir }, cause: error });
}

/** Moves `tempDir` to `target`, keeping any earlier output until the move succeeded. */
async function swapIn(target: string, tempDir: string): Promise<void> {
  const oldDir = `${target}.old-${tempDir.slice(`${target}.tmp-`.length)}`;
  let movedOld = false;
  try {
    try {
      await rename(target, oldDir);
      movedOld = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(tempDir, target);
  } catch (error) {
    // Put the previous output back; if even that fails, both errors surface together.
    if (movedOld) {
      await rename(oldDir, target).catch((restoreError: unknown) => {
        throw new InputError(`${target}: could not restore the previous output from ${oldDir} (${describeFsError(restoreError)})`, {
          context: { outDir: target, oldDir },
          cause: new AggregateError([error, restoreError]),
        });
      });
    }
    throw error;
  }
  if (movedOld) await rm(oldDir, { recursive: true, force: true });
}
