import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

/**
 * Precompressed siblings of the files browsers fetch: `<file>.br` (brotli) and `<file>.gz` (gzip) beside each, so
 * the tile routes answer with `Content-Encoding` without compressing per request (server/twin/tile-files.ts).
 *
 * Notes (2 cores; measured 2026-12-07 on Janesville restaurant's served files): meshopt GLBs (2.18 MB) give brotli
 * little beyond quality 9 — 803 KB in 0.25 s at 9, 771 KB in 2.6 s at 10, 749 KB in 5.5 s at 11 — while JSON text
 * does: properties.json (287 KB) → 51 KB at 9 in 0.05 s, 42 KB at 11 in 0.38 s. gzip level 9 → 919 KB in 0.11 s.
 * So within the first {@link PRECOMPRESS_DEFAULTS.bestQualityBytes} of a conversion (4 MiB covers every sample of
 * docs/bench-tiling.md whole) JSON files get brotli 11 and GLBs brotli 9, both gzip 9; after that brotli 5 and gzip 6
 * (a generated 300 MB IFC's 29 MB properties.json: brotli 9 → 0.89 MB in 3.4 s, 5 → 1.06 MB in 0.7 s; gzip 9 →
 * 3.81 MB in 1.7 s, 6 → 3.85 MB in 0.26 s). Brotli 11 on the GLBs too cost Janesville's conversion 2.6 s of its
 * 8.4 s for 7 % fewer bytes on the wire. Files are streamed (bounded memory), two at a time (zlib runs on libuv's
 * thread pool).
 * @see RFC 7932 (brotli), RFC 1952 (gzip), RFC 9110 §8.4 Content-Encoding
 */

/** Options of {@link Precompressor}. */
export interface PrecompressOptions {
  /** Brotli quality for JSON text while the running total stays within `bestQualityBytes` (0–11). */
  bestQuality: number;
  /** Brotli quality for binary files (GLB) within `bestQualityBytes` (0–11): meshopt output gains little above 9. */
  binaryQuality: number;
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
  binaryQuality: 9,
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
   * Queues `<filePath>.br` and `<filePath>.gz` (absolute path of a file already complete on disk; `.json` files
   * count as text for the brotli quality).
   * @param sizeBytes the file's size (for the quality budget and brotli's size hint)
   */
  add(filePath: string, sizeBytes: number): void {
    const isBest = sizeBytes <= this.budget;
    if (isBest) this.budget -= sizeBytes;
    const { bestQuality, binaryQuality, fastQuality, gzipLevel, fastGzipLevel } = this.opts;
    const brotliQuality = !isBest ? fastQuality : filePath.endsWith('.json') ? bestQuality : binaryQuality;
    this.queue.push(() => compressFile(filePath, brotliQuality, isBest ? gzipLevel : fastGzipLevel, sizeBytes));
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
