/**
 * Names shared by the scene-tiles builder and the tile route (kept here so that the web server's route does not
 * import the builder and the tiler): where scene tiles live in the object store, `villages/scenes/<code>/<publishId>/`
 * (one version per build, published whole; the URL of a version's root is
 * `/tiles/villages/<code>/<publishId>/tileset.json`, ./scene-tile-response.ts), the content file name and the
 * geometric error of a village in the composed tileset.
 */

/**
 * Geometric error of a village's reference in the composed tileset, metres: CesiumJS loads a village's blocks once
 * the camera is within ≈ 48 × this distance at 900 px height and 16 px SSE (≈ 5 km), never at the province overview.
 */
export const SCENE_GEOMETRIC_ERROR_M = 100;

/** The content file of a village's tileset. */
export const SCENE_CONTENT_URI = 'buildings.glb';

/** Object-store prefix of every version of one village's scene tiles (publishTree adds `/<publishId>`). */
export function sceneTilesPrefix(code: string): string {
  return `villages/scenes/${code}`;
}
