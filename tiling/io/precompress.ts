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

/** Options of {@link Precompressor}. */
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
 * Precompresses files as they are written: {@link add} queues a file (its quality decided by the budget, in the
 * order added) and starts it when a lane is free; the work runs on libuv's thread pool, so the caller goes on
 * building the next tile meanwhile (Janesville: 5.6 s of compression after the write stage became ≈ 3 s once
 * overlapped with it). {@link finish} waits for everything.
 */
export class Precompressor {
  private readonly opts: PrecompressOptions;
  private budget: number;
  private readonly queue: (() => Promise<number>)[] = [];
  private running = 0;
  private written = 0;
  private failure: unknown = null;
  private idle: (() => void)[] = [];

  constructor(options: Partial<PrecompressOptions> = {}) {
    this.opts = { ...PRECOMPRESS_DEFAULTS, ...options };
    this.budget = this.opts.bestQualityBytes;
  }

  /**
   * Queues `<filePath>.br` and `<filePath>.gz` (absolute path of a file already complete on disk).
   * @param sizeBytes the file's size (for the quality budget and brotli's size hint)
   */
  add(filePath: string, sizeBytes: number): void {
    const isBest = sizeBytes <= this.budget;
    if (isBest) this.budget -= sizeBytes;
    const { bestQuality, fastQuality, gzipLevel, fastGzipLevel } = this.opts;
    this.queue.push(() => compressFile(filePath, isBest ? bestQuality : fastQuality, isBest ? gzipLevel : fastGzipLevel, sizeBytes));
    this.pump();
  }

  private pump(): void {
    while (this.running < Math.max(1, this.opts.concurrency) && this.queue.length > 0 && this.failure === null) {
      const job = this.queue.shift()!;
      this.running += 1;
      job()
        .then((bytes) => {
          this.written += bytes;
        })
        .catch((error: unknown) => {
          this.failure ??= error;
        })
        .finally(() => {
          this.running -= 1;
          this.pump();
          if (this.running === 0 && (this.queue.length === 0 || this.failure !== null)) for (const resolve of this.idle.splice(0)) resolve();
        });
    }
  }

  /**
   * Waits for every queued file.
   * @returns bytes written (both siblings of every file)
   * @throws the first file-system error (siblings already written stay; the caller's staged directory is removed
   *   as a whole on failure)
   */
  async finish(): Promise<number> {
    if (this.running > 0 || (this.queue.length > 0 && this.failure === null)) await new Promise<void>((resolve) => this.idle.push(resolve));
    if (this.failure !== null) throw this.failure;
    return this.written;
  }
}
