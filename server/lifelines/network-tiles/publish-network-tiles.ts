import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { folderFileWriter } from '@server/storage/folder-file-writer';
import type { Logger } from '@kernel/logger';
import type { Db } from '@server/db/client';
import type { ObjectStore } from '@server/storage/object-store';
import { buildNetworkTiles, type NetworkTilesResult } from './build-network-tiles';
import type { PipeNetwork } from '@server/db/schema/lifelines';
import { networkTilesPrefix } from './network-tiles-keys';

/** A completed job's output. */
export type BuildNetworkTilesOutput = ({ status: 'published'; prefix: string; elapsedS: number } & Omit<NetworkTilesResult, 'boundingRegion'>) | { status: 'empty'; elapsedS: number };

/**
 * Builds, publishes and records one network tileset (see the module doc).
 * @returns the published prefix and counts, or `empty` when the region has no pipe of that network
 * @throws {InputError} on a bad payload; storage or database errors as they come (the queue retries them)
 */
export async function publishNetworkTiles(
  db: Db,
  payload: { network: PipeNetwork; regionCode: string },
  ctx: { logger: Logger; objectStore: ObjectStore },
): Promise<BuildNetworkTilesOutput> {
  const started = performance.now();
  const startedAt = new Date();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-network-tiles-'));
  try {
    const result = await buildNetworkTiles(db, payload, {}, { logger: ctx.logger, ...folderFileWriter(dir) });
    if (!result) {
      await db.execute(sql`DELETE FROM lifelines_network_tilesets WHERE network = ${payload.network} AND region_code = ${payload.regionCode}`);
      return { status: 'empty', elapsedS: (performance.now() - started) / 1000 };
    }
    const manifest = await ctx.objectStore.publishTree(dir, networkTilesPrefix(payload.network, payload.regionCode));
    await db.execute(sql`
      INSERT INTO lifelines_network_tilesets (network, region_code, prefix, bounding_region, geometric_error, pipe_count, tile_count, bytes, built_at)
      VALUES (${payload.network}, ${payload.regionCode}, ${manifest.prefix}, ${JSON.stringify(result.boundingRegion)}::jsonb, ${result.geometricError},
              ${result.pipeCount}, ${result.tileCount}, ${result.bytes}, ${startedAt.toISOString()})
      ON CONFLICT (network, region_code) DO UPDATE SET prefix = excluded.prefix, bounding_region = excluded.bounding_region,
        geometric_error = excluded.geometric_error, pipe_count = excluded.pipe_count, tile_count = excluded.tile_count,
        bytes = excluded.bytes, built_at = excluded.built_at
      WHERE lifelines_network_tilesets.built_at <= excluded.built_at`);
    const { boundingRegion: _region, ...counts } = result;
    return { status: 'published', prefix: manifest.prefix, elapsedS: (performance.now() - started) / 1000, ...counts };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

