/**
 * The glTF-Transform I/O for tile GLBs: every extension glTF-Transform knows plus our EXT_instance_features, and
 * the meshopt encoder/decoder when given (they arrive from the caller, never as imported singletons).
 */
import { type ILogger, Logger, NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { EXTInstanceFeatures } from './ext-instance-features';

/** The subset of meshoptimizer's MeshoptEncoder / MeshoptDecoder that glTF-Transform uses (opaque here). */
export interface MeshoptCodecs {
  /** `MeshoptEncoder` from `meshoptimizer`, after `await MeshoptEncoder.ready`. */
  encoder?: unknown;
  /** `MeshoptDecoder` from `meshoptimizer`, after `await MeshoptDecoder.ready`. */
  decoder?: unknown;
}

/**
 * Creates a NodeIO that reads and writes our tile GLBs.
 * @param codecs meshopt encoder (to write EXT_meshopt_compression) and decoder (to read it)
 * @param logger receives glTF-Transform's messages (our Logger fits ILogger); silent when omitted
 * @see EXT_meshopt_compression; EXT_mesh_features; EXT_structural_metadata; EXT_mesh_gpu_instancing
 */
export function createTileIO(codecs: MeshoptCodecs = {}, logger?: ILogger): NodeIO {
  const dependencies: Record<string, unknown> = {};
  if (codecs.encoder) dependencies['meshopt.encoder'] = codecs.encoder;
  if (codecs.decoder) dependencies['meshopt.decoder'] = codecs.decoder;
  return new NodeIO()
    .setLogger(logger ?? new Logger(Logger.Verbosity.SILENT))
    .registerExtensions([...ALL_EXTENSIONS, EXTInstanceFeatures])
    .registerDependencies(dependencies);
}
