import type { Db } from '@server/db/client';
import type { PipeNetwork } from '@server/db/schema/lifelines';

/**
 * The extension point called after a network's rows changed and the change is committed (today: a network import,
 * ./import-service.ts, once per region and network it wrote). It does nothing yet: the pipes layer's 3D Tiles job
 * (server/lifelines/network-tiles, another branch) hooks in here to rebuild the tiles of that region and network.
 *
 * Contract for whoever fills it in: called outside any transaction, after the commit, with the database handle of
 * the caller; it must not throw for a job that merely failed to enqueue (log it instead), since the import has
 * already succeeded; it should return quickly (enqueue a job, do not build tiles inline).
 */

/** What changed: one network in one region (6-digit GB/T 2260 code of the rows' `region_code`). */
export interface NetworkChange {
  regionCode: string;
  network: PipeNetwork;
}

/**
 * Tells the rest of the plate that `change` happened (see module doc). A no-op for now.
 * @param db the database (not a transaction: the change is committed)
 */
export async function afterNetworkChanged(db: Db, change: NetworkChange): Promise<void> {
  void db;
  void change;
}
