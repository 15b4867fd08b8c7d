import type { PipeNetwork } from '@server/db/schema/lifelines';

/**
 * Where network tiles live in the object store: `lifelines/networks/<network>/<region>/<publishId>/` (one version
 * per build, published whole); the URL of the root is data/lifelines/layers.ts `networkTilesetUrl`.
 */

/** Object-store prefix of every version of one network's tiles in one region (publishTree adds `/<publishId>`). */
export function networkTilesPrefix(network: PipeNetwork, regionCode: string): string {
  return `lifelines/networks/${network}/${regionCode}`;
}
