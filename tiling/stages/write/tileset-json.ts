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

/**
 * URI of the full content of a tile that has a LOD proxy (lod-proxy.ts), e.g. `tiles/0-1-full.glb`; the proxy
 * keeps {@link tileContentUri}.
 */
export function fullContentUri(tileNode: TileNode, contentDirectory: string): string {
  return `${contentDirectory}/${tileNode.id}-full.glb`;
}

/** A tile that got a simplified proxy: its simplification error, metres. */
export interface LodTile {
  errorM: number;
}

/** Maps a tile's logical content URI (tileContentUri / fullContentUri) to the name it was written under. */
type UriMap = ReadonlyMap<string, string>;

function tileJson(node: TileNode, contentDirectory: string, lod: ReadonlyMap<string, LodTile>, parentRefine: 'ADD' | 'REPLACE', uris: UriMap): TileJson {
  const uriOf = (logical: string) => uris.get(logical) ?? logical;
  const proxy = lod.get(node.id);
  const refine = proxy ? 'REPLACE' : 'ADD';
  const json: TileJson = {
    boundingVolume: { box: node.box },
    geometricError: proxy ? Math.max(node.geometricError, proxy.errorM) : node.geometricError,
  };
  // refine is inherited: written only where it changes.
  if (refine !== parentRefine) json.refine = refine;
  if (node.featureIds.length > 0) json.content = { uri: uriOf(tileContentUri(node, contentDirectory)) };
  const children = node.children.map((c) => tileJson(c, contentDirectory, lod, refine, uris));
  if (proxy) {
    // The full content, drawn instead of the proxy once the tile is refined; same box as the tile's content.
    children.unshift({ boundingVolume: { box: node.contentBox }, geometricError: 0, refine: 'ADD', content: { uri: uriOf(fullContentUri(node, contentDirectory)) } });
  }
  if (children.length > 0) json.children = children;
  return json;
}

/**
 * Builds the tileset JSON. root.transform = georeference.enuToEcef (column-major), so boxes are in ENU metres.
 * @param generator written as `asset.generator`
 * @param lod tiles that got a simplified proxy (REPLACE, with their full content as a first child), by tile id
 * @param uris logical content URI → the (content-addressed) name written; URIs not in it are used as they are
 * @see 3D Tiles 1.1 §Tileset JSON, §Bounding volumes (box), §Geometric error, §Refinement (ADD)
 */
export function createTilesetJson(
  tiled: TiledModel,
  contentDirectory: string,
  generator: string,
  lod: ReadonlyMap<string, LodTile> = new Map(),
  uris: UriMap = new Map(),
): TilesetJson {
  const root = tileJson(tiled.root, contentDirectory, lod, lod.has(tiled.root.id) ? 'REPLACE' : 'ADD', uris);
  return {
    asset: { version: '1.1', generator },
    geometricError: Math.max(tiled.tilesetGeometricError, root.geometricError),
    root: { transform: tiled.built.georeference.enuToEcef, ...root, refine: lod.has(tiled.root.id) ? 'REPLACE' : 'ADD' },
  };
}
