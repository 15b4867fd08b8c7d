/**
 * Optional stage after `write`: reorders vertices, quantises (KHR_mesh_quantization) and applies meshopt
 * compression (EXT_meshopt_compression) to every tile GLB. Other files pass through unchanged.
 *
 * Notes
 * - Positions: quantize-positions.ts, per mesh on a fixed grid of 2 × maxPositionErrorM, SHORT steps. A mesh
 *   wider than 16 bits of steps is cut into pieces that fit when that encodes smaller (both position streams
 *   are meshopt-encoded and compared, the cut's JSON added: duplex, janesville), else it keeps float32
 *   positions rounded to a power-of-two grid within the same bound (Institute, nanchang).
 * - The bound: default 0.19 mm per coordinate (0.38 mm grid). With build's vertex merge (< 0.005 mm) every drawn
 *   vertex is within 0.2 mm of web-ifc's, per coordinate (issue #8; until 2026-12 the grid was 2 mm: the
 *   off-grid 2 m³ box of exact-solids-fixture.ts measured −0.16 %, now +0.013 %). Not counted: copies that
 *   build/repeated-geometry.ts draws from one mesh match on its 0.1 mm grid, element prototypes on 1e-5 of the
 *   element's size. The bound and what was cut go to `report.json` `notes`.
 * - What the finer grid costs and what pays for it, tileset.json + GLBs in KB (2026-12, same write output; the
 *   bench places duplex with heading 0, here it is turned 15° as in data/twin/sample-models.ts):
 *
 *   | sample     | 2 mm grid (before) | 0.38 mm, wide meshes float32 | + cut or float32, pooled views, JSON defaults (now) | 1 mm, now |
 *   |------------|--------------------|------------------------------|-----------------------------------------------------|-----------|
 *   | FZK-Haus   | 99.7               | 109.0                        | 98.8                                                | 89.2      |
 *   | duplex     | 209.2              | 332.4                        | 211.6                                               | 188.4     |
 *   | Institute  | 174.3              | 210.6                        | 171.0                                               | 154.7     |
 *   | janesville | 1 290.4            | 1 819.9                      | 1 346.1                                             | 1 173.4   |
 *   | nanchang   | 18.8               | 26.1                         | 21.6                                                | 18.6      |
 *   | railway    | 1 827.4            |                              | 1 791.4                                             |           |
 *   | OpenRoads  | 268.1              |                              | 237.3                                               |           |
 *
 *   The grid itself costs ≈ 2.3 bits per coordinate that meshopt's byte-wise delta codec cannot remove
 *   (janesville positions 504 → 650 KB); a cut costs ≈ 650 bytes of JSON per piece and primitive (janesville:
 *   15 → 37 primitives). Pooled buffer views ({@link PooledMeshoptCompression}, −8 to −10 %) and dropping
 *   default-valued JSON (minify-glb-json.ts, −1 %) pay for it on FZK-Haus, duplex (bench: 193 → 192 KB) and
 *   Institute, not on janesville (+4.3 %) and nanchang (+2.8 KB: its one 33 m mesh needs 17 bits).
 * - Normals use meshopt's octahedral filter at 8 bits. `level: 'high'` (filters) beats 'medium' on size.
 * - Only POSITION (and NORMAL for 'medium') are quantised: `_FEATURE_ID_0` stays exact integers.
 * - Until 2026-11-30 glTF-Transform's `quantize` (one bit count per document, normalized, bit-replicated low
 *   bits) was used; with the fixed 2 mm grid janesville went 1 516 → 1 290 KB, FZK-Haus 113 → 100 KB.
 */
import { type ILogger, PropertyType, type WriterContext } from '@gltf-transform/core';
import { EXTMeshoptCompression, INSTANCE_ATTRIBUTE, KHRMeshQuantization } from '@gltf-transform/extensions';
import { quantize, reorder, weld } from '@gltf-transform/functions';
import type { OutputFile } from '@tiling/io/output-file';
import type { StageContext } from '@tiling/stage-context';
import { withDefaults } from '@tiling/with-defaults';
import { InputError } from '@kernel/errors';
import { minifyGlbJson } from './minify-glb-json';
import { quantizePositions } from './quantize-positions';
import { createTileIO } from './tile-io';
import type { TileDocumentFile } from './write';

/**
 * EXT_meshopt_compression that pools vertex (and instance) attributes of all primitives into one buffer view per
 * (usage, filter, stride) instead of one buffer view per accessor (glTF-Transform 4.5.1 keys vertex streams by accessor).
 * Each buffer view costs ≈ 190 bytes of JSON plus a meshopt stream header and tail: janesville had 482 of them
 * (96 KB of JSON, 7 % of the tileset). Accessors then sit one after another in the shared view (accessor
 * byteOffset ≥ byteStride, which glTF allows: only offset alignment and the view's length are constrained).
 */
class PooledMeshoptCompression extends EXTMeshoptCompression {
  override prewrite(context: WriterContext, propertyType: PropertyType): this {
    if (propertyType === PropertyType.ACCESSOR) {
      // Vertex attributes and EXT_mesh_gpu_instancing attributes (that extension's prewrite ran before: the
      // write stage created it first).
      context.accessorUsageGroupedByParent.delete('ARRAY_BUFFER');
      context.accessorUsageGroupedByParent.delete(INSTANCE_ATTRIBUTE);
    }
    return super.prewrite(context, propertyType);
  }
}

/** Options of the `compressTiles` stage; see {@link COMPRESS_DEFAULTS}. */
export interface CompressOptions {
  /** Apply EXT_meshopt_compression; false = weld + KHR_mesh_quantization only. */
  meshopt?: boolean;
  /** meshopt level: 'high' uses filters (smaller), 'medium' plain quantisation. */
  level?: 'medium' | 'high';
  /**
   * Largest position rounding error per coordinate, metres (> 0): half the grid step; meshes beyond ±32 767
   * steps are split (see quantize-positions.ts).
   */
  maxPositionErrorM?: number;
  /** Normal bits per component, 8..16 ('high' caps at 8, octahedral). */
  quantizeNormalBits?: number;
}

/** Defaults of {@link CompressOptions}. */
export const COMPRESS_DEFAULTS = {
  meshopt: true,
  level: 'high',
  maxPositionErrorM: 0.000_19,
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
 * {@link compressTiles} on tile Documents still in memory; see {@link TileCompressor}.
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
  const compressor = new TileCompressor(options, ctx);
  const out: OutputFile[] = [];
  for (const [i, tile] of tiles.entries()) {
    out.push({ path: tile.path, bytes: await compressor.compress(tile) });
    ctx.onProgress?.('compress', (i + 1) / tiles.length);
  }
  compressor.finish();
  return out;
}

/**
 * Compresses tile Documents one at a time (the pipeline's path: `write` hands each tile's Document over as it is
 * made, so no GLB is serialised and parsed again — janesville: −180 ms of 3.4 s — and no tile waits in memory),
 * counting what quantisation did; {@link finish} writes that count to the report once.
 */
export class TileCompressor {
  private readonly opts: Required<CompressOptions>;
  private readonly io: ReturnType<typeof createTileIO>;
  private readonly logger: ILogger;
  private readonly streamBytes: (data: Uint8Array, count: number, stride: number) => number;
  private readonly quantized = { quantizedMeshes: 0, floatMeshes: 0, splitMeshes: 0, addedPrimitives: 0, maxBits: 0 };
  private tiles = 0;
  private bytes = 0;

  /** @throws {InputError} when the bit counts are out of range */
  constructor(
    options: CompressOptions,
    private readonly ctx: CompressContext,
  ) {
    const opts = withDefaults(COMPRESS_DEFAULTS, options);
    if (!(opts.maxPositionErrorM > 0)) {
      throw new InputError(`compressTiles: maxPositionErrorM must be > 0 m, got ${opts.maxPositionErrorM}`);
    }
    if (!(opts.quantizeNormalBits >= 8 && opts.quantizeNormalBits <= 16)) {
      throw new InputError(`compressTiles: quantizeNormalBits must be 8..16, got ${opts.quantizeNormalBits}`);
    }
    this.opts = opts;
    const debug = (message: string) => ctx.logger.debug(`compress: ${message}`);
    this.logger = { debug, info: debug, warn: (m: string) => ctx.logger.warn(`compress: ${m}`), error: (m: string) => ctx.logger.error(`compress: ${m}`) };
    this.io = createTileIO({ encoder: ctx.meshoptEncoder, decoder: ctx.meshoptDecoder }, this.logger);
    const encoder = ctx.meshoptEncoder as { encodeGltfBuffer(data: Uint8Array, count: number, stride: number, mode: string): Uint8Array };
    this.streamBytes = (data, count, stride) => encoder.encodeGltfBuffer(data, count, stride, 'ATTRIBUTES').byteLength;
  }

  /** Compresses one tile's Document (modified in place) into GLB bytes. */
  async compress({ document }: TileDocumentFile): Promise<Uint8Array> {
    const { opts, ctx } = this;
    // Documents made by `write` carry glTF-Transform's default (console) logger: route it through ours.
    document.setLogger(this.logger);
    if (opts.meshopt) {
      // No weld: `build` already merged vertices per feature and colour (weld cost 140 ms on janesville for
      // 0.3 % of bytes).
      await document.transform(reorder({ encoder: ctx.meshoptEncoder, target: 'size' }));
    } else {
      await document.transform(weld());
    }
    // Cut a wide mesh or keep it float32: with meshopt both position streams are encoded and compared; without,
    // a float32 position costs 4 bytes more than a 16-bit one (quantize-positions.ts).
    const stats = quantizePositions(document, opts.maxPositionErrorM, opts.meshopt ? { streamBytes: this.streamBytes } : { floatBytesPerVertex: 4 });
    const q = this.quantized;
    q.quantizedMeshes += stats.quantizedMeshes;
    q.floatMeshes += stats.floatMeshes;
    q.splitMeshes += stats.splitMeshes;
    q.addedPrimitives += stats.addedPrimitives;
    q.maxBits = Math.max(q.maxBits, stats.maxBits);
    if (!(opts.meshopt && opts.level === 'high')) {
      await document.transform(quantize({ quantizeNormal: opts.quantizeNormalBits, pattern: /^NORMAL$/ }));
    }
    // The octahedral filter stores normals as normalized bytes even when positions stay float32.
    document.createExtension(KHRMeshQuantization).setRequired(true);
    if (opts.meshopt) {
      document
        .createExtension(PooledMeshoptCompression)
        .setRequired(true)
        .setEncoderOptions({
          method: opts.level === 'high' ? EXTMeshoptCompression.EncoderMethod.FILTER : EXTMeshoptCompression.EncoderMethod.QUANTIZE,
        });
    }
    const bytes = minifyGlbJson(await this.io.writeBinary(document));
    this.tiles++;
    this.bytes += bytes.byteLength;
    return bytes;
  }

  /** Logs the totals and adds the position-error note to the report (once per conversion). */
  finish(): void {
    const { opts, quantized } = this;
    this.ctx.logger.info(`compress: ${this.tiles} tiles → ${this.bytes} bytes (${opts.meshopt ? `meshopt ${opts.level}` : 'quantize only'})`);
    const errorMm = +(opts.maxPositionErrorM * 1000).toPrecision(3);
    this.ctx.report.note(
      `compress: positions within ${errorMm} mm per coordinate of the built geometry (KHR_mesh_quantization, ` +
        `${+(2 * errorMm).toPrecision(3)} mm grid per mesh${quantized.maxBits > 0 ? `, up to ${quantized.maxBits} bits` : ''}); ${quantized.quantizedMeshes} meshes quantised, ` +
        `${quantized.splitMeshes} cut to fit 16 bits (+${quantized.addedPrimitives} primitives), ${quantized.floatMeshes} float32 (rounded to the grid)`,
    );
  }
}
