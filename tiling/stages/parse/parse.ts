import { WebIFC } from './web-ifc-module';
import type { IfcAPI } from 'web-ifc';
import { IfcParseError } from '../../errors';
import type { StageContext } from '../../stage-context';
import { ALWAYS_EXCLUDED, streamGeometry } from './geometry-stream';
import { WEB_IFC_LOADER_SETTINGS } from './loader-settings';
import { COARSE_RADIUS_LIMIT_M, FINE_CIRCLE_SEGMENTS, findElementsWithLargeCurves } from './fine-curves';
import { findProductsWithoutMesh } from './missing-geometry';
import { assertSomethingMeshed } from './nothing-meshed';
import { readGeoreferenceSource } from './georeference-source';
import type { IfcElement, ParsedModel } from './parsed-model';
import { readElementSemantics } from './properties';
import { schemaFamilyOf } from './schema';
import { attachSpatialPropertySets } from './spatial-property-sets';
import { readSpatialStructure } from './spatial-structure';
import { assertCompleteStepFile, readFileSchema } from './step-file';
import { withUpperCaseStepHex } from './step-hex-case';
import { StepLines, textOf } from './step-lines';
import { readLengthUnitM } from './units';

/** Options of the `parse` stage. */
export interface ParseOptions {
  /**
   * Turn IfcSpace volumes into features too. Off by default: spaces are rooms (air), drawn over walls and
   * floors they hide everything; their names and quantities stay available through the spatial tree.
   * IfcOpeningElement is never a feature.
   */
  includeSpaces?: boolean;
  /**
   * Replace `input.bytes` with an empty array once web-ifc has streamed the geometry, so the IFC bytes can be
   * garbage-collected while properties are read (the parse worker sets it: its copy of the bytes is its own).
   */
  releaseInputAfterOpen?: boolean;
  /**
   * Attach property/quantity sets and ObjectType to every spatial tree node (spatial-property-sets.ts), for
   * measuring the model (BIM submission review). Off by default: one more pass over the property relations.
   */
  spatialPropertySets?: boolean;
  /** An initialised web-ifc `IfcAPI` to reuse (it is heavy: ≈ 30 ms to `Init()` plus its wasm heap). */
  ifcApi?: IfcAPI;
}

/** Defaults merged under {@link ParseOptions} (an `undefined` option never overrides them). */
export const PARSE_DEFAULTS = { includeSpaces: false } satisfies Omit<ParseOptions, 'ifcApi'>;

/** The bytes handed to {@link parseIfc}. */
export interface ParseInput {
  bytes: Uint8Array;
  /** Used in every message and in the output. */
  fileName: string;
}

const STAGE = 'parse';

/**
 * The `parse` stage: reads an IFC file with web-ifc into a {@link ParsedModel} (geometry in metres, Y-up;
 * properties, spatial tree, raw georeferencing).
 *
 * Every IfcProduct with body geometry becomes one {@link IfcElement}, except IfcOpeningElement (never) and
 * IfcSpace (only with `includeSpaces`). Elements whose geometry has no triangles or that web-ifc cannot
 * triangulate are reported through `ctx.report.fail` and skipped; the conversion goes on.
 *
 * @param input the IFC bytes and file name
 * @param options see {@link ParseOptions} / {@link PARSE_DEFAULTS}
 * @param ctx logger, report, progress (`onProgress('parse', 0..1)`)
 * @returns the parsed model
 * @throws {IfcParseError} when the file is not STEP, is truncated (names the last complete `#n=` entity) or
 *   web-ifc cannot open it
 * @throws {UnsupportedSchemaError} for schemas other than IFC2X3 / IFC4 / IFC4X3 (incl. pre-releases)
 * @throws {InputError} when no element has triangles, naming the products with a Body representation, their
 *   items and web-ifc's reason (see `nothing-meshed.ts`)
 * @example
 * const model = await parseIfc({ bytes, fileName: 'house.ifc' }, {}, { logger: SILENT_LOGGER, report: new ReportBuilder() });
 * @see https://github.com/ThatOpen/engine_web-ifc
 */
export async function parseIfc(input: ParseInput, options: ParseOptions, ctx: StageContext): Promise<ParsedModel> {
  const { fileName } = input;
  const includeSpaces = options.includeSpaces ?? PARSE_DEFAULTS.includeSpaces;
  const started = performance.now();
  const schemaNames = readFileSchema(input.bytes, fileName);
  const schema = schemaNames[0];
  const schemaFamily = schemaFamilyOf(schema, fileName);
  assertCompleteStepFile(input.bytes, fileName);
  ctx.onProgress?.(STAGE, 0);

  const ownsApi = options.ifcApi === undefined;
  const api = options.ifcApi ?? (await createIfcApi());
  let modelId: number;
  // The bytes web-ifc reads (lower-case hex escapes made upper-case); kept for a second opening (meshFineCurves).
  let stepBytes: Uint8Array = input.bytes;
  try {
    stepBytes = withUpperCaseStepHex(input.bytes, fileName, ctx);
    modelId = api.OpenModel(stepBytes, WEB_IFC_LOADER_SETTINGS);
    if (modelId < 0) throw new IfcParseError(`OpenModel returned ${modelId}`, { context: { file: fileName, schema } });
  } catch (cause) {
    if (ownsApi) api.Dispose();
    throw new IfcParseError(`${fileName}: web-ifc cannot open the file (${(cause as Error).message})`, { context: { file: fileName, schema }, cause });
  }
  let model: ParsedModel;
  let fineCurveIds: number[] = [];
  let failureCount = 0;
  try {
    ctx.logger.debug(`${STAGE}: opened ${fileName} (${schema}) in ${Math.round(performance.now() - started)} ms`);
    ctx.onProgress?.(STAGE, 0.05);
    const lines = new StepLines(api, modelId);
    const projectId = lines.idsOfType(WebIFC.IFCPROJECT)[0] ?? null;
    const lengthUnitM = readLengthUnitM(lines, projectId, fileName);

    const streamed = streamGeometry(api, modelId, {
      includeSpaces,
      classNameOf: (id) => lines.className(id),
      onProgress: (f) => ctx.onProgress?.(STAGE, 0.05 + 0.8 * f),
    });
    for (const warning of streamed.warnings) ctx.report.warn(`${STAGE}: ${warning}`);
    const streamedAt = performance.now();
    ctx.logger.debug(`${STAGE}: geometry streamed in ${Math.round(streamedAt - started)} ms`);
    // Elements with large curves are meshed again, from the bytes, once this model is closed (fine-curves.ts).
    fineCurveIds = findElementsWithLargeCurves(lines, streamed.elementGeometries.map((g) => g.expressId), lengthUnitM);
    // web-ifc holds its own copy; the bytes it read stay only for a second opening, and the caller's bytes (the
    // worker's transferred copy: one IFC size) can go before properties are read — unless nothing meshed: then
    // assertSomethingMeshed names unknown entities from the text.
    if (fineCurveIds.length === 0) stepBytes = new Uint8Array(0);
    if (options.releaseInputAfterOpen && streamed.elementGeometries.length > 0) input.bytes = new Uint8Array(0);

    const elementIds = new Set(streamed.elementGeometries.map((g) => g.expressId));
    const semantics = readElementSemantics(lines, elementIds);
    ctx.onProgress?.(STAGE, 0.92);
    const spatial = readSpatialStructure(lines, projectId, lengthUnitM);
    if (options.spatialPropertySets && spatial.tree) attachSpatialPropertySets(lines, spatial.tree);
    ctx.logger.debug(
      `${STAGE}: geometry ${Math.round(streamedAt - started)} ms, properties + spatial structure ${Math.round(performance.now() - streamedAt)} ms`,
    );

    const elements: IfcElement[] = [];
    const containment: Record<string, string[]> = {};
    for (const { expressId } of streamed.elementGeometries) {
      const args = lines.args(expressId);
      const globalId = textOf(args[0]) ?? `#${expressId}`;
      const ifcClass = lines.className(expressId);
      // A spatial element with geometry (IfcSite terrain, IfcSpace with includeSpaces) sits in the spatial
      // tree already; only a space gets a storey (the one above it).
      const isSpatial = spatial.isSpatial(expressId);
      const containerId = isSpatial && ifcClass !== 'IfcSpace' ? null : spatial.containerOf(expressId);
      const info = semantics.get(expressId);
      elements.push({
        expressId,
        globalId,
        ifcClass,
        name: textOf(args[2]),
        storey: containerId === null ? null : spatial.storeyNameOf(containerId),
        typeName: info?.typeName ?? null,
        material: info?.material ?? null,
        propertySets: info?.propertySets ?? {},
      });
      if (containerId !== null && !isSpatial) (containment[spatial.globalIdOf(containerId)] ??= []).push(globalId);
    }
    const isExcluded = (id: number) => {
      const cls = lines.className(id);
      return ALWAYS_EXCLUDED.has(cls) || (cls === 'IfcSpace' ? !includeSpaces : spatial.isSpatial(id));
    };
    for (const expressId of findProductsWithoutMesh(lines, streamed.streamedIds, isExcluded)) {
      streamed.failures.push({ expressId, reason: 'web-ifc produced no mesh for the Body representation' });
    }
    for (const failure of streamed.failures) {
      const args = lines.args(failure.expressId);
      ctx.report.fail({
        globalId: textOf(args[0]),
        expressId: failure.expressId,
        ifcClass: lines.className(failure.expressId),
        stage: STAGE,
        reason: failure.reason,
      });
    }
    failureCount = streamed.failures.length;
    assertSomethingMeshed({ fileName, bytes: input.bytes, lines, includeSpaces, elementCount: elements.length, failures: streamed.failures });

    model = {
      fileName,
      schema,
      schemaFamily,
      lengthUnitM,
      projectName: projectId === null ? null : textOf(lines.args(projectId)[2]),
      elements,
      geometries: streamed.geometries,
      elementGeometries: streamed.elementGeometries,
      spatialTree: spatial.tree,
      containment,
      georeference: readGeoreferenceSource(lines, schemaFamily, lengthUnitM, fileName),
    };
  } catch (error) {
    api.CloseModel(modelId);
    if (ownsApi) api.Dispose();
    throw error;
  }
  api.CloseModel(modelId);
  try {
    if (fineCurveIds.length > 0) meshFineCurves(api, { bytes: stepBytes, fileName }, fineCurveIds, model, includeSpaces, ctx);
  } catch (error) {
    // The model is complete at the default segmentation: a failed second meshing costs exactness, not the conversion.
    ctx.report.warn(
      `${STAGE}: meshing ${fineCurveIds.length} elements with large curves a second time failed (${(error as Error).message}); ` +
        `they keep ${WEB_IFC_LOADER_SETTINGS.CIRCLE_SEGMENTS} segments per circle`,
    );
  } finally {
    if (ownsApi) api.Dispose();
  }
  if (options.releaseInputAfterOpen) input.bytes = new Uint8Array(0);
  stepBytes = new Uint8Array(0);
  ctx.onProgress?.(STAGE, 1);
  ctx.logger.info(
    `${STAGE}: ${fileName}: ${model.elements.length} elements, ${model.elementGeometries.reduce((n, g) => n + g.placed.length, 0)} placed geometries, ` +
      `${model.geometries.size} unique meshes, ${failureCount} failures in ${Math.round(performance.now() - started)} ms`,
  );
  return model;
}

/**
 * Meshes `ids` again from the same bytes at {@link FINE_CIRCLE_SEGMENTS} and puts their geometry in place of the
 * default one in `model` (fine-curves.ts). An element web-ifc cannot mesh the second time keeps its first mesh
 * (with a warning). The first model must be closed: one model's wasm heap at a time.
 * @param step the bytes the first opening read (hex escapes already upper-case) and the file's name
 */
function meshFineCurves(api: IfcAPI, step: { bytes: Uint8Array; fileName: string }, ids: number[], model: ParsedModel, includeSpaces: boolean, ctx: StageContext): void {
  const started = performance.now();
  const modelId = api.OpenModel(step.bytes, { ...WEB_IFC_LOADER_SETTINGS, CIRCLE_SEGMENTS: FINE_CIRCLE_SEGMENTS });
  if (modelId < 0) throw new IfcParseError(`OpenModel returned ${modelId} on the second opening`, { context: { file: step.fileName } });
  try {
    const lines = new StepLines(api, modelId);
    const fine = streamGeometry(api, modelId, { includeSpaces, onlyIds: ids, classNameOf: (id) => lines.className(id), geometryKey: (id) => -id });
    const fineById = new Map(fine.elementGeometries.map((g) => [g.expressId, g]));
    model.elementGeometries = model.elementGeometries.map((g) => fineById.get(g.expressId) ?? g);
    for (const [key, mesh] of fine.geometries) model.geometries.set(key, mesh);
    const placedKeys = new Set(model.elementGeometries.flatMap((g) => g.placed.map((p) => p.geometryExpressId)));
    for (const key of model.geometries.keys()) if (!placedKeys.has(key)) model.geometries.delete(key);
    const kept = ids.length - fineById.size;
    if (kept > 0) ctx.report.warn(`${STAGE}: ${kept} of ${ids.length} elements with large curves could not be meshed finely; they keep ${WEB_IFC_LOADER_SETTINGS.CIRCLE_SEGMENTS} segments per circle`);
    ctx.report.note(
      `${STAGE}: ${fineById.size} elements with curves above ${COARSE_RADIUS_LIMIT_M * 1000} mm radius (or revolves) meshed at CIRCLE_SEGMENTS ` +
        `${FINE_CIRCLE_SEGMENTS} (4° per segment) in ${Math.round(performance.now() - started)} ms; the others at ${WEB_IFC_LOADER_SETTINGS.CIRCLE_SEGMENTS}`,
    );
  } finally {
    api.CloseModel(modelId);
  }
}

/**
 * Creates and initialises a web-ifc `IfcAPI` with its log output silenced (errors surface through our own
 * checks and the report).
 * @returns a ready IfcAPI (Node build; finds its wasm beside the package)
 * @see web-ifc IfcAPI.Init / SetLogLevel
 */
export async function createIfcApi(): Promise<IfcAPI> {
  const api = new WebIFC.IfcAPI();
  await api.Init();
  api.SetLogLevel(WebIFC.LogLevel.LOG_LEVEL_OFF);
  return api;
}
