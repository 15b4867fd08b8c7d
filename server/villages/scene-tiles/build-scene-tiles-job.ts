import { z } from 'zod';
import { uuidSchema } from '@kernel/zod-fields';
import { defineJob } from '@server/jobs/job-handler';
import { enqueueJobInTransaction, type SqlExecutor } from '@server/jobs/queue';
import type { BuildSceneTilesOutput } from './publish-scene-tiles';

/**
 * The `villages` plate's job `villages.build-scene-tiles`: builds the 3D Tiles of one village's historic buildings
 * from its PUBLISHED document (never the working rows; ./build-scene-tiles.ts), publishes them whole to the object
 * store under a fresh version prefix (`villages/scenes/<code>/<publishId>/`) and only then points
 * `villages_scene_tilesets` at it in one statement (./publish-scene-tiles.ts), so readers switch from one complete
 * version to the next. The work is imported lazily, so that the web server, which only enqueues, never bundles it.
 *
 * Notes
 * - The job reads the document when it runs, not when it was queued: two publishes in quick succession queue two
 *   builds that both draw the newest document (no singleton key: pg-boss refuses a second job with the same key
 *   while one waits, which would fail the second publish's transaction). The row keeps the build that started last.
 * - Older versions stay in the store (readers may hold their URLs until the next tileset.json); not swept yet.
 */

/** The job payload: one village. */
export const buildSceneTilesPayloadSchema = z.object({ villageId: uuidSchema }).strict();

/** What a caller enqueues. */
export type BuildSceneTilesPayload = z.input<typeof buildSceneTilesPayloadSchema>;

/** Queue policy: 2 retries for storage or database trouble; expiry 10 min (a village builds in well under a second). */
export const BUILD_SCENE_TILES_POLICY = { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 10 * 60 } as const;

/** `villages.build-scene-tiles`: see the module doc. */
export const BUILD_SCENE_TILES_JOB = defineJob<z.output<typeof buildSceneTilesPayloadSchema>, BuildSceneTilesOutput, BuildSceneTilesPayload>({
  queue: 'villages.build-scene-tiles',
  payloadSchema: buildSceneTilesPayloadSchema,
  policy: BUILD_SCENE_TILES_POLICY,
  async run(payload, ctx) {
    // Imported lazily: the web server only enqueues (on publish) and must not bundle the builder and tiler.
    const { publishSceneTiles } = await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './publish-scene-tiles');
    return publishSceneTiles(ctx.db, payload, ctx);
  },
});

/**
 * Queues a scene-tiles build of one village, in the caller's transaction (the publish service calls it in the
 * transaction that writes `villages_villages.published`, so the job exists exactly when the publish commits; also
 * after an unpublish, which removes the tiles) or straight on a database handle. Needs no started pg-boss (schema
 * `pgboss` must exist — `db:up` makes it).
 * @param tx a Drizzle transaction or database of the app database
 * @param villageId `villages_villages.id`
 * @returns the pg-boss job id
 * @throws {InputError} when `villageId` is not a UUID
 */
export async function enqueueSceneTilesBuild(tx: SqlExecutor, villageId: string): Promise<string> {
  return enqueueJobInTransaction(tx, BUILD_SCENE_TILES_JOB, { villageId });
}
