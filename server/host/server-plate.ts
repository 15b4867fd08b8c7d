import type { AnyRouter } from '@trpc/server';
import type { SQL } from 'drizzle-orm';
import { invariant } from '@kernel/errors';
import type { LayerDefinition } from '@kernel/layer-kinds';
import type { Logger } from '@kernel/logger';
import type { Actor } from '@server/api/actor';
import type { Db } from '@server/db/client';
import type { JobHandler } from '@server/jobs/job-handler';

/**
 * The server side of a plate (业务板块): what the host needs to mount it. A plate owns `server/<slug>/` and
 * declares itself in `server/<slug>/plate.ts` with {@link definePlate}; `server/plates.ts` lists the plates (one
 * line each). From that list the host builds the tRPC root router (one router per slug), the worker's queues,
 * the `/api/geo/<layerId>` sources, the layer catalogue seed and the seed step of `npm start`.
 */

/** A GeoJSON source of one catalogue layer, served at `GET /api/geo/<layerId>`. */
export interface GeoLayerSource {
  /**
   * SQL that returns one row with one column `body`: the FeatureCollection as JSON text (WGS84 lon/lat degrees,
   * RFC 7946). Region-scoped layers filter on `actor` here (null = anonymous).
   */
  query(actor: Actor | null): SQL<string>;
  /**
   * `public`: the same answer for every caller, changing only when the plate is seeded again — the host keeps it
   * compressed in memory with an ETag. `private`: built per request, never shared between callers.
   */
  cache: 'public' | 'private';
}

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
  /** Catalogue layers this plate adds (upserted by the seed step; `plate` must equal `slug`). */
  layers?: readonly LayerDefinition[];
  /** Seeds the plate's own tables; idempotent (runs on every `npm start`). Returns a one-line summary. */
  seed?(db: Db, ctx: PlateSeedContext): Promise<string>;
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
    slugs.add(plate.slug);
    for (const layer of plate.layers ?? []) {
      invariant(layer.plate === plate.slug, `plates: ${plate.slug}: layer ${layer.id} says plate ${layer.plate}`);
      invariant(!layerIds.has(layer.id), `plates: layer id ${layer.id} is declared twice`);
      layerIds.add(layer.id);
    }
    for (const layerId of Object.keys(plate.geoLayers ?? {})) {
      invariant(
        (plate.layers ?? []).some((layer) => layer.id === layerId),
        `plates: ${plate.slug}: GeoJSON source ${layerId} has no catalogue layer of this plate`,
      );
    }
  }
}

/**
 * Loads every plate's job handlers (the worker's queues), in plate order.
 * @throws {InvariantError} when a queue is not prefixed by its plate's slug or two handlers share a queue
 */
export async function loadJobHandlers(plates: readonly ServerPlate[]): Promise<JobHandler[]> {
  const handlers: JobHandler[] = [];
  for (const plate of plates) {
    for (const job of (await plate.jobs?.()) ?? []) {
      invariant(job.queue.startsWith(`${plate.slug}.`), `plates: ${plate.slug}: job queue ${job.queue} must start with "${plate.slug}."`);
      invariant(!handlers.some((handler) => handler.queue === job.queue), `plates: job queue ${job.queue} is declared twice`);
      handlers.push(job);
    }
  }
  return handlers;
}
