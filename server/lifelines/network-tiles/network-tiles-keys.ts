import type { PipeNetwork } from '@server/db/schema/lifelines';

/**
 * Where network tiles live in the object store: `lifelines/networks/<network>/<region>/<publishId>/` (one version
 * per build, published whole), and the URL paths that serve them (`/tiles/lifelines/<network>/…`).
 */

/** Object-store prefix of every version of one network's tiles in one region (publishTree adds `/<publishId>`). */
export function networkTilesPrefix(network: PipeNetwork, regionCode: string): string {
  return `lifelines/networks/${network}/${regionCode}`;
}

/** URL of the caller-composed root tileset of one network (the catalogue layer's `url`). */
export function networkTilesetUrl(network: PipeNetwork): string {
  return `/tiles/lifelines/${network}/tileset.json`;
}
