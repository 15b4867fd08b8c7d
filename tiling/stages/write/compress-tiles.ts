/**
 * Optional stage after `write`: reorders vertices, quantises (KHR_mesh_quantization) and applies meshopt
 * compression (EXT_meshopt_compression) to every tile GLB. Other files pass through unchanged.
 *
 * Notes (see the write stage's Notes for the measured bytes)
 * - Positions: quantize-positions.ts, per mesh on a fixed grid of 2 × maxPositionErrorM (1 mm error by default),
 *   SHORT steps; a mesh wider than ±32 767 steps (65 m half-extent) keeps float32 positions relative to the tile
 *   centre (0.1 mm at 2 km). With ADD refinement upper-tile content stays on screen at every distance, so the
 *   grid may not coarsen with tile size (seen on the San Martino–Tufara railway: a fixed 14 bits over a 2 km
 *   half-extent put root vertices 13.5 cm off). Until 2026-11-30 glTF-Transform's `quantize` (one bit count per
 *   document, normalized, bit-replicated low bits) was used; with the fixed grid janesville went 1 516 →
 *   1 290 KB, FZK-Haus 113 → 100 KB, duplex 216 → 193 KB, and compress got faster.
 * - Normals use meshopt's octahedral filter at 8 bits. `level: 'high'` (filters) beats 'medium' on size.
 * - Only POSITION (and NORMAL for 'medium') are quantised: `_FEATURE_ID_0` stays exact integers.
 */
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { quantize, reorder, weld } from '@gltf-transform/functions';
import type { OutputFile } from '@tiling/io/output-file';
import type { StageContext } from '@tiling/stage-context';
import { withDefaults } from '@tiling/with-defaults';
import { InputError } from '@kernel/errors';
import { quantizePositions } from './quantize-positions';
import { createTileIO } from './tile-io';
import type { TileDocumentFile } from './write';

/** Options of the `compressTiles` stage; see {@link COMPRESS_DEFAULTS}. */
export interface CompressOptions {
  /** Apply EXT_meshopt_compression; false = weld + KHR_mesh_quantization only. */
  meshopt?: boolean;
  /** meshopt level: 'high' uses filters (smaller), 'medium' plain quantisation. */
  level?: 'medium' | 'high';
  /** Largest position rounding error, metres (> 0): half the grid step; meshes beyond ±32 767 steps stay float32. */
  maxPositionErrorM?: number;
  /** Normal bits per component, 8..16 ('high' caps at 8, octahedral). */
  quantizeNormalBits?: number;
}

/** Defaults of {@link CompressOptions}. */
export const COMPRESS_DEFAULTS = {
  meshopt: true,
  level: 'high',
  maxPositionErrorM: 0.001,
  quantizeNormalBits: 8,
} satisfies Required<CompressOptions>;

/** `StageContext` plus the meshopt codecs (injected; `await MeshoptEncoder.ready` / `MeshoptDecoder.ready` first). */
export interface CompressContext extends StageContext {
  meshoptEncoder: unknown;
  /** Only needed when the input GLBs are already meshopt-compressed (`write` never produces such). */
  meshoptDecoder?: unknown;
}

/**
 * Compresses every `.glb` of `files` (returns new file objects; non-GLB files are passed through).
 * @throws {InputError} when the bit counts are out of range
 * @example const compressed = await compressTiles(written.files, {}, { ...ctx, meshoptEncoder, meshoptDecoder });
 * @see KHR_mesh_quantization, EXT_meshopt_compression
 */
export async function compressTiles(
  files: readonly OutputFile[],
  options: CompressOptions,
  ctx: CompressContext,
): Promise<OutputFile[]> {
  const io = createTileIO({ decoder: ctx.meshoptDecoder });
  const tiles: TileDocumentFile[] = [];
  for (const file of files) if (file.path.endsWith('.glb')) tiles.push({ path: file.path, document: await io.readBinary(file.bytes) });
  const compressed = new Map((await compressTileDocuments(tiles, options, ctx)).map((f) => [f.path, f]));
  return files.map((f) => compressed.get(f.path) ?? f);
}

/**
 * {@link compressTiles} on tile Documents still in memory (the pipeline's path: `write` with `encodeTiles: false`
 * hands its Documents over, so no GLB is serialised and parsed again; janesville: −180 ms of 3.4 s).
 * The Documents are modified in place.
 * @returns one `.glb` file per tile, same paths
 * @throws {InputError} when the bit counts are out of range
 * @see KHR_mesh_quantization; EXT_meshopt_compression
 */
export async function compressTileDocuments(
  tiles: readonly TileDocumentFile[],
  options: CompressOptions,
  ctx: CompressContext,
): Promise<OutputFile[]> {
  const opts = withDefaults(COMPRESS_DEFAULTS, options);
  if (!(opts.maxPositionErrorM > 0)) {
    throw new InputError(`compressTiles: maxPositionErrorM must be > 0 m, got ${opts.maxPositionErrorM}`);
  }
  if (!(opts.quantizeNormalBits >= 8 && opts.quantizeNormalBits <= 16)) {
    throw new InputError(`compressTiles: quantizeNormalBits must be 8..16, got ${opts.quantizeNormalBits}`);
  }
  const debug = (message: string) => ctx.logger.debug(`compress: ${message}`);
  const logger = { debug, info: debug, warn: (m: string) => ctx.logger.warn(`compress: ${m}`), error: (m: string) => ctx.logger.error(`compress: ${m}`) };
  const io = createTileIO({ encoder: ctx.meshoptEncoder, decoder: ctx.meshoptDecoder }, logger);
  const out: OutputFile[] = [];
  let after = 0;
  for (const [i, { path, document }] of tiles.entries()) {
    // Documents made by `write` carry glTF-Transform's default (console) logger: route it through ours.
    document.setLogger(logger);
    if (opts.meshopt) {
      // No weld: `build` already merged vertices per feature and colour (weld cost 140 ms on janesville for
      // 0.3 % of bytes).
      await document.transform(reorder({ encoder: ctx.meshoptEncoder, target: 'size' }));
    } else {
      await document.transform(weld());
    }
    quantizePositions(document, opts.maxPositionErrorM);
    if (!(opts.meshopt && opts.level === 'high')) {
      await document.transform(quantize({ quantizeNormal: opts.quantizeNormalBits, pattern: /^NORMAL$/ }));
    }
    // The octahedral filter stores normals as normalized bytes even when positions stay float32.
    document.createExtension(KHRMeshQuantization).setRequired(true);
    if (opts.meshopt) {
      document
        .createExtension(EXTMeshoptCompression)
        .setRequired(true)
        .setEncoderOptions({
          method: opts.level === 'high' ? EXTMeshoptCompression.EncoderMethod.FILTER : EXTMeshoptCompression.EncoderMethod.QUANTIZE,
        });
    }
    const bytes = await io.writeBinary(document);
    after += bytes.byteLength;
    out.push({ path, bytes });
    ctx.onProgress?.('compress', (i + 1) / tiles.length);
  }
  ctx.logger.info(`compress: ${tiles.length} tiles → ${after} bytes (${opts.meshopt ? `meshopt ${opts.level}` : 'quantize only'})`);
  return out;
}
