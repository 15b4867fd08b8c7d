import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { InputError } from '@kernel/errors';
import { adminCodeSchema } from '@kernel/zod-fields';
import type { Db } from '@server/db/client';
import { PIPE_NETWORKS, type PipeNetwork } from '@server/db/schema/lifelines';
import { defineJob } from '@server/jobs/job-handler';
import { enqueueJobInTransaction, type SqlExecutor } from '@server/jobs/queue';
import type { BuildNetworkTilesOutput } from './publish-network-tiles';

/**
 * The `lifelines` plate's job `lifelines.build-network-tiles`: builds the 3D Tiles of one network in one region
 * (build-network-tiles.ts) into a temporary folder, publishes it whole to the object store under a fresh version
 * prefix (`lifelines/networks/<network>/<region>/<publishId>/`, server/storage/publish-manifest.ts) and only then
 * points `lifelines_network_tilesets` at it in one statement, so web servers switch from one complete version to
 * the next (a reader resolves the prefix through the row). A region left without pipes loses its row. The work
 * (./publish-network-tiles.ts) is imported lazily, so that the web server, which only enqueues, never bundles it.
 *
 * Notes
 * - Older versions stay in the store (readers may still hold their URLs); deleting superseded versions after a
 *   grace period is not done yet.
 * - Two builds of one key racing: the row keeps the build that started last (`built_at` = start time).
 */

/** The job payload: one network of one region (the pipes' exact `region_code`). */
export const buildNetworkTilesPayloadSchema = z
  .object({
    network: z.enum(PIPE_NETWORKS),
    regionCode: adminCodeSchema,
  })
  .strict();

/** What a caller enqueues. */
export type BuildNetworkTilesPayload = z.input<typeof buildNetworkTilesPayloadSchema>;

/**
 * Queue policy: 2 retries for storage or database trouble; expiry 2 h (the demo network's largest build takes
 * seconds, docs/bench-pipes.md; a 5 000 km network well under a minute).
 */
export const BUILD_NETWORK_TILES_POLICY = { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 2 * 60 * 60 } as const;

/** `lifelines.build-network-tiles`: see the module doc. */
export const BUILD_NETWORK_TILES_JOB = defineJob<z.output<typeof buildNetworkTilesPayloadSchema>, BuildNetworkTilesOutput, BuildNetworkTilesPayload>({
  queue: 'lifelines.build-network-tiles',
  payloadSchema: buildNetworkTilesPayloadSchema,
  policy: BUILD_NETWORK_TILES_POLICY,
  async run(payload, ctx) {
    // Imported lazily: the web server only enqueues (the network import) and must not bundle the builder and tiler.
    const { publishNetworkTiles } = await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './publish-network-tiles');
    return publishNetworkTiles(ctx.db, payload, ctx);
  },
});

/**
 * Queues a tiles build for every (network, region) whose tiles are missing or older than its newest pipe row, in
 * the caller's transaction or database (no started pg-boss needed; schema `pgboss` must exist — `db:up` makes it).
 * Called after the demo network seed; also the way to rebuild after an import.
 * @param filter only these networks / regions whose code starts with `regionPrefix` (e.g. `3601`)
 * @returns the queued (network, region) keys with their job ids
 */
export async function enqueueNetworkTilesBuild(
  tx: SqlExecutor,
  filter: { networks?: readonly PipeNetwork[]; regionPrefix?: string } = {},
): Promise<{ network: PipeNetwork; regionCode: string; jobId: string }[]> {
  const networks = filter.networks ?? PIPE_NETWORKS;
  const prefix = filter.regionPrefix ?? '';
  if (!/^\d{0,6}$/.test(prefix)) throw new InputError(`region prefix must be 0–6 digits, got ${JSON.stringify(prefix)}`);
  const { rows } = await tx.execute(sql`
    SELECT p.network, p.region_code
      FROM lifelines_pipes p
      LEFT JOIN lifelines_network_tilesets t ON t.network = p.network AND t.region_code = p.region_code
     WHERE p.network IN (${sql.join(networks.map((n) => sql`${n}`), sql`, `)}) AND p.region_code LIKE ${`${prefix}%`}
     GROUP BY p.network, p.region_code, t.built_at
    HAVING t.built_at IS NULL OR t.built_at < max(p.created_at)
     ORDER BY p.network, p.region_code`);
  const queued: { network: PipeNetwork; regionCode: string; jobId: string }[] = [];
  for (const row of rows as { network: PipeNetwork; region_code: string }[]) {
    const jobId = await enqueueJobInTransaction(tx, BUILD_NETWORK_TILES_JOB, { network: row.network, regionCode: row.region_code }, { singletonKey: `${row.network}:${row.region_code}` });
    queued.push({ network: row.network, regionCode: row.region_code, jobId });
  }
  return queued;
}
