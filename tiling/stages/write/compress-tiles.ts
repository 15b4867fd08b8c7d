/**
 * Optional stage after `write`: welds vertices, quantises (KHR_mesh_quantization) and applies meshopt
 * compression (EXT_meshopt_compression) to every tile GLB. Other files pass through unchanged.
 *
 * Notes (FZK-Haus, see the write stage's Notes for the measured bytes): positions are quantised per mesh
 * (per tile for the merged mesh), so 14 bits over a 15 m tile is 0.9 mm; normals use meshopt's octahedral filter
 * at 8 bits. `level: 'high'` (filters) beats 'medium' on size; `_FEATURE_ID_0` is never quantised (the
 * 'high' pattern only touches POSITION/TEXCOORD/COLOR…), so feature IDs stay exact integers.
 */
import { meshopt, quantize, weld } from '@gltf-transform/functions';
import type { OutputFile } from '@tiling/io/output-file';
import type { StageContext } from '@tiling/stage-context';
import { withDefaults } from '@tiling/stages/build/with-defaults';
import { InputError } from '@tiling/errors';
import { createTileIO } from './tile-io';

/** Options of the `compressTiles` stage; see {@link COMPRESS_DEFAULTS}. */
export interface CompressOptions {
  /** Apply EXT_meshopt_compression; false = weld + KHR_mesh_quantization only. */
  meshopt?: boolean;
  /** meshopt level: 'high' uses filters (smaller), 'medium' plain quantisation. */
  level?: 'medium' | 'high';
  /** Position bits per component, 8..16 (relative to each mesh's bounds). */
  quantizePositionBits?: number;
  /** Normal bits per component, 8..16 ('high' caps at 8, octahedral). */
  quantizeNormalBits?: number;
}

/** Defaults of {@link CompressOptions}. */
export const COMPRESS_DEFAULTS = {
  meshopt: true,
  level: 'high',
  quantizePositionBits: 14,
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
  const opts = withDefaults(COMPRESS_DEFAULTS, options);
  if (!(opts.quantizePositionBits >= 8 && opts.quantizePositionBits <= 16)) {
    throw new InputError(`compressTiles: quantizePositionBits must be 8..16, got ${opts.quantizePositionBits}`);
  }
  if (!(opts.quantizeNormalBits >= 8 && opts.quantizeNormalBits <= 16)) {
    throw new InputError(`compressTiles: quantizeNormalBits must be 8..16, got ${opts.quantizeNormalBits}`);
  }
  const debug = (message: string) => ctx.logger.debug(`compress: ${message}`);
  const io = createTileIO(
    { encoder: ctx.meshoptEncoder, decoder: ctx.meshoptDecoder },
    { debug, info: debug, warn: (m) => ctx.logger.warn(`compress: ${m}`), error: (m) => ctx.logger.error(`compress: ${m}`) },
  );
  const out: OutputFile[] = [];
  let before = 0;
  let after = 0;
  for (const [i, file] of files.entries()) {
    if (!file.path.endsWith('.glb')) {
      out.push(file);
      continue;
    }
    const document = await io.readBinary(file.bytes);
    const quantizeOptions = {
      quantizePosition: opts.quantizePositionBits,
      quantizeNormal: opts.quantizeNormalBits,
    };
    await document.transform(
      weld(),
      opts.meshopt
        ? meshopt({ encoder: ctx.meshoptEncoder, level: opts.level, ...quantizeOptions })
        : quantize({ ...quantizeOptions, pattern: /^(POSITION|NORMAL)$/ }),
    );
    const bytes = await io.writeBinary(document);
    before += file.bytes.byteLength;
    after += bytes.byteLength;
    out.push({ path: file.path, bytes });
    ctx.onProgress?.('compress', (i + 1) / files.length);
  }
  ctx.logger.info(`compress: tiles ${before} → ${after} bytes (${opts.meshopt ? `meshopt ${opts.level}` : 'quantize only'})`);
  return out;
}
