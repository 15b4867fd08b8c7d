import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { unzipSync } from 'fflate';
import { InputError } from '@kernel/errors';

/** The bytes of one IFC file, ready for the `parse` stage. */
export interface IfcInput {
  /** The STEP text, exactly as stored (unzipped when the input was a zip). */
  bytes: Uint8Array;
  /** Name of the `.ifc` file (inside the zip when zipped), without folders. */
  fileName: string;
  /** SHA-256 of `bytes` (the unzipped IFC), lower-case hex. */
  sha256: string;
}

/** Every IFC file starts with this magic (after an optional UTF-8 BOM and white space). */
const STEP_MAGIC = 'ISO-10303-21;';

/**
 * Reads an IFC model from disk: a plain `.ifc`, or an `.ifczip` / `.zip` that holds exactly one `.ifc`.
 *
 * @param path file path (absolute or relative to the working directory)
 * @returns the IFC bytes, the IFC file name and its SHA-256
 * @throws {InputError} when the file is missing or unreadable, the extension is not `.ifc`/`.ifczip`/`.zip`,
 *   the archive is broken or holds zero or several `.ifc` files, or the content does not start with
 *   `ISO-10303-21;` (message names the file)
 * @see ISO 10303-21 §5 (exchange structure), buildingSMART ifcZIP
 */
export async function readIfcInput(path: string): Promise<IfcInput> {
  let fileBytes: Uint8Array;
  try {
    fileBytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'error');
    throw new InputError(`${path}: cannot read input file: ${reason}`, {
      context: { file: path },
      cause,
    });
  }
  const extension = extname(path).toLowerCase();
  let bytes: Uint8Array;
  let fileName: string;
  if (extension === '.ifc') {
    bytes = fileBytes;
    fileName = basename(path);
  } else if (extension === '.ifczip' || extension === '.zip') {
    ({ bytes, fileName } = unzipSingleIfc(path, fileBytes));
  } else {
    throw new InputError(`${path}: expected an .ifc, .ifczip or .zip file, got "${extension || 'no extension'}"`, {
      context: { file: path },
    });
  }
  assertStepMagic(bytes, fileName === basename(path) ? path : `${path}!${fileName}`);
  return { bytes, fileName, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function unzipSingleIfc(path: string, zipBytes: Uint8Array): { bytes: Uint8Array; fileName: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zipBytes, { filter: (file) => file.name.toLowerCase().endsWith('.ifc') && !file.name.endsWith('/') });
  } catch (cause) {
    throw new InputError(`${path}: not a readable zip archive (${(cause as Error).message})`, { context: { file: path }, cause });
  }
  const names = Object.keys(entries).filter((name) => !basename(name).startsWith('._'));
  if (names.length !== 1) {
    throw new InputError(
      `${path}: a zip must hold exactly one .ifc file, found ${names.length}${names.length ? ` (${names.join(', ')})` : ''}`,
      { context: { file: path, entries: names } },
    );
  }
  const name = names[0];
  return { bytes: entries[name], fileName: basename(name) };
}

function assertStepMagic(bytes: Uint8Array, label: string): void {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  while (start < bytes.length && (bytes[start] === 0x20 || bytes[start] === 0x0a || bytes[start] === 0x0d || bytes[start] === 0x09)) start += 1;
  const head = new TextDecoder('latin1').decode(bytes.subarray(start, start + STEP_MAGIC.length));
  if (head !== STEP_MAGIC) {
    throw new InputError(`${label}: not an IFC file (expected it to start with "${STEP_MAGIC}", found "${head.replace(/[^\x20-\x7e]/g, '?')}")`, {
      context: { file: label },
    });
  }
}
