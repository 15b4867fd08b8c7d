/**
 * Where scene tiles live in the object store: `villages/scenes/<code>/<publishId>/` (one version per build, published
 * whole); the URL of a version's root is `/tiles/villages/<code>/<publishId>/tileset.json`
 * (./scene-tile-response.ts).
 */

/** Object-store prefix of every version of one village's scene tiles (publishTree adds `/<publishId>`). */
export function sceneTilesPrefix(code: string): string {
  return `villages/scenes/${code}`;
}
