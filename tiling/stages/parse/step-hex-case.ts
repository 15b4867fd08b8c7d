import { Buffer } from 'node:buffer';
import type { StageContext } from '../../stage-context';
import { IfcParseError } from '../../errors';
import { decodeStepString } from './step-string';

/**
 * Upper-cases the hex digits of STEP string escapes (`\X\hh`, `\X2\…\X0\`, `\X4\…\X0\`) in the file bytes
 * before web-ifc opens them, and finds malformed escapes.
 *
 * Notes:
 * - web-ifc 0.0.78 decodes the DATA section's strings itself and returns `''` for the whole literal when a hex
 *   digit is lower case (`'\X2\4e2d6587\X0\'` → `''`, `'a\X\e4b'` → `''`; upper case gives `中文`, `aäb`) or
 *   when an escape is malformed. It does not expose the raw text of a line, so re-decoding its values is not
 *   possible; rewriting `a`–`f` to `A`–`F` inside escapes keeps every byte offset and lets web-ifc decode all
 *   text (names, property values, materials, the spatial tree) the same way.
 * - The bytes are copied only when a lower-case digit is found (the input stays untouched); files without one
 *   are returned as they are. Measured (cold, first call in the process): FZK-Haus 2.6 MB with 17,240
 *   backslashes 9 ms, janesville 26.9 MB 1.7 ms, a synthetic 20 MB of lower-case Chinese escapes (454,546
 *   rewritten) 150–250 ms, against ≈ 1 s and more for web-ifc to open and stream the same files.
 * - Backslashes occur only inside string literals (and comments), so the scan jumps from `\` to `\` with
 *   `Buffer.indexOf`, stepping over `\\`, `\S\c` (whose `c` may be a backslash) and `\P?\` so that it stays
 *   aligned with the directives.
 * - A malformed escape is left as it is (web-ifc still reads its literal as `''`) and reported with the
 *   message of {@link decodeStepString}, naming the entity `#n` when the line starts with `#n=`.
 */

const BACKSLASH = 0x5c;
const S = 0x53;
const P = 0x50;
const X = 0x58;
const ZERO = 0x30;
const TWO = 0x32;
const FOUR = 0x34;
const QUOTE = 0x27;
const NEWLINE = 0x0a;
const LATIN1 = new TextDecoder('latin1');
/** Bytes of a malformed escape handed to the decoder for its reason (up to the closing quote). */
const MAX_SEGMENT = 200;
/** Bytes searched back from a malformed escape for the start of its line. */
const MAX_LINE = 65_536;
/** Malformed escapes listed one by one in the report; the rest are counted. */
const MAX_LISTED = 5;

/** One escape the scan could not read. */
export interface MalformedStepEscape {
  /** Byte offset of its backslash in the file. */
  offset: number;
  /** `#n` of the entity whose line holds it, when the line starts with `#n=`; null otherwise. */
  expressId: number | null;
  /** Why, in {@link decodeStepString}'s words (e.g. `… has 3 hex digits, not a multiple of 4 …`). */
  reason: string;
}

/** What {@link upperCaseStepHex} found. */
export interface StepHexCaseResult {
  /** The input itself when nothing changed; otherwise a copy with `a`–`f` → `A`–`F` inside escapes. */
  bytes: Uint8Array;
  /** Escapes whose hex digits were rewritten. */
  upperCased: number;
  /** Escapes that are not well formed, in file order. */
  malformed: MalformedStepEscape[];
}

function isHexDigit(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));
}

function isLowerHexLetter(byte: number): boolean {
  return byte >= 0x61 && byte <= 0x66;
}

/** `#n` of the entity whose line contains `offset`, when that line starts with `#n=` within {@link MAX_LINE}. */
function entityAt(bytes: Uint8Array, offset: number): number | null {
  const from = Math.max(0, offset - MAX_LINE);
  const lineStart = from + bytes.subarray(from, offset).lastIndexOf(NEWLINE) + 1;
  if (lineStart === from && from > 0) return null; // the line is longer than MAX_LINE
  const head = LATIN1.decode(bytes.subarray(lineStart, Math.min(offset, lineStart + 24)));
  const match = /^\s*#(\d+)\s*=/.exec(head);
  return match ? Number(match[1]) : null;
}

/** The decoder's reason for a malformed escape starting at `offset` (its text up to the closing quote). */
function reasonAt(bytes: Uint8Array, offset: number): string {
  const window = bytes.subarray(offset, offset + MAX_SEGMENT);
  const quote = window.indexOf(QUOTE);
  const segment = LATIN1.decode(quote < 0 ? window : window.subarray(0, quote));
  try {
    decodeStepString(segment);
  } catch (error) {
    if (error instanceof IfcParseError) return error.message;
    throw error;
  }
  return `STEP string: escape '${segment}' cannot be read`;
}

/**
 * Rewrites lower-case hex digits of well-formed `\X\hh`, `\X2\hhhh…\X0\` and `\X4\hhhhhhhh…\X0\` escapes to
 * upper case, byte for byte (offsets unchanged), and lists the escapes that are not well formed.
 *
 * @param bytes the whole STEP file (UTF-8 or ISO 8859-1; escapes are ASCII)
 * @returns the bytes to hand to web-ifc (the input itself when nothing changed), the number of rewritten
 *   escapes and the malformed ones (left unchanged)
 * @see ISO 10303-21:2016 §6.4.3 (string encoding: `\X\`, `\X2\`, `\X4\`, `\X0\`)
 */
export function upperCaseStepHex(bytes: Uint8Array): StepHexCaseResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out: Uint8Array | null = null;
  let upperCased = 0;
  const malformed: MalformedStepEscape[] = [];
  const rewrite = (from: number, to: number) => {
    let changed = false;
    for (let k = from; k < to; k += 1) {
      if (!isLowerHexLetter(bytes[k])) continue;
      out ??= bytes.slice();
      out[k] = bytes[k] - 0x20;
      changed = true;
    }
    if (changed) upperCased += 1;
  };
  const flag = (offset: number) => malformed.push({ offset, expressId: entityAt(bytes, offset), reason: reasonAt(bytes, offset) });

  let p = buffer.indexOf(BACKSLASH);
  while (p >= 0) {
    const d = bytes[p + 1];
    const e = bytes[p + 2];
    let next = p + 1;
    if (d === BACKSLASH) {
      next = p + 2;
    } else if ((d === S && e === BACKSLASH) || (d === P && bytes[p + 3] === BACKSLASH)) {
      next = p + 4; // \S\c (c may be a backslash), \P?\
    } else if (d === X && e === BACKSLASH) {
      if (isHexDigit(bytes[p + 3]) && isHexDigit(bytes[p + 4])) {
        rewrite(p + 3, p + 5);
        next = p + 5;
      } else {
        flag(p);
        next = p + 3; // the next backslash may start an escape of its own (`\X\E\X\41`)
      }
    } else if (d === X && (e === TWO || e === FOUR) && bytes[p + 3] === BACKSLASH) {
      let k = p + 4;
      while (isHexDigit(bytes[k])) k += 1;
      const closes = bytes[k] === BACKSLASH && bytes[k + 1] === X && bytes[k + 2] === ZERO && bytes[k + 3] === BACKSLASH;
      if (closes && (k - (p + 4)) % (e === TWO ? 4 : 8) === 0) {
        rewrite(p + 4, k);
        next = k + 4;
      } else {
        flag(p);
        next = closes ? k + 4 : k;
      }
    }
    p = buffer.indexOf(BACKSLASH, next);
  }
  return { bytes: out ?? bytes, upperCased, malformed };
}

/**
 * {@link upperCaseStepHex} for the `parse` stage: returns the bytes web-ifc should open and puts one report
 * warning per malformed escape (the first {@link MAX_LISTED}, then a count) into `ctx.report`.
 *
 * @param bytes the whole STEP file
 * @param fileName used in the debug log line
 * @param ctx report (warnings start with `parse:`) and logger
 * @returns the bytes to open (the input itself when no hex digit was lower case)
 * @see ISO 10303-21:2016 §6.4.3
 */
export function withUpperCaseStepHex(bytes: Uint8Array, fileName: string, ctx: Pick<StageContext, 'report' | 'logger'>): Uint8Array {
  const result = upperCaseStepHex(bytes);
  if (result.upperCased > 0) ctx.logger.debug(`parse: ${fileName}: upper-cased the hex digits of ${result.upperCased} string escapes`);
  for (const escape of result.malformed.slice(0, MAX_LISTED)) {
    const where = escape.expressId === null ? `byte ${escape.offset}` : `#${escape.expressId}`;
    ctx.report.warn(`parse: ${where}: malformed string escape, web-ifc reads the whole string as empty (${escape.reason})`);
  }
  if (result.malformed.length > MAX_LISTED) {
    ctx.report.warn(`parse: ${result.malformed.length - MAX_LISTED} more malformed string escapes (strings read as empty)`);
  }
  return result.bytes;
}
