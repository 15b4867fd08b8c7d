/**
 * The IFC → 3D Tiles 1.1 pipeline: the ordered stage list, in one place.
 *
 *   read → parse (worker) → georef → build → [measure hook] → tile → write → [compress] → precompress → report → commit
 *
 * Optional stages are added here by condition, never from inside another stage. Each tile is written to the
 * staged output directory (`io/commit-output` StagedOutput: a temp dir beside `outDir`) as soon as it is encoded;
 * the directory replaces `outDir` by rename once report.json is written, so a failure leaves nothing at `outDir`.
 *
 * Notes — memory model (measured on generated buildings, docs/bench-tiling.md)
 * - Parse worker: web-ifc's wasm heap holds the tokenised file (≈ 2× the IFC, never shrinks; at most 4 GiB), the
 *   worker's own IFC copy is dropped once the geometry is streamed, meshes go into a typed-array arena (a few
 *   16 MiB chunks: ≈ 0.7 KB per wall), placements and element records stay in the JS heap (≈ 1.4 KB per element
 *   with geometry, property sets included), and property relations are read in released batches. The worker's heap
 *   limit (`parseHeapLimitMb`, 1.5–4 GiB by file size) bounds it and keeps V8 from doubling it with garbage.
 * - Hand-over: the model crosses to the main thread by structured clone (arena chunks transferred, not copied); the
 *   worker exits right after posting, so web-ifc's heap is gone while the main thread deserialises.
 * - Main thread: ParsedModel (≈ 1.5 KB per element) until `build` has placed everything, then BuiltModel
 *   (≈ 1.5 KB per feature plus baked geometry); tiles are built, compressed, written and dropped one at a time, and
 *   import/elements.ndjson is streamed element by element; properties.json keeps its dictionaries (distinct values
 *   and property sets) and a few integers per element until it is written; brotli/gzip siblings are streamed.
 * - Peak RSS = max(parse worker, main thread during build and write): 2.5 GB for a generated 300 MB IFC (418 000
 *   walls), 8.8× the file; 7.6 GB for 1 GB (1.37 M walls, 6 min), 8.0× (the compact property file's value
 *   dictionary is keyed by the values themselves: with key strings it was 2.8 GB and 9.9× for 300 MB). Beyond, web-ifc's 4 GiB wasm heap or the worker's
 *   heap limit ends the parse with TooLargeError, and the caller carries on (see the benchmark).
 */
import { assertReplaceableOutputDir, StagedOutput } from './io/commit-output';
import type { PrecompressOptions } from './io/precompress';
import { parseInWorker } from './io/parse-in-worker';
import { readIfcInput } from './io/read-input';
import { SILENT_LOGGER } from '@kernel/logger';
import { ReportBuilder, type ConversionReport } from './report';
import type { StageContext } from './stage-context';
import { build, BUILD_DEFAULTS, type BuildOptions } from './stages/build/build';
import { emitFeatureGeometry, type MeasureHook } from './stages/build/feature-geometry';
import { planOutlineEnu } from './stages/build/plan-outline';
import { georef } from './stages/georef/georef';
import type { Georeference, Placement } from './stages/georef/georeference';
import { chooseAnchorModelM, modelCentreM } from './stages/georef/model-centre';
import { tile, type TileOptions } from './stages/tile/tile';
import type { CompressOptions, TileCompressor } from './stages/write/compress-tiles';
import { IMPORT_FOLDER } from '@kernel/properties-file';
import { type TileEncoder, write, type WriteOutput } from './stages/write/write';
import type { OutputSink } from './io/output-file';

/** Options of {@link convertIfc}; defaults in {@link CONVERT_DEFAULTS}, stage options in their own stage's defaults. */
export interface ConvertOptions {
  /** Output directory; replaced atomically on success, untouched on failure. */
  outDir: string;
  /** Explicit placement; overrides all georeferencing in the file (see Placement for `headingDeg`). */
  placement?: Placement;
  /**
   * Where a model WITHOUT any georeferencing is placed (method 'none', with a warning in the report) instead of
   * failing with a GeorefError; a georeferenced model ignores it (e.g. a submission placed on its parcel).
   */
  fallbackPlacement?: Placement;
  /** EXT_meshopt_compression (after KHR_mesh_quantization). */
  meshopt?: boolean;
  /** EXT_mesh_gpu_instancing for repeated geometry. */
  instancing?: boolean;
  /** IfcSpace volumes become features too. */
  includeSpaces?: boolean;
  /**
   * JS heap limit of the parse worker, MiB; reaching it fails the conversion with TooLargeError (the caller is
   * unharmed). Default: 4 MiB per MB of IFC, 1.5–4 GiB (io/parse-in-worker.ts `defaultParseHeapLimitMb`).
   */
  parseHeapLimitMb?: number;
  /** Simplified proxies for heavy tiles (stages/write/lod-proxy.ts), drawn at a distance. */
  lod?: boolean;
  /** Parse in a worker_threads Worker (keeps the caller's event loop free). */
  useWorker?: boolean;
  /**
   * Opt-in measurement hook (BIM submission review): receives the placement, then every feature's triangles in ENU
   * metres at the anchor, one feature at a time (stages/build/feature-geometry.ts); the spatial tree in
   * properties.json then also carries property/quantity sets and ObjectType. Not JSON options: a function in this
   * process.
   */
  measure?: MeasureHook;
  /** Brotli/gzip siblings of the served files (io/precompress.ts). */
  precompress?: Partial<PrecompressOptions>;
  tile?: TileOptions;
  build?: BuildOptions;
  compress?: CompressOptions;
}

/** Defaults of {@link ConvertOptions}; `undefined` never overrides them. */
export const CONVERT_DEFAULTS = { meshopt: true, instancing: true, includeSpaces: false, useWorker: true, lod: true } as const;

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
export const TILER_VERSION = 'GanTwin tiling 0.6';
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
  const inputFile = { fileName: input.fileName, bytes: input.bytes.byteLength, sha256: input.sha256 };
  // parse → georef → build in a scope of their own: the ParsedModel (meshes, property sets) becomes garbage as
  // soon as `build` has placed everything, before the tiles are written.
  const parseAndBuild = async () => {
    const parseOptions = { includeSpaces: opts.includeSpaces, spatialPropertySets: opts.measure !== undefined };
    const parsed = await timed('parse', () =>
      // web-ifc (80 MB of compiled JS) is loaded on the main thread only when parsing there.
      opts.useWorker
        ? parseInWorker(input, parseOptions, stageCtx, { transferInput: true, heapLimitMb: opts.parseHeapLimitMb })
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
        { placement: opts.placement, ...(opts.fallbackPlacement ? { allowUngeoreferenced: true, fallbackPlacement: opts.fallbackPlacement } : {}) },
        stageCtx,
      ),
    );
    const built = await timed('build', () => build(parsed, georeference, { detectInstancing: opts.instancing, ...opts.build }, stageCtx));
    return { built, georeference, schema: parsed.schema, elementsWithGeometry: parsed.elements.length };
  };
  const { built, georeference, schema, elementsWithGeometry } = await parseAndBuild();
  if (opts.measure) {
    const hook = opts.measure;
    const { method, anchor, headingDeg, epsg, modelToEnu } = georeference;
    await timed('measure', () => {
      hook.onGeoreference?.({ method, anchor, headingDeg, epsg, modelToEnu });
      emitFeatureGeometry(built, hook);
    });
  }
  const footprintEnu = await timed('outline', () =>
    planOutlineEnu(built).map(([e, n]): [number, number] => [Math.round(e * 1000) / 1000, Math.round(n * 1000) / 1000]),
  );
  const tiled = await timed('tile', () => tile(built, opts.tile ?? {}, stageCtx));
  const compress = opts.meshopt || opts.compress !== undefined;
  let encodeTile: TileEncoder | undefined;
  let compressor: TileCompressor | undefined;
  let lod: WriteOutput['lod'];
  if (opts.lod) {
    // Loaded only now, after the parse worker is gone (≈ 45 MB of RSS with glTF-Transform's functions).
    const { MeshoptSimplifier } = await import('meshoptimizer');
    await MeshoptSimplifier.ready;
    lod = { simplifier: MeshoptSimplifier, creaseAngleDeg: opts.build?.creaseAngleDeg ?? BUILD_DEFAULTS.creaseAngleDeg };
  }
  if (compress) {
    // Loaded only now, after the parse worker is gone: glTF-Transform's functions + meshoptimizer are ≈ 45 MB
    // of RSS that would otherwise add to the parse peak.
    const [{ TileCompressor }, { MeshoptDecoder, MeshoptEncoder }] = await Promise.all([
      import('./stages/write/compress-tiles'),
      import('meshoptimizer'),
    ]);
    await Promise.all([MeshoptEncoder.ready, MeshoptDecoder.ready]);
    compressor = new TileCompressor({ meshopt: opts.meshopt, ...opts.compress }, { ...stageCtx, meshoptEncoder: MeshoptEncoder, meshoptDecoder: MeshoptDecoder });
    encodeTile = (t) => compressor!.compress(t);
  }
  // Tiles go to the staged output directory one by one (encoded and compressed as they are made); the directory
  // replaces outDir only once everything, report.json included, is written.
  const staged = await StagedOutput.open(options.outDir);
  try {
    // Every file browsers fetch gets its brotli/gzip siblings, compressed on the thread pool while the next tiles
    // are built (io/precompress.ts); only the database import folder is left out.
    const precompressing: OutputSink = {
      write: async (file) => {
        await staged.write(file);
        if (!file.path.startsWith(`${IMPORT_FOLDER}/`)) await staged.startPrecompress(file.path, opts.precompress);
      },
      writeText: async (path, chunks) => {
        await staged.writeText(path, chunks);
        if (!path.startsWith(`${IMPORT_FOLDER}/`)) await staged.startPrecompress(path, opts.precompress);
      },
    };
    const written = await timed('write', () => write(tiled, { instancing: opts.instancing, generator: GENERATOR }, stageCtx, { sink: precompressing, encodeTile, lod }));
    compressor?.finish();
    await timed('precompress', () => staged.finishPrecompress());
    const conversionReport: ConversionReport = {
      generator: GENERATOR,
      createdAt: new Date().toISOString(),
      input: { fileName: inputFile.fileName, bytes: inputFile.bytes, sha256: inputFile.sha256, schema },
      georeference: {
        method: georeference.method,
        anchor: georeference.anchor,
        heightDatum: georeference.heightDatum,
        headingDeg: georeference.headingDeg,
        epsg: georeference.epsg,
        warnings: georeference.warnings,
      },
      counts: {
        elementsWithGeometry,
        features: written.stats.features,
        placedGeometries: written.stats.placedGeometries,
        triangles: written.stats.triangles,
        tiles: written.stats.tiles,
        primitives: written.stats.primitives,
        instancedMeshes: written.stats.instancedMeshes,
      },
      tiling: {
        contentTiles: tiled.stats.contentTiles,
        maxLevel: tiled.stats.maxLevel,
        largestTileBytes: written.largestTileBytes,
        lodTiles: written.lodTiles,
        budget: tiled.budget,
      },
      footprintEnu,
      failures: report.failures,
      warnings: report.warnings,
      notes: report.notes,
      timingsMs: report.timingsMs,
      output: { bytes: staged.bytesWritten, files: 0 },
    };
    conversionReport.output.files = staged.filesWritten + 1;
    await staged.write({ path: 'report.json', bytes: new TextEncoder().encode(`${JSON.stringify(conversionReport, null, 2)}\n`) });
    await timed('commit', () => staged.commit());
    conversionReport.timingsMs = report.timingsMs;
    return { report: conversionReport, outDir: options.outDir };
  } catch (error) {
    await staged.abort();
    throw error;
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
