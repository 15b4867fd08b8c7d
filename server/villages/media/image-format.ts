/**
 * Recognising an uploaded image by its first bytes (never by its name or declared type): the four formats the
 * village museum accepts, and the usual impostors named so that a refusal says what the file really is.
 *
 * Notes: signatures from the format specifications — JPEG (ITU T.81 SOI `FF D8 FF`), PNG (RFC 2083 §3.1),
 * WebP (RIFF container, `WEBP` form type), AVIF (ISO BMFF `ftyp` box with major or compatible brand `avif`/`avis`,
 * AV1 Image File Format §9.1); HEIC shares the container and is refused. The sniff happens before any decoder
 * sees the bytes, so an SVG (an XML document that librsvg would parse) or a script never reaches one.
 */

/** Formats accepted for village media. */
export const ACCEPTED_IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const;
export type AcceptedImageFormat = (typeof ACCEPTED_IMAGE_FORMATS)[number];

/** What the first bytes say: an accepted format, or the name of what it is instead (`unknown` when unrecognised). */
export type SniffedFormat = { accepted: true; format: AcceptedImageFormat } | { accepted: false; format: string };

const ascii = (bytes: Uint8Array, start: number, length: number): string => String.fromCharCode(...bytes.subarray(start, start + length));

/** ISO BMFF brands of the leading `ftyp` box (major brand, then compatible brands), or `[]` without one. */
function ftypBrands(bytes: Uint8Array): string[] {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return [];
  const boxSize = Math.min(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0, bytes.length, 256);
  const brands = [ascii(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, 4));
  return brands;
}

/** The text at the start of a file, BOM and leading white space removed, lower case (first 256 bytes). */
function leadingText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
}

/**
 * The format of an image file from its first bytes.
 * @param bytes the file (only the first 256 bytes are read)
 * @returns `{ accepted: true, format }` for JPEG, PNG, WebP or AVIF; otherwise `{ accepted: false, format }` with a
 *   name such as `svg`, `gif`, `heic`, `php`, `html`, `pdf` or `unknown`
 */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { accepted: true, format: 'jpeg' };
  if (bytes.length >= 8 && ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return { accepted: true, format: 'png' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return { accepted: true, format: 'webp' };
  const brands = ftypBrands(bytes);
  if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return { accepted: true, format: 'avif' };
  if (brands.some((brand) => ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1'].includes(brand))) return { accepted: false, format: 'heic' };
  if (brands.length > 0) return { accepted: false, format: `iso-bmff (${brands[0].trim() || 'no brand'})` };
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(bytes, 0, 6))) return { accepted: false, format: 'gif' };
  if (bytes.length >= 4 && (ascii(bytes, 0, 4) === 'II*\0' || ascii(bytes, 0, 4) === 'MM\0*')) return { accepted: false, format: 'tiff' };
  if (bytes.length >= 2 && ascii(bytes, 0, 2) === 'BM') return { accepted: false, format: 'bmp' };
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === '%PDF-') return { accepted: false, format: 'pdf' };
  if (bytes.length >= 4 && ascii(bytes, 0, 4) === 'PK\x03\x04') return { accepted: false, format: 'zip' };
  const text = leadingText(bytes);
  if (text.startsWith('<?php') || text.includes('<?php')) return { accepted: false, format: 'php' };
  if (/<svg[\s>]/.test(text)) return { accepted: false, format: 'svg' };
  if (text.startsWith('<?xml')) return { accepted: false, format: 'xml' };
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return { accepted: false, format: 'html' };
  return { accepted: false, format: 'unknown' };
}
