import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/**
 * Precompressed siblings of the files browsers fetch: `<file>.br` (brotli) and `<file>.gz` (gzip) beside each, so
 * the tile routes answer with `Content-Encoding` without compressing per request (server/twin/tile-files.ts).
 *
 * Notes (2 cores): Janesville restaurant, 2.1 MB of meshopt GLBs: brotli quality 11 → 731 KB in 4.6 s, quality 9 →
 * 784 KB in 0.28 s, quality 5 → 799 KB in 0.06 s; gzip level 9 → 840 KB in 0.08 s. A generated 300 MB IFC's 29 MB
 * properties.json: brotli 9 → 0.89 MB in 3.4 s, 5 → 1.06 MB in 0.7 s; gzip 9 → 3.81 MB in 1.7 s, 6 → 3.85 MB in
 * 0.26 s. So the best settings (brotli 11, gzip 9) are spent on the first
 * {@link PRECOMPRESS_DEFAULTS.bestQualityBytes} of a conversion (4 MiB covers every sample of docs/bench-tiling.md
 * whole) and fast ones (brotli 5, gzip 6) after that: precompressing that 300 MB IFC's 60 MB of served files took
 * 68 s with quality 9 after 16 MiB, and takes ≈ 10 s now. Files are streamed (bounded memory), two at a time (zlib
 * runs on libuv's thread pool).
 * @see RFC 7932 (brotli), RFC 1952 (gzip), RFC 9110 §8.4 Content-Encoding
 */

/** Options of {@link precompressFiles}. */
export interface PrecompressOptions {
  /** Brotli quality for files while the running total stays within `bestQualityBytes` (0–11). */
  bestQuality: number;
  /** Brotli quality after that (0–11). */
  fastQuality: number;
  /** Bytes of input compressed at `bestQuality` per conversion. */
  bestQualityBytes: number;
  /** gzip level within `bestQualityBytes` (1–9). */
  gzipLevel: number;
  /** gzip level after that (1–9). */
  fastGzipLevel: number;
  /** Files compressed at once. */
  concurrency: number;
}

/** Defaults of {@link PrecompressOptions}. */
export const PRECOMPRESS_DEFAULTS: PrecompressOptions = {
  bestQuality: 11,
  fastQuality: 5,
  bestQualityBytes: 4 * 1024 * 1024,
  gzipLevel: 9,
  fastGzipLevel: 6,
  concurrency: 2,
};

/** Extensions of the siblings, in the order written. */
export const PRECOMPRESSED_EXTENSIONS = ['.br', '.gz'] as const;

async function compressFile(filePath: string, brotliQuality: number, gzipLevel: number, sizeBytes: number): Promise<number> {
  const brotli = createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: sizeBytes,
    },
  });
  await pipeline(createReadStream(filePath), brotli, createWriteStream(`${filePath}.br`));
  await pipeline(createReadStream(filePath), createGzip({ level: gzipLevel }), createWriteStream(`${filePath}.gz`));
  const [br, gz] = await Promise.all([stat(`${filePath}.br`), stat(`${filePath}.gz`)]);
  return br.size + gz.size;
}

/**
 * Writes `<file>.br` and `<file>.gz` beside each of `filePaths` (absolute), in order of the list for the quality
 * budget.
 * @returns bytes written (both siblings of every file)
 * @throws the file-system error of the first file that fails (siblings already written stay; the caller's staged
 *   directory is removed as a whole on failure)
 */
export async function precompressFiles(filePaths: readonly string[], options: Partial<PrecompressOptions> = {}): Promise<number> {
  const opts = { ...PRECOMPRESS_DEFAULTS, ...options };
  const sizes = await Promise.all(filePaths.map(async (f) => (await stat(f)).size));
  let budget = opts.bestQualityBytes;
  const jobs = filePaths.map((filePath, i) => {
    const isBest = sizes[i] <= budget;
    if (isBest) budget -= sizes[i];
    return () => compressFile(filePath, isBest ? opts.bestQuality : opts.fastQuality, isBest ? opts.gzipLevel : opts.fastGzipLevel, sizes[i]);
  });
  let written = 0;
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) written += await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, lane));
  return written;
}
