/**
 * Optional stage after `write`: welds vertices, quantises (KHR_mesh_quantization) and applies meshopt
 * compression (EXT_meshopt_compression) to every tile GLB. Other files pass through unchanged.
 *
 * Notes (FZK-Haus, see the write stage's Notes for the measured bytes)
 * - Positions are quantised per mesh (per tile for the merged mesh) on a grid of halfExtent / (2^(bits−1) − 1).
 *   With ADD refinement upper-tile content stays on screen at every distance, so the grid must stay fine even in a
 *   4 km railway root tile: bits grow from quantizePositionBits to 16 until the step is ≤ maxPositionErrorM
 *   (1 mm); beyond 16 bits the tile keeps float32 positions (relative to the tile centre: 0.1 mm at 2 km).
 *   FZK-Haus (8 m half-extent) stays at 14 bits (1.0 mm). Seen on the San Martino–Tufara railway: a fixed 14 bits
 *   put root vertices 13.5 cm off (outside the box) on a 2 km half-extent.
 * - Normals use meshopt's octahedral filter at 8 bits. `level: 'high'` (filters) beats 'medium' on size.
 * - Only POSITION (and NORMAL for 'medium') are quantised: `_FEATURE_ID_0` stays exact integers.
 */
import type { Document } from '@gltf-transform/core';
import { EXTMeshoptCompression, KHRMeshQuantization } from '@gltf-transform/extensions';
import { quantize, reorder, weld } from '@gltf-transform/functions';
import type { OutputFile } from '@tiling/io/output-file';
import type { StageContext } from '@tiling/stage-context';
import { withDefaults } from '@tiling/stages/build/with-defaults';
import { InputError } from '@tiling/errors';
import { createTileIO } from './tile-io';
import type { TileDocumentFile } from './write';

/** Options of the `compressTiles` stage; see {@link COMPRESS_DEFAULTS}. */
export interface CompressOptions {
  /** Apply EXT_meshopt_compression; false = weld + KHR_mesh_quantization only. */
  meshopt?: boolean;
  /** meshopt level: 'high' uses filters (smaller), 'medium' plain quantisation. */
  level?: 'medium' | 'high';
  /** Minimum position bits per component, 8..16 (relative to each mesh's bounds); raised up to 16 as needed. */
  quantizePositionBits?: number;
  /** Largest position rounding error allowed (half a grid step), metres (> 0); above 16 bits positions stay float32. */
  maxPositionErrorM?: number;
  /** Normal bits per component, 8..16 ('high' caps at 8, octahedral). */
  quantizeNormalBits?: number;
}

/** Defaults of {@link CompressOptions}. */
export const COMPRESS_DEFAULTS = {
  meshopt: true,
  level: 'high',
  quantizePositionBits: 14,
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
 */
export async function compressTileDocuments(
  tiles: readonly TileDocumentFile[],
  options: CompressOptions,
  ctx: CompressContext,
): Promise<OutputFile[]> {
  const opts = withDefaults(COMPRESS_DEFAULTS, options);
  if (!(opts.quantizePositionBits >= 8 && opts.quantizePositionBits <= 16)) {
    throw new InputError(`compressTiles: quantizePositionBits must be 8..16, got ${opts.quantizePositionBits}`);
  }
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
    const positionBits = choosePositionBits(document, opts.quantizePositionBits, opts.maxPositionErrorM);
    const quantizeOptions = {
      quantizePosition: positionBits ?? 16,
      quantizeNormal: opts.quantizeNormalBits,
      pattern: new RegExp(`^(${[positionBits === null ? null : 'POSITION', opts.meshopt && opts.level === 'high' ? null : 'NORMAL'].filter(Boolean).join('|') || '$^'})$`),
    };
    if (opts.meshopt) {
      // No weld: `build` already merged vertices per feature and colour (weld cost 140 ms on janesville for
      // 0.3 % of bytes).
      await document.transform(reorder({ encoder: ctx.meshoptEncoder, target: 'size' }), quantize(quantizeOptions));
      // The octahedral filter stores normals as normalized bytes even when positions stay float32.
      document.createExtension(KHRMeshQuantization).setRequired(true);
      document
        .createExtension(EXTMeshoptCompression)
        .setRequired(true)
        .setEncoderOptions({
          method: opts.level === 'high' ? EXTMeshoptCompression.EncoderMethod.FILTER : EXTMeshoptCompression.EncoderMethod.QUANTIZE,
        });
    } else {
      await document.transform(weld(), quantize(quantizeOptions));
    }
    const bytes = await io.writeBinary(document);
    after += bytes.byteLength;
    out.push({ path, bytes });
    ctx.onProgress?.('compress', (i + 1) / tiles.length);
  }
  ctx.logger.info(`compress: ${tiles.length} tiles → ${after} bytes (${opts.meshopt ? `meshopt ${opts.level}` : 'quantize only'})`);
  return out;
}

/**
 * Smallest bit count in minBits..16 whose rounding error (half the grid step) over the largest mesh half-extent
 * of the document is ≤ maxErrorM metres; null when even 16 bits are too coarse (positions then stay float32).
 */
export function choosePositionBits(document: Document, minBits: number, maxErrorM: number): number | null {
  let halfExtentM = 0;
  for (const mesh of document.getRoot().listMeshes()) {
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (const prim of mesh.listPrimitives()) {
      const position = prim.getAttribute('POSITION');
      if (!position) continue;
      const lo = position.getMin([]);
      const hi = position.getMax([]);
      for (let k = 0; k < 3; k++) {
        min[k] = Math.min(min[k], lo[k]);
        max[k] = Math.max(max[k], hi[k]);
      }
    }
    for (let k = 0; k < 3; k++) if (max[k] >= min[k]) halfExtentM = Math.max(halfExtentM, (max[k] - min[k]) / 2);
  }
  // Rounding to the nearest grid point moves a vertex by at most half a step.
  for (let bits = minBits; bits <= 16; bits++) {
    if (halfExtentM / (2 ** (bits - 1) - 1) / 2 <= maxErrorM) return bits;
  }
  return null;
}
