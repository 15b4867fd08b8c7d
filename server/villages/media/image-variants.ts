import { createHash } from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { GanTwinError, InputError } from '@kernel/errors';
import type { MediaVariant } from '@server/db/schema/villages';
import { sniffImageFormat, type AcceptedImageFormat } from './image-format';

/**
 * Turning uploaded image bytes into the responsive variants the village pages serve: validated by content,
 * oriented, stripped of every metadata block, resized (never enlarged) and encoded as AVIF, WebP and JPEG.
 *
 * Notes:
 * - Validation: the first bytes must be JPEG, PNG, WebP or AVIF (./image-format.ts) and sharp's decoder must agree;
 *   the name and the declared type of the upload are ignored. Animated images (several pages) are refused.
 * - Privacy: the source is decoded once to raw pixels (EXIF orientation applied, an embedded ICC profile converted
 *   to sRGB), and every variant is encoded from those raw pixels, so no EXIF (GPS, camera serial), XMP, IPTC or
 *   ICC block can reach a variant; image-variants.test.ts checks it on a JPEG carrying EXIF GPS.
 * - Bounds: `maxBytes` (VILLAGES_MEDIA_MAX_BYTES) and `maxInputPixels` (sharp `limitInputPixels`, default 100 MP:
 *   a 14 000 × 7 000 panorama) are checked before decoding; decoding happens once, at the largest target width.
 * - Encoders: AVIF q50 effort 2 4:2:0, WebP q78 effort 4, JPEG q82 progressive with optimised Huffman tables
 *   (the universal `<img src>` fallback, flattened onto white when the source has transparency). Variants are
 *   encoded one after the other: encoding the three formats at once cost ≈ 30 % more CPU and ≈ 85 MB more peak
 *   memory on the 2-core build machine, for no gain there. mozjpeg saved ≈ 25 % of the JPEG bytes but took ≈ 10×
 *   the time (0.76 s vs 0.12 s at 4096 px); AVIF 4:4:4 (sharp's default) took ≈ 75 MB more memory.
 * - Measured (2-core build machine, load average ≈ 12 from parallel builds, so wall times are inflated; CPU time
 *   of the process and peak RSS including Node's ≈ 127 MB): a 4096 × 2048 panorama 2.9 s CPU, 12.8 s wall, 392 MB;
 *   a 4000 × 3000 JPEG photo 1.0 s CPU, 3.9 s wall, 207 MB. Bytes (AVIF / WebP / JPEG, generated scenes; camera
 *   photos with more detail give more): panorama 4096 px 28 / 58 / 250 kB, 2048 px 13 / 24 / 95 kB; photo 1600 px
 *   17 / 19 / 105 kB, 960 px 8 / 10 / 40 kB, 480 px 5 / 5 / 15 kB.
 * - Memory: with glibc's allocator a process that encodes panoramas repeatedly keeps growing its RSS (≈ 720 MB
 *   after 9 panoramas standalone, ≈ 900 MB in `next start` after 5 uploads) while the JS heap stays ≈ 8 MB: arena
 *   fragmentation, not a leak (sharp limits its own threads on glibc for the same reason). `MALLOC_ARENA_MAX=2`
 *   kept it at ≈ 350 MB in the same run; set it (or preload jemalloc) for the web server that takes uploads.
 */

/** Photo or equirectangular panorama (`villages_media.kind`). */
export type MediaKind = 'photo' | 'panorama';

/** Widths of photo variants, px (a phone, a laptop, a large screen). */
export const PHOTO_WIDTHS_PX = [480, 960, 1600] as const;
/** Widths of panorama variants, px (phones; desktops). */
export const PANORAMA_WIDTHS_PX = [2048, 4096] as const;
/** Encoded formats, best first (the order of `<source>` elements); JPEG last, the fallback. */
export const VARIANT_FORMATS = ['avif', 'webp', 'jpeg'] as const satisfies readonly MediaVariant['format'][];

/** Knobs of {@link buildImageVariants}. */
export interface ImageVariantsOptions {
  /** Largest input, bytes (VILLAGES_MEDIA_MAX_BYTES, default 25 MiB). */
  maxBytes: number;
  /** Largest input, pixels (width × height), refused before decoding. */
  maxInputPixels: number;
  /** Allowed relative deviation of a panorama's width/height from 2 (0.01 = ±1 %). */
  panoramaAspectTolerance: number;
  /** Narrowest panorama, px (narrower ones look blurred in the viewer). */
  minPanoramaWidthPx: number;
  /** Narrowest photo, px. */
  minPhotoWidthPx: number;
}

/** Default knobs (maxBytes as the env default). */
export const IMAGE_VARIANTS_DEFAULTS = {
  maxBytes: 25 * 1024 ** 2,
  maxInputPixels: 100_000_000,
  panoramaAspectTolerance: 0.01,
  minPanoramaWidthPx: 2048,
  minPhotoWidthPx: 320,
} satisfies ImageVariantsOptions;

/** One encoded variant with its bytes, to be stored under `variant.key`. */
export interface VariantFile {
  variant: MediaVariant;
  contentType: string;
  data: Buffer;
}

/** What {@link buildImageVariants} returns: the `villages_media` fields it decides, and the bytes to store. */
export interface ImageVariants {
  /** SHA-256 (hex) of the input bytes. */
  sourceSha256: string;
  /** Oriented size of the source, px. */
  width: number;
  height: number;
  /** The detected input format. */
  sourceFormat: AcceptedImageFormat;
  /** Variants by width ascending, each width in {@link VARIANT_FORMATS} order. */
  variants: MediaVariant[];
  files: VariantFile[];
}

/** An image over the byte or pixel limit (HTTP 413). */
export class ImageTooLargeError extends GanTwinError {
  constructor(message: string, options?: { context?: Record<string, unknown> }) {
    super('TOO_LARGE', message, options);
  }
}

const CONTENT_TYPES: Record<MediaVariant['format'], string> = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' };
const FORMAT_NAMES: Record<AcceptedImageFormat, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF' };

/** The object key of a variant: `villages/media/<sha256>/<width>.<format>` (content-addressed, never overwritten with other content). */
export function mediaVariantKey(sourceSha256: string, widthPx: number, format: MediaVariant['format']): string {
  return `villages/media/${sourceSha256}/${widthPx}.${format}`;
}

/** SHA-256 (hex) of bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The variant widths for a source `sourceWidthPx` wide: the kind's widths below it, and the source width itself
 * when it is below the kind's largest width (never enlarged). E.g. photo 4000 → 480, 960, 1600; photo 1200 →
 * 480, 960, 1200; panorama 3000 → 2048, 3000.
 */
export function variantWidthsPx(kind: MediaKind, sourceWidthPx: number): number[] {
  const widths: readonly number[] = kind === 'panorama' ? PANORAMA_WIDTHS_PX : PHOTO_WIDTHS_PX;
  const largest = Math.min(sourceWidthPx, widths[widths.length - 1]);
  return [...widths.filter((width) => width < largest), largest];
}

/** The decoder's name of an accepted format (sharp says `heif` + `av1` for AVIF). */
function decodedFormat(metadata: Metadata): string {
  if (metadata.format === 'heif') return metadata.compression === 'av1' ? 'avif' : `heif (${metadata.compression ?? 'unknown'})`;
  return metadata.format;
}

function encode(pipeline: Sharp, format: MediaVariant['format'], hasAlpha: boolean): Sharp {
  if (format === 'avif') return pipeline.avif({ quality: 50, effort: 2, chromaSubsampling: '4:2:0' });
  if (format === 'webp') return pipeline.webp({ quality: 78, effort: 4 });
  return (hasAlpha ? pipeline.flatten({ background: '#ffffff' }) : pipeline).jpeg({ quality: 82, progressive: true, optimiseCoding: true });
}

/**
 * Validates an uploaded image by its content and encodes its variants (see the module notes).
 * @param bytes the uploaded file, whole
 * @param kind `panorama` requires an equirectangular image: width/height = 2 (± `panoramaAspectTolerance`)
 * @returns the source hash and oriented size, the variant records and their bytes (keys {@link mediaVariantKey})
 * @throws {ImageTooLargeError} over `maxBytes` or `maxInputPixels`
 * @throws {InputError} not JPEG/PNG/WebP/AVIF (naming the detected format), unreadable, animated, too narrow, or
 *   a panorama that is not 2:1
 * @example const { variants, files } = await buildImageVariants(bytes, 'photo', { ...IMAGE_VARIANTS_DEFAULTS, maxBytes });
 * @see https://sharp.pixelplumbing.com/api-constructor (limitInputPixels, autoOrient)
 */
export async function buildImageVariants(bytes: Buffer, kind: MediaKind, options: ImageVariantsOptions = IMAGE_VARIANTS_DEFAULTS): Promise<ImageVariants> {
  if (bytes.byteLength === 0) throw new InputError('image: the file is empty');
  if (bytes.byteLength > options.maxBytes) {
    throw new ImageTooLargeError(`image: ${bytes.byteLength} bytes exceed the limit of ${options.maxBytes} bytes`, { context: { bytes: bytes.byteLength, maxBytes: options.maxBytes } });
  }
  const sniffed = sniffImageFormat(bytes);
  if (!sniffed.accepted) throw new InputError(`image: the file is ${sniffed.format === 'unknown' ? 'not a recognised image' : `a ${sniffed.format} file`} (detected by content), not JPEG, PNG, WebP or AVIF`, { context: { detectedFormat: sniffed.format } });
  const input = { limitInputPixels: options.maxInputPixels, failOn: 'error' as const };
  // Header only (no pixels decoded): the pixel limit is checked below with a clearer message than sharp's.
  const metadata = await sharp(bytes, { ...input, limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw new InputError(`image: the ${FORMAT_NAMES[sniffed.format]} file cannot be read (${error instanceof Error ? error.message : String(error)})`, { context: { detectedFormat: sniffed.format }, cause: error });
    });
  const decoded = decodedFormat(metadata);
  if (decoded !== sniffed.format) throw new InputError(`image: the file starts like ${FORMAT_NAMES[sniffed.format]} but decodes as ${decoded}`, { context: { detectedFormat: decoded } });
  if ((metadata.pages ?? 1) > 1) throw new InputError(`image: animated or multi-page ${FORMAT_NAMES[sniffed.format]} (${metadata.pages} frames) is not accepted; upload one still image`);
  if (metadata.width * metadata.height > options.maxInputPixels) {
    throw new ImageTooLargeError(`image: ${metadata.width} × ${metadata.height} px exceeds the limit of ${options.maxInputPixels} pixels`, { context: { width: metadata.width, height: metadata.height } });
  }
  const { width, height } = metadata.autoOrient;
  if (kind === 'panorama') {
    const deviation = Math.abs(width / height - 2) / 2;
    if (deviation > options.panoramaAspectTolerance) {
      throw new InputError(`image: a panorama must be equirectangular, 2:1 (±${options.panoramaAspectTolerance * 100} %); this one is ${width} × ${height} px (${(width / height).toFixed(3)}:1)`, { context: { width, height } });
    }
  }
  const minWidth = kind === 'panorama' ? options.minPanoramaWidthPx : options.minPhotoWidthPx;
  if (width < minWidth) throw new InputError(`image: a ${kind} must be at least ${minWidth} px wide; this one is ${width} px`, { context: { width, minWidth } });

  const sourceSha256 = sha256Hex(bytes);
  const widths = variantWidthsPx(kind, width);
  // Decode once, oriented and in sRGB, at the largest target width: raw pixels carry no metadata at all.
  const raw = await sharp(bytes, input)
    .autoOrient()
    .resize({ width: widths[widths.length - 1], withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((error: unknown) => {
      throw new InputError(`image: the ${FORMAT_NAMES[sniffed.format]} file cannot be decoded (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    });
  const rawInput = { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } };
  const hasAlpha = raw.info.channels === 4 || raw.info.channels === 2;
  const files: VariantFile[] = [];
  for (const targetWidth of widths) {
    for (const format of VARIANT_FORMATS) {
      const resized = sharp(raw.data, rawInput).resize({ width: targetWidth, withoutEnlargement: true });
      const out = await encode(resized, format, hasAlpha).toBuffer({ resolveWithObject: true });
      const variant: MediaVariant = { key: mediaVariantKey(sourceSha256, targetWidth, format), format, width: out.info.width, height: out.info.height, bytes: out.data.byteLength };
      files.push({ variant, contentType: CONTENT_TYPES[format], data: out.data });
    }
  }
  return { sourceSha256, width, height, sourceFormat: sniffed.format, variants: files.map((file) => file.variant), files };
}
