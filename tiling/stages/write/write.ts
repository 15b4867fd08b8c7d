/**
 * The `write` stage: TiledModel → output files: `tileset.json`, one GLB per tile content named by its content hash
 * (`tiles/<tile id>-<12 hex>.glb`: a URL that never changes meaning, so browsers may cache it for good),
 * `properties.json` (the compact property file of kernel/properties-file.ts: element semantics, dictionary-encoded,
 * and the spatial structure) for browsers, and `import/elements.ndjson` (one full element per line with express id
 * and ENU bounds) for the database import only — the tile routes never serve `import/`.
 * GLBs are written uncompressed (float32, indexed); the optional `compressTiles` stage quantises and applies
 * meshopt afterwards.
 *
 * Notes
 * - A deliberate deviation from the plain `Promise<OutputFile[]>` stage shape: the result also carries the
 *   counts the report needs (primitives and instanced meshes are only known once tiles are written).
 * - Measured on FZK-Haus (2 570 803 bytes IFC, 83 features, 21.7 k triangles), defaults, after compressTiles:
 *   tileset.json 553 B + one GLB 126 388 B = 126 941 B (20.3× smaller); 10 primitives + 2 instanced meshes.
 *   Steps that got there (GLB bytes): weld + meshopt alone 240 196 (15 tiny instanced groups cost 41 KB of
 *   JSON); instancing only where it pays 208 924; 20° crease merge 152 044; content dedup of copied railing
 *   and window meshes 132 084; 40° crease 126 468. Quantisation bits barely matter (12 bits: −4 %): meshopt's
 *   byte-delta codec pays for the low bytes of every position, so vertex count is what counts.
 * - Larger samples (tileset.json + GLBs, defaults), 2026-11-30 (docs/bench-tiling.md): Janesville restaurant
 *   26.9 MB IFC → 1.29 MB (20.9×; was 8.36 MB in 41 tiles: the 25 k-vertex chair mesh stored in 38 tiles, float32
 *   positions in the 82 m root); San Martino–Tufara railway 19.2 MB → 1.83 MB (3 tiles; was 5.42 MB in 85);
 *   FZK-Haus 100 KB (25.8×), Institute 174 KB (16.3×), duplex 193 KB (12.3×). What is left in the janesville
 *   GLB before the fixed-grid quantiser: positions 47 %, glTF JSON 16 % (≈ 3 KB per instanced mesh: accessors +
 *   meshopt bufferViews), property table 14 % (long Revit names), normals 12 %, indices 10 %; duplex now:
 *   positions 40 %, JSON 21 % (20 colour primitives), normals 14 %, property table 12 %, indices 11 %.
 *   Instancing more (minInstancedVerticesSaved 400 or 200) made duplex/Institute/FZK larger, 2 500 too: 1 000 stays.
 * - Tile by tile: each tile's Document is built, handed to the encoder (the pipeline's compresses it as a
 *   Document — serialising the uncompressed GLB and parsing it back cost ≈ 180 ms on janesville), written to the
 *   sink and dropped before the next; a heavy tile also gets its LOD proxy (lod-proxy.ts) here.
 * - import/elements.ndjson entries carry `boundsEnu` (element AABB, ENU metres at the anchor, rounded outwards to
 *   1 mm; null without triangles) for the server.
 * - properties.json before issue #13 was this import file served as JSON keyed by GlobalId (FZK-Haus 239 KB,
 *   Janesville 1 568 KB, railway 4 018 KB raw) beside a structure.json that repeated every GlobalId; now FZK-Haus
 *   13 KB, Janesville 79 KB, railway 575 KB raw (docs/bench-tiling.md has the wire bytes).
 * - Checked by hand in CesiumJS 1.140 (headless Chromium, SwiftShader): FZK-Haus renders upright and
 *   `scene.pick` → `getProperty('globalId')` returns the element; instanced slabs/boxes (EXT_instance_features,
 *   meshopt) render and pick per instance.
 */
import { createHash } from 'node:crypto';
import type { Document } from '@gltf-transform/core';
import { IMPORT_FOLDER, PROPERTIES_FILE_PATH, PropertiesFileWriter } from '@kernel/properties-file';
import { MemoryOutputSink, type OutputFile, type OutputSink } from '@tiling/io/output-file';
import type { StageContext } from '@tiling/stage-context';
import type { BoundsEnu } from '@tiling/stages/build/bake-geometry';
import { withDefaults } from '@tiling/with-defaults';
import type { IfcElement, SpatialNode } from '@tiling/stages/parse/parsed-model';
import type { InstanceGroup } from '@tiling/stages/build/built-model';
import type { TileNode, TiledModel } from '@tiling/stages/tile/tile';
import { createTileDocument } from './tile-document';
import { createTileIO } from './tile-io';
import { createLodProxy, LOD_DEFAULTS, type LodOptions } from './lod-proxy';
import { createTilesetJson, fullContentUri, type LodTile, tileContentUri } from './tileset-json';

/** Options of the `write` stage; see {@link WRITE_DEFAULTS}. */
export interface WriteOptions {
  /** Draw repeated geometry with EXT_mesh_gpu_instancing + EXT_instance_features. */
  instancing?: boolean;
  /** Minimum uses of one geometry inside one tile for instancing there, ≥ 2. */
  minInstancesPerTile?: number;
  /** Instance only when (uses − 1) × vertices of one copy ≥ this (JSON overhead vs vertex data). */
  minInstancedVerticesSaved?: number;
  /** Material roughness 0..1. */
  roughness?: number;
  /** Folder of the tile GLBs inside the output directory. */
  contentDirectory?: string;
  /** `asset.generator` of tileset.json. */
  generator?: string;
}

/** Defaults of {@link WriteOptions}. */
export const WRITE_DEFAULTS = {
  instancing: true,
  minInstancesPerTile: 2,
  minInstancedVerticesSaved: 1000,
  roughness: 0.9,
  contentDirectory: 'tiles',
  generator: 'GanTwin tiling',
} satisfies Required<WriteOptions>;

/** Counts for `report.json` (ConversionReport.counts). */
export interface WriteStats {
  features: number;
  /** Triangles as placed (instances counted each time). */
  triangles: number;
  placedGeometries: number;
  tiles: number;
  /** glTF primitives in all tiles (≈ draw calls); an instanced mesh counts once. */
  primitives: number;
  /** Meshes drawn through EXT_mesh_gpu_instancing. */
  instancedMeshes: number;
  /** Instances drawn by those meshes. */
  instances: number;
}

/** A tile's glTF Document and the path its GLB gets. */
export interface TileDocumentFile {
  path: string;
  document: Document;
}

/** Turns one tile's Document into GLB bytes (default: plain glTF-Transform binary; the pipeline compresses). */
export type TileEncoder = (tile: TileDocumentFile) => Promise<Uint8Array>;

/** Where `write` puts its files and how it encodes tiles. */
export interface WriteOutput {
  /** Receives every file as soon as it is produced; default: memory ({@link MemoryOutputSink}). */
  sink?: OutputSink;
  /** Encodes each tile (called once per content tile, in tile order); the Document is dropped afterwards. */
  encodeTile?: TileEncoder;
  /** Simplified proxies for heavy tiles (lod-proxy.ts); none when absent. */
  lod?: Partial<LodOptions> & Pick<LodOptions, 'simplifier'>;
}

/** What `write` returns: the counts, and the files when they were written to memory. */
export interface WriteResult {
  /** With the default memory sink: tileset.json, the GLBs, properties.json, import/elements.ndjson; else empty. */
  files: OutputFile[];
  /** Bytes of all tile GLBs as encoded. */
  tileBytes: number;
  /** Largest tile GLB, bytes. */
  largestTileBytes: number;
  /** Tiles that got a simplified proxy, with stored triangles of proxy and full content. */
  lodTiles: { id: string; triangles: number; fullTriangles: number; errorM: number }[];
  stats: WriteStats;
}

/** Path of the database import file in the output directory (in kernel/properties-file.ts `IMPORT_FOLDER`). */
export const IMPORT_ELEMENTS_PATH = `${IMPORT_FOLDER}/elements.ndjson`;
/** Path of the compact property file (kernel/properties-file.ts). */
export const PROPERTIES_PATH = PROPERTIES_FILE_PATH;

/**
 * One line of `import/elements.ndjson`: the element's semantics as parsed ({@link IfcElement}) and its ENU bounds.
 */
export interface ElementProperties extends IfcElement {
  /**
   * AABB of the element's placed triangles, ENU metres at the tileset anchor (the tile frame under
   * `root.transform`), rounded outwards to 1 mm; null for elements without triangles (no feature written).
   */
  boundsEnu: BoundsEnu | null;
}

/** The BIM tree (the structure part of properties.json, decoded by kernel/properties-file.ts `structure()`). */
export interface StructureJson {
  projectName: string | null;
  spatialTree: SpatialNode | null;
  /** Spatial element GlobalId → GlobalIds of the elements it contains. */
  containment: Record<string, string[]>;
}

const ENCODER = new TextEncoder();

function jsonFile(path: string, value: unknown): OutputFile {
  return { path, bytes: ENCODER.encode(JSON.stringify(value)) };
}

function listTiles(node: TileNode, out: TileNode[] = []): TileNode[] {
  out.push(node);
  for (const child of node.children) listTiles(child, out);
  return out;
}

/** `boundsEnu` is rounded outwards to a 1 mm grid: millimetres per metre. */
const MM_PER_M = 1000;
const floorMm = (v: number) => Math.floor(v * MM_PER_M) / MM_PER_M;
const ceilMm = (v: number) => Math.ceil(v * MM_PER_M) / MM_PER_M;

/**
 * One element's `import/elements.ndjson` line: its semantics as parsed and its bounds.
 * @param bounds AABB of the element's placed triangles, ENU metres at the anchor (undefined: no triangles)
 * @returns the entry, bounds rounded outwards to 1 mm, null without triangles
 * @see IfcRoot.GlobalId; IfcPropertySet / IfcElementQuantity (propertySets)
 */
export function elementProperties(e: IfcElement, bounds: BoundsEnu | undefined): ElementProperties {
  return {
    globalId: e.globalId,
    expressId: e.expressId,
    ifcClass: e.ifcClass,
    name: e.name,
    storey: e.storey,
    typeName: e.typeName,
    material: e.material,
    propertySets: e.propertySets,
    boundsEnu: bounds
      ? { min: [floorMm(bounds.min[0]), floorMm(bounds.min[1]), floorMm(bounds.min[2])], max: [ceilMm(bounds.max[0]), ceilMm(bounds.max[1]), ceilMm(bounds.max[2])] }
      : null,
  };
}

/**
 * `import/elements.ndjson` as text chunks, one {@link elementProperties} line per element, in ParsedModel.elements
 * order (never one string: a 1 GB IFC's properties are 540 MB of JSON).
 * @param boundsByExpressId element expressId → AABB in ENU metres at the anchor (elements with triangles)
 */
export function* importElementsChunks(
  elements: readonly IfcElement[],
  boundsByExpressId: ReadonlyMap<number, BoundsEnu>,
): Generator<string> {
  for (const e of elements) yield `${JSON.stringify(elementProperties(e, boundsByExpressId.get(e.expressId)))}\n`;
}

/** Hex digits of the content hash in a GLB's name (48 bits: a collision among one model's tiles is not a concern). */
const CONTENT_HASH_HEX = 12;

/**
 * The content-addressed name of a GLB: `tiles/0-1.glb` → `tiles/0-1-<first 12 hex of SHA-256>.glb`.
 * @param logicalPath the tile's path as tileset-json.ts names it
 */
export function contentAddressedPath(logicalPath: string, bytes: Uint8Array): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, CONTENT_HASH_HEX);
  return logicalPath.replace(/\.glb$/, `-${hash}.glb`);
}

/**
 * Writes the tileset tile by tile into `output.sink`: each content tile's Document is built, encoded and handed
 * over before the next is built, so at most one tile is in memory.
 * @returns the counts; `files` holds the files only with the default memory sink
 * @throws {InvariantError} when a tile holds more than 65 535 features (the tile stage prevents it)
 * @example const { files, stats } = await write(tiled, {}, ctx);
 * @see 3D Tiles 1.1 §glTF content; EXT_mesh_features; EXT_structural_metadata; EXT_mesh_gpu_instancing
 */
export async function write(tiled: TiledModel, options: WriteOptions, ctx: StageContext, output: WriteOutput = {}): Promise<WriteResult> {
  const opts = withDefaults(WRITE_DEFAULTS, options);
  const memory = output.sink ? null : new MemoryOutputSink();
  const sink = output.sink ?? memory!;
  const io = createTileIO();
  const encodeTile: TileEncoder = output.encodeTile ?? ((t) => io.writeBinary(t.document));
  const tiles = listTiles(tiled.root);
  const stats: WriteStats = {
    features: tiled.built.stats.features,
    triangles: tiled.built.stats.triangles,
    placedGeometries: tiled.built.stats.placedGeometries,
    tiles: tiles.length,
    primitives: 0,
    instancedMeshes: 0,
    instances: 0,
  };
  let tileBytes = 0;
  let largestTileBytes = 0;
  const lodOptions = output.lod ? { ...LOD_DEFAULTS, ...output.lod } : null;
  const lodGroupCache = new Map<string, { group: InstanceGroup; errorM: number }>();
  const lod = new Map<string, LodTile>();
  const lodTiles: WriteResult['lodTiles'] = [];
  const contentUris = new Map<string, string>();
  const documentOptions = {
    instancing: opts.instancing,
    minInstancesPerTile: Math.max(2, opts.minInstancesPerTile),
    minInstancedVerticesSaved: opts.minInstancedVerticesSaved,
    roughness: opts.roughness,
  };
  const emit = async (path: string, model: TiledModel['built'], tileNode: TileNode) => {
    const { document, stats: tileStats } = createTileDocument(model, tileNode, documentOptions);
    const bytes = await encodeTile({ path, document });
    const uri = contentAddressedPath(path, bytes);
    contentUris.set(path, uri);
    await sink.write({ path: uri, bytes });
    tileBytes += bytes.byteLength;
    largestTileBytes = Math.max(largestTileBytes, bytes.byteLength);
    stats.primitives += tileStats.primitives;
    stats.instancedMeshes += tileStats.instancedMeshes;
    stats.instances += tileStats.instances;
  };
  // The property files first: their brotli siblings (quality 11, the slowest to make) are compressed on the thread
  // pool while the tiles are encoded here, instead of after the last tile (janesville: −0.4 s of waiting).
  const boundsByExpressId = new Map(tiled.built.features.map((f) => [f.element.expressId, f.boundsEnu]));
  const properties = new PropertiesFileWriter();
  for (const e of tiled.built.elements) properties.addElement(e);
  const structure: StructureJson = {
    projectName: tiled.built.projectName,
    spatialTree: tiled.built.spatialTree,
    containment: tiled.built.containment,
  };
  await sink.writeText(PROPERTIES_PATH, properties.finish(structure));
  await sink.writeText(IMPORT_ELEMENTS_PATH, importElementsChunks(tiled.built.elements, boundsByExpressId));
  for (const [i, tileNode] of tiles.entries()) {
    if (tileNode.featureIds.length === 0) continue;
    const proxy = lodOptions ? createLodProxy(tiled.built, tileNode, lodOptions, lodGroupCache) : null;
    if (proxy) {
      await emit(tileContentUri(tileNode, opts.contentDirectory), proxy.built, proxy.tileNode);
      await emit(fullContentUri(tileNode, opts.contentDirectory), tiled.built, tileNode);
      lod.set(tileNode.id, { errorM: proxy.errorM });
      lodTiles.push({ id: tileNode.id, triangles: proxy.triangles, fullTriangles: proxy.fullTriangles, errorM: proxy.errorM });
    } else {
      await emit(tileContentUri(tileNode, opts.contentDirectory), tiled.built, tileNode);
    }
    ctx.onProgress?.('write', (i + 1) / tiles.length);
  }
  await sink.write(jsonFile('tileset.json', createTilesetJson(tiled, opts.contentDirectory, opts.generator, lod, contentUris)));
  ctx.logger.info(
    `write: ${tiles.length} tiles, ${tileBytes} bytes of GLB (largest ${largestTileBytes}), ${stats.primitives} primitives, ` +
      `${stats.instancedMeshes} instanced meshes (${stats.instances} instances)`,
  );
  if (lodTiles.length > 0) ctx.logger.info(`write: ${lodTiles.length} tiles with a simplified proxy`);
  return { files: memory?.files ?? [], tileBytes, largestTileBytes, lodTiles, stats };
}
