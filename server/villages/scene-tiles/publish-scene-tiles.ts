import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { folderFileWriter } from '@server/storage/folder-file-writer';
import { NotFoundError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import type { Db } from '@server/db/client';
import type { ObjectStore } from '@server/storage/object-store';
import type { PublicVillage } from '../public-village-types';
import { buildSceneTiles, type SceneTilesResult } from './build-scene-tiles';
import { sceneTilesPrefix } from './scene-tiles-keys';

/** A completed job's output. */
export type BuildSceneTilesOutput =
  | ({ status: 'published'; prefix: string; elapsedS: number } & Omit<SceneTilesResult, 'boundingRegion' | 'originDeg'>)
  | { status: 'empty' | 'unpublished'; elapsedS: number };

/**
 * Builds, publishes and records the scene tiles of one village from its published document (see
 * ./build-scene-tiles-job.ts): the files go to a temporary folder, then to the object store under a fresh version
 * prefix (`villages/scenes/<code>/<publishId>/`, published whole), and only then `villages_scene_tilesets` points at
 * it in one statement. A village never published, or whose published document has no drawable building, loses its
 * row (the composed tileset then leaves it out).
 * @param payload the village's id (`villages_villages.id`)
 * @returns the published prefix and counts, or `empty` / `unpublished`
 * @throws {NotFoundError} when no village has that id; storage or database errors as they come (the queue retries)
 */
export async function publishSceneTiles(db: Db, payload: { villageId: string }, ctx: { logger: Logger; objectStore: ObjectStore }): Promise<BuildSceneTilesOutput> {
  const started = performance.now();
  const startedAt = new Date();
  const elapsedS = () => (performance.now() - started) / 1000;
  const { rows } = await db.execute<{ code: string; published: PublicVillage | null }>(sql`SELECT code, published FROM villages_villages WHERE id = ${payload.villageId}`);
  const village = rows[0];
  if (!village) throw new NotFoundError(`scene tiles: no village ${payload.villageId}`, { context: { villageId: payload.villageId } });
  const removeRow = () => db.execute(sql`DELETE FROM villages_scene_tilesets WHERE village_id = ${payload.villageId} AND built_at <= ${startedAt.toISOString()}`);
  if (!village.published) {
    await removeRow();
    return { status: 'unpublished', elapsedS: elapsedS() };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-scene-tiles-'));
  try {
    const result = await buildSceneTiles(village.published, { logger: ctx.logger, ...folderFileWriter(dir) });
    if (!result) {
      await removeRow();
      return { status: 'empty', elapsedS: elapsedS() };
    }
    const manifest = await ctx.objectStore.publishTree(dir, sceneTilesPrefix(village.code));
    await db.execute(sql`
      INSERT INTO villages_scene_tilesets (village_id, prefix, bounding_region, building_count, bytes, built_at)
      VALUES (${payload.villageId}, ${manifest.prefix}, ${JSON.stringify(result.boundingRegion)}::jsonb, ${result.buildingCount}, ${result.bytes}, ${startedAt.toISOString()})
      ON CONFLICT (village_id) DO UPDATE SET prefix = excluded.prefix, bounding_region = excluded.bounding_region,
        building_count = excluded.building_count, bytes = excluded.bytes, built_at = excluded.built_at
      WHERE villages_scene_tilesets.built_at <= excluded.built_at`);
    const { boundingRegion: _region, originDeg: _origin, ...counts } = result;
    return { status: 'published', prefix: manifest.prefix, elapsedS: elapsedS(), ...counts };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
