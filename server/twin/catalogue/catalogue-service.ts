import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { changedFields, recordAudit } from '@server/accounts/audit';
import { regionScopeSql } from '@server/accounts/region-scope';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { layers, type LayerOrigin, type LayerVisibility } from '@server/db/schema/twin';
import { ConflictError, InputError, NotFoundError } from '@kernel/errors';
import type { LayerKind, LayerKindOptions, LayerStyle } from '@kernel/layer-kinds';
import type { RegisterInput, UpdateInput, UploadFields } from './inputs';
import { assertOriginBudget } from './csp-origins';
import { assertAdministers, IS_CATALOGUE_ROW } from './layer-access';
import { checkServiceUrl, type ServiceUrlForm } from './service-url';

/**
 * The CIM resource catalogue (资源目录) of admins: register third-party services (imagery, terrain, external 3D Tiles,
 * GeoJSON URLs), change their metadata, remove them, list them. Uploaded layers (./tileset-upload.ts,
 * ./vector-upload.ts) are created through {@link insertCatalogueLayer} too. Every change is audited in the same
 * transaction (server/accounts/audit.ts). Seeded rows are not listed here and cannot be changed (a seed would undo it).
 * @see docs/api.md "twin.catalogue"
 */

/** One registered or uploaded layer as the admin table shows it. */
export interface CatalogueEntry {
  id: string;
  kind: LayerKind;
  origin: LayerOrigin;
  title: string;
  titleEn: string;
  cimLevel: number | null;
  regionCode: string | null;
  visibility: LayerVisibility;
  attribution: string | null;
  url: string;
  defaultVisible: boolean;
  sortOrder: number;
  source: string;
  options: LayerKindOptions[LayerKind] | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Prefix of the ids of registered and uploaded layers (`catalogue-<12 hex>`). */
export const CATALOGUE_LAYER_ID_PREFIX = 'catalogue-';

/** A fresh layer id: {@link CATALOGUE_LAYER_ID_PREFIX} + 48 random bits in hex. */
export function newCatalogueLayerId(): string {
  return `${CATALOGUE_LAYER_ID_PREFIX}${randomBytes(6).toString('hex')}`;
}

const ENTRY_COLUMNS = {
  id: layers.id,
  kind: layers.kind,
  origin: layers.origin,
  title: layers.title,
  titleEn: layers.titleEn,
  cimLevel: layers.cimLevel,
  regionCode: layers.regionCode,
  visibility: layers.visibility,
  attribution: layers.attribution,
  url: layers.url,
  defaultVisible: layers.defaultVisible,
  sortOrder: layers.sortOrder,
  source: layers.source,
  options: layers.options,
  createdAt: layers.createdAt,
  updatedAt: layers.updatedAt,
};

/** Registered and uploaded layers of the admin's region scope, in tree order. */
export async function listCatalogue(db: Db, actor: Actor): Promise<CatalogueEntry[]> {
  return db
    .select(ENTRY_COLUMNS)
    .from(layers)
    .where(and(IS_CATALOGUE_ROW, regionScopeSql(layers.regionCode, actor.regionCode)))
    .orderBy(asc(layers.sortOrder), asc(layers.id));
}

/** One entry of the admin's scope. @throws {NotFoundError} when absent, seeded, or outside the scope */
async function entryInScope(db: Db, actor: Actor, id: string): Promise<CatalogueEntry> {
  const [row] = await db
    .select(ENTRY_COLUMNS)
    .from(layers)
    .where(and(eq(layers.id, id), IS_CATALOGUE_ROW, regionScopeSql(layers.regionCode, actor.regionCode)));
  if (!row) throw new NotFoundError(`catalogue: no registered or uploaded layer ${id} in your region`, { context: { id } });
  return row;
}

/** The URL form of a registration (which placeholders it needs). */
function urlFormOf(input: RegisterInput): ServiceUrlForm {
  switch (input.kind) {
    case 'imagery':
      return input.options.scheme;
    case 'terrain':
      return 'terrain';
    case 'external-tileset':
      return 'tileset';
    case 'geojson':
      return 'geojson';
  }
}

/** Kind options as stored, after the checks that span url and options. @throws {InputError} */
function optionsOf(input: RegisterInput): LayerKindOptions[LayerKind] | null {
  if (input.kind !== 'imagery') return input.kind === 'geojson' ? null : input.options;
  const { options, url } = input;
  if (/\{layer\}/.test(url) && !options.layer) throw new InputError('options.layer: the url has {layer}, so the WMTS layer identifier is required');
  if (/\{TileMatrixSet\}/.test(url) && !options.tileMatrixSetId) throw new InputError('options.tileMatrixSetId: the url has {TileMatrixSet}, so the tile matrix set is required');
  if (options.scheme !== 'wmts' && (options.layer || options.tileMatrixSetId || options.wmtsStyle)) {
    throw new InputError('options: layer, wmtsStyle and tileMatrixSetId apply to scheme wmts only');
  }
  return { ...options, ...(input.attribution ? { credit: input.attribution } : {}) };
}

/** What {@link insertCatalogueLayer} writes. */
export interface NewCatalogueLayer extends Omit<UploadFields, 'attribution'> {
  id: string;
  origin: Exclude<LayerOrigin, 'seed'>;
  kind: LayerKind;
  url: string;
  source: string;
  attribution: string;
  style: LayerStyle | null;
  options: LayerKindOptions[LayerKind] | null;
}

/** Registered plus uploaded layers one region may hold: bounds the catalogue every visitor of the twin downloads. */
export const CATALOGUE_LAYERS_MAX_PER_REGION = 200;

/**
 * Inserts a registered or uploaded layer and its audit row in `tx` (the caller's transaction).
 * @throws {ScopeError} when the region lies outside the actor's scope
 * @throws {ConflictError} when the region already holds {@link CATALOGUE_LAYERS_MAX_PER_REGION} such layers
 */
export async function insertCatalogueLayer(tx: Db, actor: Actor, layer: NewCatalogueLayer): Promise<void> {
  assertAdministers(actor, layer.regionCode);
  // One region's registrations at a time (two admins racing cannot pass the cap together).
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('twin.catalogue'), hashtext(${layer.regionCode}))`);
  const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(layers).where(and(eq(layers.regionCode, layer.regionCode), IS_CATALOGUE_ROW));
  if (count >= CATALOGUE_LAYERS_MAX_PER_REGION) {
    throw new ConflictError(`catalogue: region ${layer.regionCode} already has ${count} registered or uploaded layers (at most ${CATALOGUE_LAYERS_MAX_PER_REGION}); remove one first`, {
      context: { regionCode: layer.regionCode, count },
    });
  }
  const row = { ...layer, plate: 'twin', attribution: layer.attribution || null, createdBy: actor.userId };
  await tx.insert(layers).values(row);
  const { createdBy: _createdBy, ...after } = row;
  await recordAudit(tx, actor, { action: 'create', tableName: 'layers', recordId: layer.id, recordRegionCode: layer.regionCode, after });
}

/**
 * Registers a service as a catalogue layer (see module doc). The URL is checked, never fetched.
 * @returns the new entry
 * @throws {InputError} for a URL that does not fit its kind (./service-url.ts), options that do not fit the URL, or
 *   origins past the twin page policy's room (./csp-origins.ts)
 * @throws {ScopeError} when `regionCode` lies outside the admin's scope
 */
export async function registerLayer(db: Db, actor: Actor, input: RegisterInput): Promise<CatalogueEntry> {
  assertAdministers(actor, input.regionCode);
  const subdomains = input.kind === 'imagery' ? (input.options.subdomains ?? []) : [];
  const { url, origins } = checkServiceUrl(urlFormOf(input), input.url, subdomains);
  const options = optionsOf(input);
  await assertOriginBudget(db, origins);
  const id = newCatalogueLayerId();
  const { kind, title, titleEn, cimLevel, regionCode, visibility, attribution, defaultVisible, sortOrder } = input;
  await db.transaction(async (tx) => {
    await insertCatalogueLayer(tx, actor, {
      id,
      origin: 'registered',
      kind,
      url,
      source: `Registered service (${kind}${input.kind === 'imagery' ? ` ${input.options.scheme}` : ''}) ${new URL(url.replace(/\{[^{}]*\}/g, '0')).origin}`,
      title,
      titleEn,
      cimLevel,
      regionCode,
      visibility,
      attribution,
      defaultVisible,
      sortOrder,
      style: input.kind === 'geojson' && input.stroke ? { stroke: input.stroke, width: 2 } : null,
      options,
    });
  });
  return entryInScope(db, actor, id);
}

/**
 * Changes the metadata of a registered or uploaded layer (title, CIM level, region, visibility, attribution,
 * default on/off, order). A new region must also lie in the admin's scope.
 * @throws {NotFoundError} when the layer is not a registered/uploaded layer of the admin's scope
 * @throws {ScopeError} when the new `regionCode` lies outside it
 */
export async function updateLayer(db: Db, actor: Actor, input: UpdateInput): Promise<CatalogueEntry> {
  const { id, ...change } = input;
  const entry = await entryInScope(db, actor, id);
  if (change.regionCode !== undefined) assertAdministers(actor, change.regionCode);
  const wanted = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) as Partial<CatalogueEntry>;
  if (wanted.attribution === '') wanted.attribution = null;
  const diff = changedFields(entry as unknown as Record<string, unknown>, wanted as Record<string, unknown>);
  if (Object.keys(diff.after).length === 0) return entry;
  const options = entry.kind === 'imagery' && 'attribution' in diff.after ? { ...(entry.options as object), credit: diff.after.attribution ?? undefined } : undefined;
  await db.transaction(async (tx) => {
    await tx.update(layers).set({ ...diff.after, ...(options ? { options: options as LayerKindOptions['imagery'] } : {}), updatedAt: new Date() }).where(eq(layers.id, id));
    await recordAudit(tx, actor, { action: 'update', tableName: 'layers', recordId: id, recordRegionCode: (wanted.regionCode ?? entry.regionCode) as string, ...diff });
  });
  return entryInScope(db, actor, id);
}

/** Folder of uploaded tilesets under `TILES_DIR` (`catalogue/<layerId>/`). */
export const CATALOGUE_TILES_FOLDER = 'catalogue';

/**
 * Removes a registered or uploaded layer: its uploaded features go with it (`ON DELETE CASCADE`), an uploaded
 * tileset's folder `<tilesRoot>/catalogue/<id>` is deleted after the commit.
 * @param options.tilesRoot absolute `TILES_DIR`
 * @returns the removed entry
 * @throws {NotFoundError} when the layer is not a registered/uploaded layer of the admin's scope
 */
export async function removeLayer(db: Db, actor: Actor, input: { id: string }, options: { tilesRoot: string }): Promise<CatalogueEntry> {
  const entry = await entryInScope(db, actor, input.id);
  await db.transaction(async (tx) => {
    await tx.delete(layers).where(eq(layers.id, entry.id));
    const { createdAt: _c, updatedAt: _u, ...before } = entry;
    await recordAudit(tx, actor, { action: 'delete', tableName: 'layers', recordId: entry.id, recordRegionCode: entry.regionCode, before });
  });
  if (entry.origin === 'uploaded' && entry.kind === 'external-tileset') {
    await rm(path.join(options.tilesRoot, CATALOGUE_TILES_FOLDER, entry.id), { recursive: true, force: true });
  }
  return entry;
}
