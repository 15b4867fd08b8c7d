import { IfcParseError } from '../../errors';
import { decodeStepString } from './step-string';

/**
 * Checks on the raw STEP text that web-ifc does not make: web-ifc 0.0.78 opens a truncated file without
 * complaint (half of FZK-Haus gives 62 of 83 meshes) and throws a bare TypeError on non-STEP bytes.
 */

const MAGIC = 'ISO-10303-21;';
const TRAILER = 'END-ISO-10303-21;';
/** Bytes of the file's head searched for the HEADER section. */
const HEAD_BYTES = 65_536;
/** Bytes of the file's tail searched for the trailer and the last complete entity. */
const TAIL_BYTES = 65_536;

const latin1 = new TextDecoder('latin1');

/**
 * Reads the schema identifiers of `FILE_SCHEMA(('IFC4X3_ADD2'))` from the HEADER section.
 *
 * @param bytes the whole STEP file
 * @param fileName used in error messages
 * @returns the identifiers as written (usually one), decoded
 * @throws {IfcParseError} when the file does not start with `ISO-10303-21;` or has no FILE_SCHEMA
 * @see ISO 10303-21 §8.2.3 (file_schema)
 */
export function readFileSchema(bytes: Uint8Array, fileName: string): string[] {
  const head = latin1.decode(bytes.subarray(0, HEAD_BYTES));
  const start = head.indexOf(MAGIC);
  if (start < 0 || head.slice(0, start).replace(/^\uFEFF|^ï»¿/, '').trim() !== '') {
    throw new IfcParseError(`${fileName}: not an IFC file (it must start with "${MAGIC}")`, { context: { file: fileName } });
  }
  const match = /FILE_SCHEMA\s*\(\s*\(([^)]*)\)\s*\)/i.exec(head);
  if (!match) {
    throw new IfcParseError(`${fileName}: HEADER has no FILE_SCHEMA(('…')) entry`, { context: { file: fileName } });
  }
  const names = [...match[1].matchAll(/'((?:[^']|'')*)'/g)].map((m) => decodeStepString(m[1]).trim());
  if (names.length === 0) {
    throw new IfcParseError(`${fileName}: FILE_SCHEMA is empty`, { context: { file: fileName } });
  }
  return names;
}

/**
 * Throws when the file does not end with `END-ISO-10303-21;` (a truncated download or copy), naming the last
 * complete `#n=` entity so the user can see how far the file got.
 *
 * @param bytes the whole STEP file
 * @param fileName used in the message
 * @throws {IfcParseError} with `context.lastCompleteEntity` (express id) when known
 * @see ISO 10303-21 §5 (exchange structure)
 */
export function assertCompleteStepFile(bytes: Uint8Array, fileName: string): void {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)));
  // Some writers put a few bytes (white space, NUL, a comment) after the trailer: accept up to 1 KiB.
  const trailerAt = tail.lastIndexOf(TRAILER);
  if (trailerAt >= 0 && tail.length - trailerAt <= 1024) return;
  const lines = tail.split(/\r?\n/);
  // The first line of the tail may start mid-line; the last line is the incomplete one.
  let lastComplete: { id: number; entity: string } | null = null;
  for (let i = lines.length - 1; i >= 1; i -= 1) {
    const m = /^\s*#(\d+)\s*=\s*([A-Z0-9_]+)\s*\(.*\)\s*;\s*$/i.exec(lines[i]);
    if (m) {
      lastComplete = { id: Number(m[1]), entity: m[2].toUpperCase() };
      break;
    }
  }
  const where = lastComplete
    ? `; the last complete entity is #${lastComplete.id}=${lastComplete.entity}, the text after it is cut off`
    : '';
  throw new IfcParseError(`${fileName}: truncated STEP file (it does not end with "${TRAILER}")${where}`, {
    context: { file: fileName, lastCompleteEntity: lastComplete?.id ?? null, bytes: bytes.length },
  });
}
