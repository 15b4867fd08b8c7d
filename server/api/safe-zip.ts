import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { GanTwinError, InputError } from '@kernel/errors';

/**
 * Reading uploaded zip archives without trusting them (tileset and Shapefile uploads).
 *
 * Notes:
 * - Every entry name is checked before anything is written: no absolute path (`/x`, `C:`), no `..` segment, no
 *   backslash, no NUL or control character, no symbolic link (Unix mode 0o120000 in the external attributes), no
 *   empty segment, no segment over 255 bytes (ext4's limit); no two file entries of one name and no name used as a file and as a folder (the second write
 *   would fail with an `EEXIST`/`ENOTDIR` naming the server's folder); at most {@link ZipLimits.maxEntries} entries.
 * - Zip bombs: the declared uncompressed sizes must add up to at most `maxUncompressedBytes` before extraction, and
 *   the bytes really inflated are counted again while writing (yauzl also refuses an entry whose inflated size
 *   differs from its declaration, `validateEntrySizes`), so a lying header stops at the limit.
 * - `yauzl` reads the central directory from the file on disk (random access), never the whole archive into memory.
 * @see https://github.com/thejoshwolfe/yauzl ; APPNOTE.TXT 4.4.15 (external file attributes)
 */

/** The archive exceeds a bound (entries, uncompressed bytes). Maps to 413. */
export class ZipTooLargeError extends GanTwinError {
  constructor(message: string, options?: { context?: Record<string, unknown> }) {
    super('TOO_LARGE', message, options);
  }
}

/** Bounds of one archive. */
export interface ZipLimits {
  /** Most entries (files and folders). */
  maxEntries: number;
  /** Most bytes all entries may inflate to, in total. */
  maxUncompressedBytes: number;
}

/** One file entry of a checked archive. */
export interface ZipFileEntry {
  /** Path inside the archive, `/`-separated, checked safe. */
  name: string;
  uncompressedBytes: number;
  /** yauzl's entry, for {@link extractZipEntries}. */
  entry: yauzl.Entry;
}

const UNIX_TYPE_MASK = 0o170000;
const UNIX_SYMLINK = 0o120000;

/**
 * Why an entry name is unsafe, or `null` when it is a plain relative path.
 * @param name the entry's file name as stored (folders end with `/`)
 */
export function unsafeEntryReason(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.length > 1024) return 'name longer than 1024 characters';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in name';
  if (name.includes('\\')) return 'backslash in name';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((segment) => segment === '..')) return '".." segment';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'empty or "." segment';
  if (segments.some((segment) => Buffer.byteLength(segment) > 255)) return 'name segment longer than 255 bytes';
  return null;
}

/**
 * Records a checked entry name in `files`/`folders` and says why it clashes with an earlier one, or `null`.
 * @param name a name that passed {@link unsafeEntryReason} (folders end with `/`)
 */
export function pathConflict(name: string, files: Set<string>, folders: Set<string>): string | null {
  const segments = name.replace(/\/$/, '').split('/');
  const isFolder = name.endsWith('/');
  for (let i = 1; i <= segments.length - (isFolder ? 0 : 1); i += 1) {
    const folder = segments.slice(0, i).join('/');
    if (files.has(folder)) return `entry ${JSON.stringify(folder.slice(0, 120))} is both a file and a folder`;
    folders.add(folder);
  }
  if (isFolder) return null;
  const file = segments.join('/');
  if (files.has(file)) return `duplicate entry ${JSON.stringify(file.slice(0, 120))}`;
  if (folders.has(file)) return `entry ${JSON.stringify(file.slice(0, 120))} is both a file and a folder`;
  files.add(file);
  return null;
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings + strictFileNames off: names are checked here, with our messages (yauzl would only say "invalid").
    yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: true, strictFileNames: false, validateEntrySizes: true }, (error, zip) =>
      error || !zip ? reject(new InputError(`zip: not a readable zip archive (${error?.message ?? 'no archive'})`, { context: { file: path.basename(file) } })) : resolve(zip),
    );
  });
}

/**
 * Lists and checks every entry of the archive at `file` (see module notes), then hands the open archive to `use`.
 * @returns what `use` returns; the archive is closed afterwards
 * @throws {InputError} for an unreadable archive or an unsafe entry (naming it and why)
 * @throws {ZipTooLargeError} for too many entries or too many declared bytes
 */
export async function withCheckedZip<T>(file: string, limits: ZipLimits, use: (entries: ZipFileEntry[], zip: yauzl.ZipFile) => Promise<T>): Promise<T> {
  const zip = await openZip(file);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new ZipTooLargeError(`zip: ${zip.entryCount} entries, at most ${limits.maxEntries} allowed`, { context: { entryCount: zip.entryCount } });
    }
    const entries: ZipFileEntry[] = [];
    const files = new Set<string>();
    const folders = new Set<string>();
    let totalBytes = 0;
    await new Promise<void>((resolve, reject) => {
      // yauzl checks names too (it rejects `..`, absolute paths and, after turning `\\` into `/`, backslash tricks).
      zip.on('error', (error: Error) =>
        reject(error instanceof GanTwinError ? error : new InputError(`zip: ${/relative path|absolute path/.test(error.message) ? 'unsafe entry: ' : ''}${error.message.slice(0, 200)}`)),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const reason = unsafeEntryReason(entry.fileName);
        if (reason) return reject(new InputError(`zip: unsafe entry: ${JSON.stringify(entry.fileName.slice(0, 120))}: ${reason}`, { context: { entry: entry.fileName.slice(0, 120) } }));
        if (((entry.externalFileAttributes >>> 16) & UNIX_TYPE_MASK) === UNIX_SYMLINK) {
          return reject(new InputError(`zip: unsafe entry: ${JSON.stringify(entry.fileName)}: symbolic link`, { context: { entry: entry.fileName } }));
        }
        const conflict = pathConflict(entry.fileName, files, folders);
        if (conflict) return reject(new InputError(`zip: ${conflict}`, { context: { entry: entry.fileName.slice(0, 120) } }));
        if (entry.isEncrypted()) return reject(new InputError(`zip: entry ${JSON.stringify(entry.fileName)} is encrypted`));
        totalBytes += entry.uncompressedSize;
        if (totalBytes > limits.maxUncompressedBytes) {
          return reject(new ZipTooLargeError(`zip: entries inflate to more than ${limits.maxUncompressedBytes} bytes (zip bomb?)`, { context: { maxUncompressedBytes: limits.maxUncompressedBytes } }));
        }
        if (!entry.fileName.endsWith('/')) entries.push({ name: entry.fileName, uncompressedBytes: entry.uncompressedSize, entry });
        zip.readEntry();
      });
      zip.readEntry();
    });
    zip.removeAllListeners();
    return await use(entries, zip);
  } finally {
    zip.close();
  }
}

function openEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(new InputError(`zip: cannot read ${entry.fileName}: ${error?.message}`)) : resolve(stream))));
}

/** A stream that counts bytes and fails past `budget.remaining`. */
function byteBudget(budget: { remaining: number }, name: string): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      budget.remaining -= chunk.length;
      if (budget.remaining < 0) return callback(new ZipTooLargeError(`zip: ${name} inflates past the size limit (zip bomb?)`));
      callback(null, chunk);
    },
  });
}

/**
 * The error of an entry that could not be inflated: ours as they are; the inflater's (corrupt data, a size differing
 * from the header) with its message; a file-system error by its code only (its message names the server's folder).
 */
function inflateError(item: ZipFileEntry, error: unknown): Error {
  if (error instanceof GanTwinError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.syscall ? (error as NodeJS.ErrnoException).code : undefined;
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new InputError(`zip: cannot inflate ${item.name}: ${reason}`, { cause: error });
}

/**
 * Inflates `entries` of an archive opened by {@link withCheckedZip} into `targetDir`, each to
 * `targetDir/<rename(name)>`, counting inflated bytes against `maxUncompressedBytes`.
 * @param rename maps a checked entry name to its relative output path (e.g. strips one top folder)
 * @throws {ZipTooLargeError} when the inflated bytes exceed the limit
 * @throws {InputError} when an entry cannot be inflated (corrupt data, size differing from its header)
 */
export async function extractZipEntries(
  zip: yauzl.ZipFile,
  entries: readonly ZipFileEntry[],
  targetDir: string,
  maxUncompressedBytes: number,
  rename: (name: string) => string = (name) => name,
): Promise<void> {
  const budget = { remaining: maxUncompressedBytes };
  for (const item of entries) {
    const relative = rename(item.name);
    const output = path.join(targetDir, ...relative.split('/'));
    await mkdir(path.dirname(output), { recursive: true });
    const stream = await openEntryStream(zip, item.entry);
    await pipeline(stream, byteBudget(budget, item.name), createWriteStream(output, { flags: 'wx' })).catch((error: unknown) => {
      throw inflateError(item, error);
    });
  }
}

/**
 * Inflates one entry into memory (small files: a Shapefile's parts), bounded by `maxBytes`.
 * @throws {ZipTooLargeError} past `maxBytes`; {@link InputError} for corrupt data
 */
export async function readZipEntry(zip: yauzl.ZipFile, item: ZipFileEntry, maxBytes: number): Promise<Buffer> {
  const stream = await openEntryStream(zip, item.entry);
  const chunks: Buffer[] = [];
  const budget = { remaining: maxBytes };
  await pipeline(stream, byteBudget(budget, item.name), async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) chunks.push(chunk);
  }).catch((error: unknown) => {
    throw inflateError(item, error);
  });
  return Buffer.concat(chunks);
}
