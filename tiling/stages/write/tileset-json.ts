/**
 * The `tileset.json` object (3D Tiles 1.1) of a tiled model: ENU→ECEF root transform, ADD refinement, one box
 * and geometricError per tile, content URIs for tiles that have features.
 * @see 3D Tiles 1.1 §Tileset JSON, §Tiles (transform, boundingVolume.box, geometricError, refine, content)
 */
import type { TileNode, TiledModel } from '@tiling/stages/tile/tile';

/** The subset of the 3D Tiles 1.1 tile JSON we write. */
export interface TileJson {
  transform?: number[];
  boundingVolume: { box: number[] };
  /** Metres. */
  geometricError: number;
  refine?: 'ADD' | 'REPLACE';
  content?: { uri: string };
  children?: TileJson[];
}

/** The subset of the 3D Tiles 1.1 tileset JSON we write. */
export interface TilesetJson {
  asset: { version: '1.1'; generator: string };
  /** Metres: error when nothing of the tileset is drawn. */
  geometricError: number;
  root: TileJson;
}

/**
 * Relative URI of a tile's content GLB, e.g. `tiles/0-1.glb`.
 * @see 3D Tiles 1.1 §Tile content (`content.uri`, relative to tileset.json)
 */
export function tileContentUri(tileNode: TileNode, contentDirectory: string): string {
  return `${contentDirectory}/${tileNode.id}.glb`;
}

function tileJson(node: TileNode, contentDirectory: string): TileJson {
  const json: TileJson = { boundingVolume: { box: node.box }, geometricError: node.geometricError };
  if (node.featureIds.length > 0) json.content = { uri: tileContentUri(node, contentDirectory) };
  if (node.children.length > 0) json.children = node.children.map((c) => tileJson(c, contentDirectory));
  return json;
}

/**
 * Builds the tileset JSON. root.transform = georeference.enuToEcef (column-major), so boxes are in ENU metres.
 * @param generator written as `asset.generator`
 * @see 3D Tiles 1.1 §Tileset JSON, §Bounding volumes (box), §Geometric error, §Refinement (ADD)
 */
export function createTilesetJson(tiled: TiledModel, contentDirectory: string, generator: string): TilesetJson {
  const root = tileJson(tiled.root, contentDirectory);
  return {
    asset: { version: '1.1', generator },
    geometricError: tiled.tilesetGeometricError,
    root: { transform: tiled.built.georeference.enuToEcef, ...root, refine: 'ADD' },
  };
}
