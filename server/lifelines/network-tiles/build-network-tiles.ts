import { sql, type SQL } from 'drizzle-orm';
import { MeshoptEncoder } from 'meshoptimizer';
import { InputError } from '@kernel/errors';
import type { Logger } from '@kernel/logger';
import { enuToEcefAt } from '@kernel/wgs84-ecef';
import { LAYER_MIN_DIAMETER_MM, NETWORK_COLOURS } from '@data/lifelines/layers';
import type { Db } from '@server/db/client';
import { PIPE_NETWORKS, type PipeNetwork } from '@server/db/schema/lifelines';
import { ReportBuilder, TileCompressor } from '@tiling/index';
import { createPipeTileDocument, MAX_PIPES_PER_DOCUMENT } from './pipe-tile-document';
import { appendTube, axisToEnu, emptyTubeMesh, type NetworkPipe } from './pipe-tube';

/**
 * Builds the 3D Tiles 1.1 tileset of one network of one region straight from PostGIS (`lifelines_pipes`): an
 * explicit quadtree (tileset.json) over the region's extent in lon/lat, glTF/GLB content of merged tubes
 * (pipe-tube.ts for the frames, pipe-tile-document.ts for the metadata), meshopt-compressed with the tiler's
 * TileCompressor (tiling/index.ts).
 *
 * Notes
 * - Which tile holds a pipe: the cell containing the centre of its lon/lat bounding box (half-open cells), found
 *   with the GiST index (`geom && cell`, then the centre test). Bounding boxes are measured from the drawn
 *   vertices (radius included), and a parent's box is the union of its content and its children, so every volume
 *   contains its pipes even when one crosses a cell edge.
 * - Level of detail (REPLACE refinement): a cell with more than `leafMaxPipes` pipes is split into 4 (down to
 *   `maxDepth`); its own content is the mains only — pipes of DN ≥ `coarseMinDiameterMm` (the catalogue's mains,
 *   data/lifelines/layers.ts), largest first, at most `coarseMaxPipes` — as `coarseSides`-sided tubes at least
 *   cell width / `coarseWidthRatio` thick, so that they read as 1–2 px lines at the distance the tile is drawn.
 *   Leaves hold every pipe at its real diameter (`leafSides` faces), in chunks of `leafMaxPipes` pipes, one GLB each
 *   (3D Tiles 1.1 `contents` when a leaf at `maxDepth` has more).
 * - Geometric error of a coarse tile, metres: max(largest omitted DN × 16 / `omittedVisibleAtPx`, drawn line width
 *   × 16 / `maxLinePx`) and ≥ every child's; 16 px is CesiumJS's default maximum screen-space error, so at that
 *   setting an omitted pipe is refined in before it is `omittedVisibleAtPx` wide on screen and an exaggerated line
 *   is replaced before it is `maxLinePx` wide. Leaves: 0.
 * - Bounded memory: the database is read tile by tile in keyset pages (`ORDER BY id` / `ORDER BY diameter DESC,
 *   id`), one page of ≤ max(leafMaxPipes, coarseMaxPipes) pipes in memory at a time; finished GLBs go to
 *   `ctx.writeFile` at once. The tile tree (a few hundred bytes per tile) is the only thing that grows.
 */

/** Options of {@link buildNetworkTiles}; `undefined` keeps the default. */
export interface NetworkTilesOptions {
  /** Most pipes in one leaf content (and in one GLB), 1..65 535. */
  leafMaxPipes?: number;
  /** Most mains in a coarse tile's content, 1..65 535. */
  coarseMaxPipes?: number;
  /** Smallest DN a coarse tile draws, millimetres (default: the network's `LAYER_MIN_DIAMETER_MM`). */
  coarseMinDiameterMm?: number;
  /** Deepest quadtree level, 0..20 (root = 0). */
  maxDepth?: number;
  /** Faces around a leaf tube, 3..32. */
  leafSides?: number;
  /** Faces around a coarse tube, 3..32. */
  coarseSides?: number;
  /** Coarse tubes are at least cell width / this thick. */
  coarseWidthRatio?: number;
  /** Omitted pipes are refined in before they are this wide on screen at 16 px SSE, px. */
  omittedVisibleAtPx?: number;
  /** Exaggerated coarse lines are refined away before they are this wide at 16 px SSE, px. */
  maxLinePx?: number;
  /** Largest position rounding error of the compressed GLBs, metres. */
  maxPositionErrorM?: number;
}

/** Defaults of {@link NetworkTilesOptions}. */
export const NETWORK_TILES_DEFAULTS = {
  leafMaxPipes: 500,
  coarseMaxPipes: 1000,
  maxDepth: 12,
  leafSides: 8,
  coarseSides: 4,
  coarseWidthRatio: 1000,
  omittedVisibleAtPx: 1,
  maxLinePx: 3,
  maxPositionErrorM: 0.002,
} satisfies Required<Omit<NetworkTilesOptions, 'coarseMinDiameterMm'>>;

/** CesiumJS's default maximum screen-space error, px: the reference of the geometric errors. */
export const REFERENCE_SSE_PX = 16;

/** What the builder needs besides the database. */
export interface NetworkTilesContext {
  logger: Logger;
  /** Stores one output file (`tileset.json`, `tiles/<level>-<x>-<y>[-<chunk>].glb`), relative POSIX path. */
  writeFile(relPath: string, bytes: Uint8Array): Promise<void>;
}

/** The 3D Tiles 1.1 tile JSON we write. */
export interface NetworkTileJson {
  boundingVolume: { box: number[] };
  geometricError: number;
  refine?: 'REPLACE';
  content?: { uri: string };
  contents?: { uri: string }[];
  children?: NetworkTileJson[];
}

/** What one build produced. */
export interface NetworkTilesResult {
  network: PipeNetwork;
  regionCode: string;
  pipeCount: number;
  /** Tiles in tileset.json (with or without content). */
  tileCount: number;
  /** GLB files written. */
  contentCount: number;
  /** Bytes of every file written (tileset.json included). */
  bytes: number;
  /** Deepest level reached (root = 0). */
  depth: number;
  /** ENU origin of the tileset frame: lon/lat degrees, height 0. */
  originDeg: [number, number];
  /** `region` bounding volume of the build: west, south, east, north radians; min, max height metres. */
  boundingRegion: [number, number, number, number, number, number];
  /** tileset.json `geometricError`, metres. */
  geometricError: number;
}

type Cell = { level: number; x: number; y: number; w: number; s: number; e: number; n: number };
type Box = [number, number, number, number, number, number];

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(`network tiles: ${name} must be an integer ${min}..${max}, got ${value}`);
}

/** Resolves and checks the options. @throws {InputError} naming the bad option */
export function resolveNetworkTilesOptions(network: PipeNetwork, options: NetworkTilesOptions): Required<NetworkTilesOptions> {
  const o = { ...NETWORK_TILES_DEFAULTS, coarseMinDiameterMm: LAYER_MIN_DIAMETER_MM[network] } as Required<NetworkTilesOptions>;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (o as unknown as Record<string, number>)[key] = value as number;
  checkInt('leafMaxPipes', o.leafMaxPipes, 1, MAX_PIPES_PER_DOCUMENT);
  checkInt('coarseMaxPipes', o.coarseMaxPipes, 1, MAX_PIPES_PER_DOCUMENT);
  checkInt('coarseMinDiameterMm', o.coarseMinDiameterMm, 1, 10_000);
  checkInt('maxDepth', o.maxDepth, 0, 20);
  checkInt('leafSides', o.leafSides, 3, 32);
  checkInt('coarseSides', o.coarseSides, 3, 32);
  for (const key of ['coarseWidthRatio', 'omittedVisibleAtPx', 'maxLinePx', 'maxPositionErrorM'] as const) {
    if (!(o[key] > 0) || !Number.isFinite(o[key])) throw new InputError(`network tiles: ${key} must be a positive number, got ${o[key]}`);
  }
  return o;
}

/**
 * Box [min…, max…] → 3D Tiles `box` (centre + three half-axis vectors), grown by `padM` on every side (the
 * compressed vertices move up to the position error).
 */
function tilesBox(b: Box, padM: number): number[] {
  const c = [(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2];
  const h = [(b[3] - b[0]) / 2 + padM, (b[4] - b[1]) / 2 + padM, (b[5] - b[2]) / 2 + padM];
  return [c[0], c[1], c[2], h[0], 0, 0, 0, h[1], 0, 0, 0, h[2]];
}

function union(a: Box | null, b: Box | null): Box | null {
  if (!a) return b;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2]), Math.max(a[3], b[3]), Math.max(a[4], b[4]), Math.max(a[5], b[5])];
}

type PipeRow = {
  id: string;
  code: string;
  diameter_mm: number;
  material: string;
  depth_m: number;
  axis: string;
};

function pipeOf(row: PipeRow): NetworkPipe {
  const coordinates = (JSON.parse(row.axis) as { coordinates: number[][] }).coordinates;
  return { id: row.id, code: row.code, diameterMm: Number(row.diameter_mm), material: row.material, depthM: Number(row.depth_m), axis: coordinates.flatMap((c) => [c[0], c[1], c[2] ?? 0]) };
}

/**
 * Builds the tiles of `network` in region `regionCode` (pipes whose `region_code` equals it).
 * @returns counts, bytes and the root's bounding region; `null` when the region has no pipe of that network
 *   (nothing is written)
 * @throws {InputError} on an unknown network, a region code that is not 6 digits, or bad options
 */
export async function buildNetworkTiles(
  db: Db,
  input: { network: PipeNetwork; regionCode: string },
  options: NetworkTilesOptions,
  ctx: NetworkTilesContext,
): Promise<NetworkTilesResult | null> {
  const { network, regionCode } = input;
  if (!(PIPE_NETWORKS as readonly string[]).includes(network)) throw new InputError(`network tiles: unknown network ${JSON.stringify(network)}`);
  if (!/^\d{6}$/.test(regionCode)) throw new InputError(`network tiles: region code must be 6 digits, got ${JSON.stringify(regionCode)}`);
  const opts = resolveNetworkTilesOptions(network, options);
  const scope = sql`p.network = ${network} AND p.region_code = ${regionCode}`;

  const { rows: extentRows } = await db.execute<{ count: string; w: number | null; s: number; e: number; n: number; zmin: number; zmax: number; dmax: number }>(sql`
    SELECT count::text AS count, ST_XMin(ext) AS w, ST_YMin(ext) AS s, ST_XMax(ext) AS e, ST_YMax(ext) AS n,
           ST_ZMin(ext) AS zmin, ST_ZMax(ext) AS zmax, dmax
      FROM (SELECT count(*) AS count, ST_3DExtent(p.geom) AS ext, max(p.diameter_mm) AS dmax FROM lifelines_pipes p WHERE ${scope}) x`);
  const extent = extentRows[0];
  const pipeCount = Number(extent?.count ?? 0);
  if (!extent || pipeCount === 0 || extent.w === null) return null;

  const lon0 = (extent.w + extent.e) / 2;
  const lat0 = (extent.s + extent.n) / 2;
  const enuToEcef = enuToEcefAt(lon0, lat0, 0);
  // Half-open cells: widen the root a hair so that the east/north-most centres fall inside.
  const pad = 1e-9;
  const rootCell: Cell = { level: 0, x: 0, y: 0, w: extent.w - pad, s: extent.s - pad, e: extent.e + pad, n: extent.n + pad };

  await MeshoptEncoder.ready;
  const report = new ReportBuilder();
  const compressor = new TileCompressor({ maxPositionErrorM: opts.maxPositionErrorM }, { logger: ctx.logger, report, meshoptEncoder: MeshoptEncoder });
  let tileCount = 0;
  let contentCount = 0;
  let bytes = 0;
  let depth = 0;

  const inCell = (cell: Cell): SQL => sql`${scope}
    AND p.geom && ST_MakeEnvelope(${cell.w}, ${cell.s}, ${cell.e}, ${cell.n}, 4326)
    AND (ST_XMin(p.geom) + ST_XMax(p.geom)) / 2 >= ${cell.w} AND (ST_XMin(p.geom) + ST_XMax(p.geom)) / 2 < ${cell.e}
    AND (ST_YMin(p.geom) + ST_YMax(p.geom)) / 2 >= ${cell.s} AND (ST_YMin(p.geom) + ST_YMax(p.geom)) / 2 < ${cell.n}`;
  const columns = sql`p.id, p.code, p.diameter_mm, p.material, (p.cover_from_m + p.cover_to_m) / 2 + p.diameter_mm / 2000.0 AS depth_m, ST_AsGeoJSON(p.geom, 9) AS axis`;

  const cellCentreEnu = (cell: Cell): [number, number, number] => axisToEnu(enuToEcef, [(cell.w + cell.e) / 2, (cell.s + cell.n) / 2, 0, cell.e, cell.n, 0])[0];
  const cellWidthM = (cell: Cell): number => {
    const [a, b] = axisToEnu(enuToEcef, [cell.w, cell.s, 0, cell.e, cell.n, 0]);
    return Math.max(Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]));
  };

  /** Meshes, compresses and writes one content; returns its box (ENU). */
  const writeContent = async (uri: string, pipes: NetworkPipe[], sides: number, minRadiusM: number, centre: [number, number, number]): Promise<Box> => {
    const mesh = emptyTubeMesh();
    pipes.forEach((pipe, i) => appendTube(mesh, axisToEnu(enuToEcef, pipe.axis), Math.max(pipe.diameterMm / 2000, minRadiusM), sides, centre, i));
    const document = createPipeTileDocument(network, pipes, mesh, centre, NETWORK_COLOURS[network]);
    const glb = await compressor.compress({ path: uri, document });
    await ctx.writeFile(uri, glb);
    contentCount++;
    bytes += glb.byteLength;
    return mesh.boundsEnu;
  };

  const build = async (cell: Cell): Promise<{ json: NetworkTileJson; box: Box } | null> => {
    const { rows: countRows } = await db.execute<{ count: string }>(sql`SELECT count(*)::text AS count FROM lifelines_pipes p WHERE ${inCell(cell)}`);
    const count = Number(countRows[0].count);
    if (count === 0) return null;
    tileCount++;
    depth = Math.max(depth, cell.level);
    const name = `${cell.level}-${cell.x}-${cell.y}`;
    const centre = cellCentreEnu(cell);
    if (count <= opts.leafMaxPipes || cell.level >= opts.maxDepth) {
      // Leaf: every pipe, in keyset pages of leafMaxPipes, one GLB per page.
      const uris: string[] = [];
      let box: Box | null = null;
      let after = '00000000-0000-0000-0000-000000000000';
      for (let chunk = 0; ; chunk++) {
        const { rows } = await db.execute<PipeRow>(sql`SELECT ${columns} FROM lifelines_pipes p WHERE ${inCell(cell)} AND p.id > ${after} ORDER BY p.id LIMIT ${opts.leafMaxPipes}`);
        if (rows.length === 0) break;
        after = rows[rows.length - 1].id;
        const uri = `tiles/${name}${chunk > 0 ? `-${chunk}` : ''}.glb`;
        box = union(box, await writeContent(uri, rows.map(pipeOf), opts.leafSides, 0, centre));
        uris.push(uri);
        if (rows.length < opts.leafMaxPipes) break;
      }
      const json: NetworkTileJson = { boundingVolume: { box: tilesBox(box!, 2 * opts.maxPositionErrorM) }, geometricError: 0 };
      if (uris.length === 1) json.content = { uri: uris[0] };
      else json.contents = uris.map((uri) => ({ uri }));
      return { json, box: box! };
    }
    // Coarse: children first (their errors bound ours), then this cell's mains.
    const midLon = (cell.w + cell.e) / 2;
    const midLat = (cell.s + cell.n) / 2;
    const quads: Cell[] = [
      { level: cell.level + 1, x: 2 * cell.x, y: 2 * cell.y, w: cell.w, s: cell.s, e: midLon, n: midLat },
      { level: cell.level + 1, x: 2 * cell.x + 1, y: 2 * cell.y, w: midLon, s: cell.s, e: cell.e, n: midLat },
      { level: cell.level + 1, x: 2 * cell.x, y: 2 * cell.y + 1, w: cell.w, s: midLat, e: midLon, n: cell.n },
      { level: cell.level + 1, x: 2 * cell.x + 1, y: 2 * cell.y + 1, w: midLon, s: midLat, e: cell.e, n: cell.n },
    ];
    const children: NetworkTileJson[] = [];
    let box: Box | null = null;
    let childError = 0;
    for (const quad of quads) {
      const child = await build(quad);
      if (!child) continue;
      children.push(child.json);
      box = union(box, child.box);
      childError = Math.max(childError, child.json.geometricError);
    }
    const { rows: mains } = await db.execute<PipeRow>(sql`
      SELECT ${columns} FROM lifelines_pipes p WHERE ${inCell(cell)} AND p.diameter_mm >= ${opts.coarseMinDiameterMm}
       ORDER BY p.diameter_mm DESC, p.id LIMIT ${opts.coarseMaxPipes}`);
    // The largest pipe left out: the next in the same order, or the largest below the mains' threshold.
    const { rows: omittedRows } = await db.execute<{ d: number | null }>(sql`
      SELECT max(d) AS d FROM (
        (SELECT p.diameter_mm AS d FROM lifelines_pipes p WHERE ${inCell(cell)} AND p.diameter_mm >= ${opts.coarseMinDiameterMm}
          ORDER BY p.diameter_mm DESC, p.id OFFSET ${mains.length} LIMIT 1)
        UNION ALL
        (SELECT max(p.diameter_mm) FROM lifelines_pipes p WHERE ${inCell(cell)} AND p.diameter_mm < ${opts.coarseMinDiameterMm})) o`);
    const omittedM = Number(omittedRows[0]?.d ?? 0) / 1000;
    const lineWidthM = cellWidthM(cell) / opts.coarseWidthRatio;
    const json: NetworkTileJson = {
      boundingVolume: { box: [] },
      geometricError: Math.max(
        (omittedM * REFERENCE_SSE_PX) / opts.omittedVisibleAtPx,
        mains.length > 0 ? (lineWidthM * REFERENCE_SSE_PX) / opts.maxLinePx : 0,
        childError * 1.001 + 1e-3,
      ),
      children,
    };
    if (mains.length > 0) {
      const uri = `tiles/${name}.glb`;
      box = union(box, await writeContent(uri, mains.map(pipeOf), opts.coarseSides, lineWidthM / 2, centre));
      json.content = { uri };
    }
    json.boundingVolume.box = tilesBox(box!, 2 * opts.maxPositionErrorM);
    return { json, box: box! };
  };

  const root = await build(rootCell);
  if (!root) return null;
  const geometricError = Math.max(2 * root.json.geometricError, 1);
  const tileset = {
    asset: { version: '1.1', generator: 'GanTwin lifelines network tiles' },
    geometricError,
    root: { transform: enuToEcef, ...root.json, refine: 'REPLACE' as const },
  };
  const json = new TextEncoder().encode(JSON.stringify(tileset));
  await ctx.writeFile('tileset.json', json);
  bytes += json.byteLength;
  compressor.finish();

  const DEG = Math.PI / 180;
  // Pad the region by the largest radius (and the coarse lines' exaggeration, ≤ root width / ratio) in degrees.
  const padM = Math.max(Number(extent.dmax) / 2000, cellWidthM(rootCell) / opts.coarseWidthRatio) + 1;
  const padDeg = padM / 111_000;
  const padLonDeg = padDeg / Math.max(0.01, Math.cos(lat0 * DEG));
  // The ENU boxes include the Earth's curvature below the plane; heights of the region come from the pipes.
  const boundingRegion: NetworkTilesResult['boundingRegion'] = [
    (extent.w - padLonDeg) * DEG,
    (extent.s - padDeg) * DEG,
    (extent.e + padLonDeg) * DEG,
    (extent.n + padDeg) * DEG,
    extent.zmin - padM,
    extent.zmax + padM,
  ];
  ctx.logger.info(`network tiles ${network} ${regionCode}: ${pipeCount} pipes → ${tileCount} tiles, ${contentCount} GLBs, ${bytes} bytes, depth ${depth}`);
  return { network, regionCode, pipeCount, tileCount, contentCount, bytes, depth, originDeg: [lon0, lat0], boundingRegion, geometricError };
}
