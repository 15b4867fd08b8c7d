import type { AnyRouter } from '@trpc/server';
import type { SQL } from 'drizzle-orm';
import { invariant } from '@kernel/errors';
import { GEOJSON_DATA_KINDS, type LayerDefinition } from '@kernel/layer-kinds';
import { layerIdSchema } from '@kernel/zod-fields';
import type { Logger } from '@kernel/logger';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import { MAX_JOB_EXPIRY_S, MAX_JOB_RETRIES, type JobHandler } from '@server/jobs/job-handler';
import type { PlateSearch } from './plate-search';

/**
 * The server side of a plate (业务板块): what the host needs to mount it. A plate owns `server/<slug>/` and
 * declares itself in `server/<slug>/plate.ts` with {@link definePlate}; `server/plates.ts` lists the plates (one
 * line each). From that list the host builds the tRPC root router (one router per slug), the worker's queues,
 * the `/api/geo/<layerId>` sources, the layer catalogue seed and the seed step of `npm start`.
 */

/**
 * A GeoJSON source of one catalogue layer, served at `GET /api/geo/<layerId>`. Its SQL returns one row with one
 * column `body`: the FeatureCollection as JSON text (WGS84 lon/lat degrees, RFC 7946; each feature's `id` is what a
 * pick selects).
 * - `public`: the same answer for every caller (it gets no actor), changing only when the plate is seeded again —
 *   the host keeps it in memory with an ETag.
 * - `private`: built per request for the caller (`null` = anonymous: filter to what anyone may see), never shared.
 */
export type GeoLayerSource =
  | { cache: 'public'; query(): SQL<string> }
  | { cache: 'private'; query(actor: Actor | null): SQL<string> };

/** What a plate's seed step receives. */
export interface PlateSeedContext {
  logger: Logger;
  /** Folder of the shared sample data (`SHARED_DATA_DIR`: ifc/, geo/, villages/, sensors/). */
  sharedDataDir: string;
}

/** The server side of one plate. */
export interface ServerPlate<Slug extends string = string, Router extends AnyRouter = AnyRouter> {
  /** Plate slug (STYLE.md table): router key, folder names, table prefix, route. */
  slug: Slug;
  /** The plate's router, mounted under `slug`. */
  router: Router;
  /**
   * Loads the job handlers the worker process (`npm run worker`) runs; queue names start with `<slug>.`. A function
   * with a dynamic import (marked `turbopackIgnore`), so that the web server's bundle does not contain job code
   * such as the tiler (its worker threads cannot be bundled).
   */
  jobs?: () => Promise<readonly JobHandler[]>;
  /** GeoJSON sources by catalogue layer id (the ids this plate's `layers` declare with kind `geojson`/`points`/`tubes`). */
  geoLayers?: Readonly<Record<string, GeoLayerSource>>;
  /**
   * GeoJSON sources of catalogue rows made at run time (not seeded), e.g. the twin plate's uploaded vector layers:
   * asked for a data-driven layer that no `geoLayers` entry serves; `undefined` = not this plate's. A private source
   * whose query returns no row answers "not found" (the caller may not see the layer).
   */
  runtimeGeoLayer?(layer: { id: string; plate: string; origin: string; visibility: string }): GeoLayerSource | undefined;
  /** Catalogue layers this plate adds (upserted by the seed step; `plate` must equal `slug`). */
  layers?: readonly LayerDefinition[];
  /** Seeds the plate's own tables; idempotent (runs on every `npm start`). Returns a one-line summary. */
  seed?(db: Db, ctx: PlateSeedContext): Promise<string>;
  /**
   * The plate's part of the header search (`search.query`, server/host/plate-search.ts): results the actor may see.
   * Runs in a read-only transaction with a statement timeout, in parallel with the other plates.
   */
  search?: PlateSearch;
}

/**
 * Declares a plate (keeps its literal slug and router type for the root router's type).
 * @example export const TWIN_PLATE = definePlate({ slug: 'twin', router: twinRouter, jobs: async () => (await import('./jobs')).TWIN_JOBS });
 */
export function definePlate<const Slug extends string, Router extends AnyRouter>(
  plate: ServerPlate<Slug, Router>,
): ServerPlate<Slug, Router> {
  return plate;
}

/** The tRPC router record of a plate list: `{ [slug]: router }`, typed per plate. */
export type PlateRouterRecord<Plates extends readonly ServerPlate[]> = {
  [Plate in Plates[number] as Plate['slug']]: Plate['router'];
};

/**
 * The router record of `plates` for `router(...)` in root.ts.
 * @throws {InvariantError} when two plates share a slug, or a plate declares a layer or GeoJSON source of another
 *   plate
 */
export function plateRouterRecord<const Plates extends readonly ServerPlate[]>(plates: Plates): PlateRouterRecord<Plates> {
  assertPlateList(plates);
  return Object.fromEntries(plates.map((plate) => [plate.slug, plate.router])) as PlateRouterRecord<Plates>;
}

/** Router keys the host mounts beside the plates (root.ts); no plate may take one as its slug. */
export const HOST_ROUTER_KEYS: readonly string[] = ['search'];

/**
 * Checks the rules every plate list must keep (see {@link plateRouterRecord}).
 * @throws {InvariantError} naming the plate and the rule it breaks
 */
export function assertPlateList(plates: readonly ServerPlate[]): void {
  const slugs = new Set<string>();
  const layerIds = new Set<string>();
  for (const plate of plates) {
    invariant(/^[a-z]+$/.test(plate.slug), `plates: slug must be lower-case letters, got ${JSON.stringify(plate.slug)}`);
    invariant(!slugs.has(plate.slug), `plates: slug ${plate.slug} is listed twice`);
    invariant(!HOST_ROUTER_KEYS.includes(plate.slug), `plates: slug ${plate.slug} is a router key of the host`);
    slugs.add(plate.slug);
    const sources = plate.geoLayers ?? {};
    for (const layer of plate.layers ?? []) {
      invariant(layer.plate === plate.slug, `plates: ${plate.slug}: layer ${layer.id} says plate ${layer.plate}`);
      invariant(layerIdSchema.safeParse(layer.id).success, `plates: ${plate.slug}: layer id ${JSON.stringify(layer.id)} must be lower-case words joined by "-"`);
      invariant(!layerIds.has(layer.id), `plates: layer id ${layer.id} is declared twice`);
      invariant(layer.cimLevel === null || (Number.isInteger(layer.cimLevel) && layer.cimLevel >= 1 && layer.cimLevel <= 7), `plates: ${layer.id}: cimLevel must be 1..7 or null, got ${layer.cimLevel}`);
      layerIds.add(layer.id);
      const isDataKind = GEOJSON_DATA_KINDS.includes(layer.kind);
      if (isDataKind) {
        invariant(Object.hasOwn(sources, layer.id), `plates: ${plate.slug}: ${layer.kind} layer ${layer.id} has no GeoJSON source in geoLayers`);
        invariant(layer.url === `/api/geo/${layer.id}`, `plates: ${layer.id}: url must be /api/geo/${layer.id}, got ${layer.url}`);
      } else {
        invariant(/^(\/[^/]|https:\/\/)/.test(layer.url), `plates: ${layer.id}: url must be a same-site path or https://, got ${layer.url}`);
      }
    }
    for (const layerId of Object.keys(sources)) {
      const layer = (plate.layers ?? []).find((candidate) => candidate.id === layerId);
      invariant(layer, `plates: ${plate.slug}: GeoJSON source ${layerId} has no catalogue layer of this plate`);
      invariant(GEOJSON_DATA_KINDS.includes(layer.kind), `plates: ${layerId}: a GeoJSON source needs a layer of kind ${GEOJSON_DATA_KINDS.join('/')}, not ${layer.kind}`);
    }
  }
}

/**
 * Loads every plate's job handlers (the worker's queues), in plate order.
 * @throws {InvariantError} when the list breaks {@link assertPlateList}, a queue is not `<slug>.<job>`, two handlers
 *   share a queue, or a policy retries more than `MAX_JOB_RETRIES` times or lacks a sane `expireInSeconds`
 */
export async function loadJobHandlers(plates: readonly ServerPlate[]): Promise<JobHandler[]> {
  assertPlateList(plates);
  const handlers: JobHandler[] = [];
  for (const plate of plates) {
    for (const job of (await plate.jobs?.()) ?? []) {
      invariant(new RegExp(`^${plate.slug}\\.[a-z0-9]+(-[a-z0-9]+)*$`).test(job.queue), `plates: ${plate.slug}: job queue ${job.queue} must be "${plate.slug}.<job>" (lower-case words joined by "-")`);
      const { retryLimit = 0, expireInSeconds } = job.policy;
      invariant(retryLimit >= 0 && retryLimit <= MAX_JOB_RETRIES, `plates: ${job.queue}: retryLimit must be 0..${MAX_JOB_RETRIES}, got ${retryLimit}`);
      invariant(expireInSeconds >= 1 && expireInSeconds <= MAX_JOB_EXPIRY_S, `plates: ${job.queue}: expireInSeconds must be 1..${MAX_JOB_EXPIRY_S}, got ${expireInSeconds}`);
      invariant(!handlers.some((handler) => handler.queue === job.queue), `plates: job queue ${job.queue} is declared twice`);
      handlers.push(job);
    }
  }
  return handlers;
}
