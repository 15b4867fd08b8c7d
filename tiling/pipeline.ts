/**
 * The IFC → 3D Tiles 1.1 pipeline: the ordered stage list, in one place.
 *
 *   read → parse (worker) → georef → build → tile → write → [compress] → report → commit
 *
 * Optional stages are added here by condition, never from inside another stage. Output is produced in memory
 * and committed by `io/commit-output` (temp dir + rename), so a failure leaves nothing at `outDir`.
 */
import { assertReplaceableOutputDir, commitOutput } from './io/commit-output';
import type { OutputFile } from './io/output-file';
import { parseInWorker } from './io/parse-in-worker';
import { readIfcInput } from './io/read-input';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder, type ConversionReport } from './report';
import type { StageContext } from './stage-context';
import { build, type BuildOptions } from './stages/build/build';
import { planOutlineEnu } from './stages/build/plan-outline';
import { georef } from './stages/georef/georef';
import type { Georeference, Placement } from './stages/georef/georeference';
import { chooseAnchorModelM, modelCentreM } from './stages/georef/model-centre';
import { tile, type TileOptions } from './stages/tile/tile';
import type { CompressOptions } from './stages/write/compress-tiles';
import { write } from './stages/write/write';

/** Options of {@link convertIfc}; defaults in {@link CONVERT_DEFAULTS}, stage options in their own stage's defaults. */
export interface ConvertOptions {
  /** Output directory; replaced atomically on success, untouched on failure. */
  outDir: string;
  /** Explicit placement; overrides all georeferencing in the file (see Placement for `headingDeg`). */
  placement?: Placement;
  /** EXT_meshopt_compression (after KHR_mesh_quantization). */
  meshopt?: boolean;
  /** EXT_mesh_gpu_instancing for repeated geometry. */
  instancing?: boolean;
  /** IfcSpace volumes become features too. */
  includeSpaces?: boolean;
  /** Parse in a worker_threads Worker (keeps the caller's event loop free). */
  useWorker?: boolean;
  tile?: TileOptions;
  build?: BuildOptions;
  compress?: CompressOptions;
}

/** Defaults of {@link ConvertOptions}; `undefined` never overrides them. */
export const CONVERT_DEFAULTS = { meshopt: true, instancing: true, includeSpaces: false, useWorker: true } as const;

/** What {@link convertIfc} returns once the output is committed. */
export interface ConversionResult {
  /** The report, as also written to `<outDir>/report.json`. */
  report: ConversionReport;
  /** The output directory, as given in {@link ConvertOptions.outDir}. */
  outDir: string;
}

/**
 * `asset.generator` of every tileset and `generator` of every report. Bump it whenever the output changes, so that
 * cached conversions (server/jobs/convert-model.ts) are redone with the new tiler.
 */
export const TILER_VERSION = 'GanTwin tiling 0.3';
const GENERATOR = TILER_VERSION;

/**
 * Converts one IFC file (`.ifc`, `.ifczip`, `.zip` holding one IFC) into a georeferenced 3D Tiles 1.1 tileset.
 *
 * @param inputPath path of the IFC file
 * @param options see {@link ConvertOptions}; only `outDir` is required
 * @param ctx optional logger and progress callback (`onProgress(stage, 0..1)`)
 * @returns the conversion report (also written as `<outDir>/report.json`) and the output directory
 * @throws {InputError} unreadable input (missing file, zip without exactly one IFC, not STEP); an `outDir` that is a
 *   file or a non-empty directory holding no earlier conversion; an output that cannot be written
 * @throws {IfcParseError} broken or truncated IFC (names the file and the last good `#line`)
 * @throws {UnsupportedSchemaError} schemas other than IFC2X3 / IFC4 / IFC4X3 (pre-release names included)
 * @throws {GeorefError} impossible georeferencing (unknown EPSG, zero axis) and no placement given
 * @throws {InvariantError} a bug, or the parse worker crashed or exited without an answer
 * @example
 * const { report } = await convertIfc('AC20-FZK-Haus.ifc', { outDir: 'out/fzk',
 *   placement: { lonDeg: 115.8552, latDeg: 28.6934, heightM: 0, headingDeg: 0 } });
 * @see 3D Tiles 1.1 (OGC 22-025r4); EXT_mesh_features; EXT_structural_metadata
 */
export async function convertIfc(
  inputPath: string,
  options: ConvertOptions,
  ctx: Partial<StageContext> = {},
): Promise<ConversionResult> {
  const opts = { ...CONVERT_DEFAULTS, ...definedOnly(options) };
  const report = new ReportBuilder();
  const stageCtx: StageContext = { logger: ctx.logger ?? SILENT_LOGGER, report, onProgress: ctx.onProgress };
  const timed = async <T>(stage: string, run: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await run();
    report.time(stage, performance.now() - started);
    stageCtx.logger.info(`${stage}: done in ${(performance.now() - started).toFixed(0)} ms`);
    return result;
  };

  assertReplaceableOutputDir(options.outDir); // fail before the work, not after it
  const input = await timed('read', () => readIfcInput(inputPath));
  const inputBytes = input.bytes.byteLength; // the parse worker takes the bytes over (transferred, not copied)
  const parseOptions = { includeSpaces: opts.includeSpaces };
  const parsed = await timed('parse', () =>
    // web-ifc (80 MB of compiled JS) is loaded on the main thread only when parsing there.
    opts.useWorker
      ? parseInWorker(input, parseOptions, stageCtx, { transferInput: true })
      : import('./stages/parse/parse').then(({ parseIfc }) => parseIfc(input, parseOptions, stageCtx)),
  );
  const georeference: Georeference = await timed('georef', () =>
    georef(
      {
        fileName: parsed.fileName,
        lengthUnitM: parsed.lengthUnitM,
        georeference: parsed.georeference,
        anchorModelM: chooseAnchorModelM(modelCentreM(parsed)),
      },
      { placement: opts.placement },
      stageCtx,
    ),
  );
  const built = await timed('build', () => build(parsed, georeference, { detectInstancing: opts.instancing, ...opts.build }, stageCtx));
  const footprintEnu = await timed('outline', () =>
    planOutlineEnu(built).map(([e, n]): [number, number] => [Math.round(e * 1000) / 1000, Math.round(n * 1000) / 1000]),
  );
  const tiled = await timed('tile', () => tile(built, opts.tile ?? {}, stageCtx));
  const compress = opts.meshopt || opts.compress !== undefined;
  const written = await timed('write', () =>
    write(tiled, { instancing: opts.instancing, generator: GENERATOR, encodeTiles: !compress }, stageCtx),
  );
  let files: OutputFile[] = written.files;
  if (compress) {
    const glbs = await timed('compress', async () => {
      // Loaded only now, after the parse worker is gone: glTF-Transform's functions + meshoptimizer are ≈ 45 MB
      // of RSS that would otherwise add to the parse peak (janesville: peak RSS is reached while parsing).
      const [{ compressTileDocuments }, { MeshoptDecoder, MeshoptEncoder }] = await Promise.all([
        import('./stages/write/compress-tiles'),
        import('meshoptimizer'),
      ]);
      await Promise.all([MeshoptEncoder.ready, MeshoptDecoder.ready]);
      return compressTileDocuments(written.tileDocuments, { meshopt: opts.meshopt, ...opts.compress }, {
        ...stageCtx,
        meshoptEncoder: MeshoptEncoder,
        meshoptDecoder: MeshoptDecoder,
      });
    });
    files = [files[0], ...glbs, ...files.slice(1)];
  }

  const bytesWithoutReport = files.reduce((sum, f) => sum + f.bytes.byteLength, 0);
  const conversionReport: ConversionReport = {
    generator: GENERATOR,
    createdAt: new Date().toISOString(),
    input: { fileName: input.fileName, bytes: inputBytes, sha256: input.sha256, schema: parsed.schema },
    georeference: {
      method: georeference.method,
      anchor: georeference.anchor,
      heightDatum: georeference.heightDatum,
      headingDeg: georeference.headingDeg,
      epsg: georeference.epsg,
      warnings: georeference.warnings,
    },
    counts: {
      elementsWithGeometry: parsed.elements.length,
      features: written.stats.features,
      placedGeometries: written.stats.placedGeometries,
      triangles: written.stats.triangles,
      tiles: written.stats.tiles,
      primitives: written.stats.primitives,
      instancedMeshes: written.stats.instancedMeshes,
    },
    footprintEnu,
    failures: report.failures,
    warnings: report.warnings,
    notes: report.notes,
    timingsMs: report.timingsMs,
    output: { bytes: bytesWithoutReport, files: files.length + 1 },
  };
  files.push({ path: 'report.json', bytes: new TextEncoder().encode(`${JSON.stringify(conversionReport, null, 2)}\n`) });
  await timed('commit', () => commitOutput(options.outDir, files));
  conversionReport.timingsMs = report.timingsMs;
  return { report: conversionReport, outDir: options.outDir };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
