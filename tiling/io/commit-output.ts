import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { GanTwinError, InputError, InvariantError } from '@kernel/errors';
import type { OutputFile } from './output-file';

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
 * Writes all files of a conversion atomically: first into a fresh temp directory next to `outDir` (same
 * filesystem), then renames it into place. An existing `outDir` is replaced only after the new one is
 * complete; on any failure the temp directory is removed and `outDir` is left as it was.
 *
 * Notes: a directory cannot be swapped atomically over a non-empty one with `rename(2)`, so the old
 * directory is first renamed aside (`<outDir>.old-<random>`), the new one renamed in, and the old one removed.
 * Between those two renames `outDir` is briefly absent, never half-written.
 *
 * @param outDir the output directory (created with its parents if missing)
 * @param files paths relative to `outDir` (POSIX, no `..`) and their bytes
 * @returns total bytes written and number of files
 * @throws {InvariantError} when a path is absolute, contains `..` or is listed twice
 * @throws {InputError} see {@link assertReplaceableOutputDir}; file-system errors (permissions, read-only or
 *   virtual file systems such as /proc), named with the path, after cleaning up the temp directory; also when
 *   the previous output cannot be put back (its `cause` is an AggregateError of both failures)
 */
export async function commitOutput(outDir: string, files: OutputFile[]): Promise<CommitResult> {
  const seen = new Set<string>();
  for (const file of files) {
    assertSafeRelativePath(file.path);
    if (seen.has(file.path)) throw new InvariantError(`commitOutput: output path listed twice: "${file.path}"`);
    seen.add(file.path);
  }
  assertReplaceableOutputDir(outDir);
  const target = resolve(outDir);
  try {
    return await commitInto(target, files);
  } catch (error) {
    if (error instanceof GanTwinError || !(error as NodeJS.ErrnoException).code) throw error;
    throw new InputError(`${outDir}: cannot write the output (${describeFsError(error)})`, { context: { outDir }, cause: error });
  }
}

async function commitInto(target: string, files: OutputFile[]): Promise<CommitResult> {
  const suffix = randomBytes(6).toString('hex');
  const tempDir = `${target}.tmp-${suffix}`;
  const oldDir = `${target}.old-${suffix}`;
  await mkdir(dirname(target), { recursive: true });
  let bytes = 0;
  try {
    await mkdir(tempDir);
    const madeDirs = new Set<string>([tempDir]);
    for (const file of files) {
      const filePath = join(tempDir, ...file.path.split('/'));
      const parent = dirname(filePath);
      if (!madeDirs.has(parent)) {
        await mkdir(parent, { recursive: true });
        madeDirs.add(parent);
      }
      await writeFile(filePath, file.bytes);
      bytes += file.bytes.byteLength;
    }
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
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
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
  if (movedOld) await rm(oldDir, { recursive: true, force: true });
  return { bytes, files: files.length };
}
