import type { SqlExecutor } from '@server/jobs/queue';
import { markVillagesLayersChanged } from './geo-layer-sources';
import { enqueueSceneTilesBuild } from './scene-tiles/build-scene-tiles-job';

/**
 * What follows a change of a village's published document, in the same transaction (publish, unpublish, the demo
 * seed): its 3D scene tiles are rebuilt (or removed) by the job `villages.build-scene-tiles`, and the plate's public
 * GeoJSON layers are marked changed so every web server drops its cached copy.
 * @param tx the transaction that wrote `villages_villages.published`
 * @param villageId `villages_villages.id`
 */
export async function onPublicationChanged(tx: SqlExecutor, villageId: string): Promise<void> {
  await enqueueSceneTilesBuild(tx, villageId);
  await markVillagesLayersChanged(tx);
}
