import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit, type CliActor } from '@server/accounts/audit';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { elements, models, type ModelVisibility } from '@server/db/schema/twin';
import { tilesetUrlOf } from './models-service';
import { GanTwinError, InputError } from '@kernel/errors';
import { SILENT_LOGGER, type Logger } from '@kernel/logger';
import { convertIfc, IMPORT_ELEMENTS_PATH, TILER_VERSION } from '@tiling/index';
import type { ConversionReport } from '@tiling/index';
import type { Placement } from '@tiling/index';
import { footprintOfEnuBounds, footprintOfEnuBox, footprintOfEnuRing } from './enu-footprint';

/**
 * The conversion job: IFC file → tileset under `TILES_DIR/<modelId>/` → `models` row + `elements` rows.
 *
 * Notes: cached by (SHA-256 of the source bytes, canonical placement): a ready row whose tileset.json still
 * exists is returned as is. The tiler commits its output atomically (temp dir + rename), and the model row and
 * all element rows are written in ONE transaction, so readers never see a half-registered model. A failure
 * marks only this (file, placement) row `failed` with the error message; other rows — e.g. the earlier ready
 * version of the same building — are untouched. Failures are returned, not thrown, so a batch can go on.
 */

/** One model to convert: the source file, its name and, optionally, where it stands. */
export interface ConvertModelInput {
  /** Path of the IFC (`.ifc`, `.ifczip`, `.zip`). */
  sourcePath: string;
  /** Display name (zh-CN). */
  name: string;
  /** Display name in English (`models.name_en`); absent/null = the model shows `name` in every locale. */
  nameEn?: string | null;
  /** Explicit placement; absent = the file's own georeferencing. */
  placement?: Placement;
  /** 6-digit admin code of the region the model stands in. */
  regionCode?: string | null;
  /** Who may see the model (default `internal`: signed-in accounts of its region; samples are `public`). */
  visibility?: ModelVisibility;
  /** Convert again even when a ready conversion of the same bytes + placement exists (e.g. a new tiler). */
  force?: boolean;
  /** Who asked for the conversion, for the audit trail (default: the command line, `cli:convert-model`). */
  requestedBy?: Actor | CliActor;
}

/** Where the job writes and what it calls (all injectable for tests). */
export interface ConvertModelDeps {
  /** Absolute `TILES_DIR`; each model gets `<tilesDir>/<modelId>/`. */
  tilesDir: string;
  logger?: Logger;
  /** Progress of the running tiling stage, fraction 0..1. */
  onProgress?: (stage: string, fraction: number) => void;
  /** The converter (default: the tiling library's `convertIfc`); injected by tests. */
  convert?: typeof convertIfc;
  /** Element rows per INSERT statement (default {@link ELEMENT_INSERT_BATCH_SIZE}). */
  batchSize?: number;
}

/** The outcome of {@link convertModel}; failures are values, not exceptions. */
export interface ConvertModelResult {
  /** The `models.id` of this (file, placement). */
  id: string;
  status: 'ready' | 'failed';
  /** True when an earlier conversion was reused. */
  cached: boolean;
  elementCount: number;
  /** `/tiles/<id>/tileset.json`. */
  tilesetUrl: string;
  /** The failure message when `status` is 'failed'. */
  error: string | null;
  /**
   * Whether the failure may go away on another try: an error that is not a `GanTwinError` (file system, database,
   * a crash). A broken file, an unsupported schema or bad georeferencing is final. `false` on success.
   */
  isRetryable: boolean;
}

/**
 * Element rows per INSERT: 1000 rows × 10 columns stays far below PostgreSQL's 65,535 bind parameters per
 * statement while keeping round trips few (a 50k-element model is 50 statements).
 */
export const ELEMENT_INSERT_BATCH_SIZE = 1000;

const propertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** One line of the tiler's `import/elements.ndjson` (tiling/stages/write/write.ts `ElementProperties`). */
const importElementSchema = z.object({
    globalId: z.string().min(1),
    expressId: z.number().int(),
    ifcClass: z.string().min(1),
    name: z.string().nullable(),
    storey: z.string().nullable(),
    typeName: z.string().nullable(),
    material: z.string().nullable(),
    propertySets: z.record(z.string(), z.record(z.string(), propertyValue)),
    /** Element AABB, ENU metres at the tileset anchor (tiler ≥ 0.1; absent in older outputs). */
    boundsEnu: z
      .object({ min: z.tuple([z.number(), z.number(), z.number()]), max: z.tuple([z.number(), z.number(), z.number()]) })
      .nullable()
      .optional(),
  });
const tilesetRootSchema = z.object({ root: z.object({ boundingVolume: z.object({ box: z.array(z.number()).optional() }) }) });

/** Canonical JSON of a placement (fixed key order), '' for none: part of the cache key. */
export function placementKeyOf(placement: Placement | undefined): string {
  if (!placement) return '';
  const { lonDeg, latDeg, heightM, headingDeg } = placement;
  return JSON.stringify({ lonDeg, latDeg, heightM, headingDeg });
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256OfFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

/**
 * The failure message as stored in `models.error_message` and served by `twin.models.byId`: the error's message
 * with the server's directories (the source's folder, `TILES_DIR`) cut out, so it names the file, not the layout
 * of the server's disks.
 */
function publicMessageOf(error: unknown, serverDirs: readonly string[]): string {
  let message = error instanceof Error ? error.message : String(error);
  // Longest first: TILES_DIR may lie inside the source's folder.
  for (const dir of [...serverDirs].sort((a, b) => b.length - a.length)) message = message.replaceAll(`${dir}${path.sep}`, '');
  return message;
}

/**
 * Converts (or reuses) one IFC model and registers it with its elements.
 * @returns the row id and outcome; a failed conversion is returned with `status: 'failed'` and `error`
 * @throws {InputError} when the source file does not exist (nothing is written then)
 * @example
 * const r = await convertModel(db, { sourcePath, name: 'FZK-Haus', placement }, { tilesDir: env.TILES_DIR });
 */
export async function convertModel(db: Db, input: ConvertModelInput, deps: ConvertModelDeps): Promise<ConvertModelResult> {
  const logger = deps.logger ?? SILENT_LOGGER;
  if (!existsSync(input.sourcePath)) throw new InputError(`convert-model: ${input.sourcePath} does not exist`);
  const sourceSha256 = await sha256OfFile(input.sourcePath);
  const placementKey = placementKeyOf(input.placement);
  const fileName = path.basename(input.sourcePath);
  const regionCode = input.regionCode ?? null;
  const visibility = input.visibility ?? 'internal';
  const auditActor = input.requestedBy ?? { cli: 'convert-model' };
  const nameEn = input.nameEn ?? null;

  const [existing] = await db
    .select({
      id: models.id,
      status: models.status,
      tilesetDir: models.tilesetDir,
      elementCount: models.elementCount,
      generator: sql<string | null>`${models.report}->>'generator'`,
    })
    .from(models)
    .where(and(eq(models.sourceSha256, sourceSha256), eq(models.placementKey, placementKey)));
  // Reuse only what this tiler version made: a newer tiler (TILER_VERSION) redoes the conversion.
  const isReusable =
    existing?.status === 'ready' &&
    existing.generator === TILER_VERSION &&
    existsSync(path.join(deps.tilesDir, existing.tilesetDir, 'tileset.json'));
  if (!input.force && isReusable) {
    await db.update(models).set({ name: input.name, nameEn, regionCode, visibility }).where(eq(models.id, existing.id));
    logger.info(`convert-model: ${fileName} unchanged, reusing model ${existing.id}`);
    return { id: existing.id, status: 'ready', cached: true, elementCount: existing.elementCount, tilesetUrl: tilesetUrlOf(existing.id), error: null, isRetryable: false };
  }

  const id = existing?.id ?? randomUUID();
  const tilesetDir = id;
  const converting = { name: input.name, nameEn, fileName, status: 'converting' as const, errorMessage: null, regionCode, visibility, tilesetDir, updatedAt: sql`now()` };
  await db.transaction(async (tx) => {
    if (existing) await tx.update(models).set(converting).where(eq(models.id, id));
    else await tx.insert(models).values({ id, sourceSha256, placementKey, ...converting });
    await recordAudit(tx, auditActor, {
      action: existing ? 'update' : 'create',
      tableName: 'models',
      recordId: id,
      recordRegionCode: regionCode,
      before: existing ? { status: existing.status } : null,
      after: { name: input.name, nameEn, fileName, status: 'converting', regionCode, visibility, sourceSha256 },
    });
  });

  try {
    const convert = deps.convert ?? convertIfc;
    const outDir = path.join(deps.tilesDir, tilesetDir);
    const { report } = await convert(input.sourcePath, { outDir, placement: input.placement }, { logger, onProgress: deps.onProgress });
    const elementCount = await registerOutput(db, id, outDir, report, deps.batchSize ?? ELEMENT_INSERT_BATCH_SIZE);
    logger.info(`convert-model: ${fileName} → model ${id}, ${elementCount} elements`);
    return { id, status: 'ready', cached: false, elementCount, tilesetUrl: tilesetUrlOf(id), error: null, isRetryable: false };
  } catch (error) {
    const message = publicMessageOf(error, [path.dirname(path.resolve(input.sourcePath)), path.resolve(deps.tilesDir)]);
    logger.error(`convert-model: ${fileName} failed: ${message}`);
    await db.update(models).set({ status: 'failed', errorMessage: message, updatedAt: sql`now()` }).where(eq(models.id, id));
    return { id, status: 'failed', cached: false, elementCount: 0, tilesetUrl: tilesetUrlOf(id), error: message, isRetryable: !(error instanceof GanTwinError) };
  }
}

/**
 * Reads the tiler's database import file line by line (never one string: a 1 GB IFC's is ≈ 540 MB).
 * @throws {z.ZodError} naming the first malformed line's fields; {@link InputError} for a line that is not JSON
 */
async function readImportElements(file: string): Promise<z.output<typeof importElementSchema>[]> {
  const out: z.output<typeof importElementSchema>[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new InputError(`convert-model: ${IMPORT_ELEMENTS_PATH} line ${lineNumber} is not JSON`, { cause: error });
    }
    out.push(importElementSchema.parse(json));
  }
  return out;
}

/** Writes the ready model row and all its element rows in one transaction; returns the element count. */
async function registerOutput(db: Db, id: string, outDir: string, report: ConversionReport, batchSize: number): Promise<number> {
  const properties = await readImportElements(path.join(outDir, IMPORT_ELEMENTS_PATH));
  const tileset = tilesetRootSchema.parse(await readJson(path.join(outDir, 'tileset.json')));
  const georef = report.georeference;
  const box = tileset.root.boundingVolume.box;
  const shape = georef && box ? footprintOfEnuBox(georef.anchor, box) : null;
  const rows = properties.map((p) => ({
    modelId: id,
    globalId: p.globalId,
    expressId: p.expressId,
    ifcClass: p.ifcClass,
    name: p.name,
    storey: p.storey,
    typeName: p.typeName,
    material: p.material,
    propertySets: p.propertySets,
    bboxEnu: p.boundsEnu ?? null,
    footprint: georef && p.boundsEnu ? footprintOfEnuBounds(georef.anchor, p.boundsEnu) : null,
  }));
  await db.transaction(async (tx) => {
    await tx
      .update(models)
      .set({
        status: 'ready',
        errorMessage: null,
        schema: report.input.schema,
        georef,
        georefMethod: georef?.method ?? 'none',
        epsg: georef?.epsg ?? null,
        anchor: georef ? { type: 'Point', coordinates: [georef.anchor.lonDeg, georef.anchor.latDeg, georef.anchor.heightM] } : null,
        headingDeg: georef?.headingDeg ?? null,
        // The tiler's plan outline (true to rotated buildings); the root box only for outputs without one.
        footprint: (georef && report.footprintEnu ? footprintOfEnuRing(georef.anchor, report.footprintEnu) : null) ?? shape?.footprint ?? null,
        heightM: shape?.heightM ?? null,
        elementCount: rows.length,
        report,
        updatedAt: sql`now()`,
      })
      .where(eq(models.id, id));
    await tx.delete(elements).where(eq(elements.modelId, id));
    for (let i = 0; i < rows.length; i += batchSize) await tx.insert(elements).values(rows.slice(i, i + batchSize));
  });
  return rows.length;
}
