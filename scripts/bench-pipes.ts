/**
 * `npm run bench:pipes`: the lifelines network tiles (issue #11). Writes `docs/bench-pipes.md`; the last stdout line
 * is one JSON object `{"bench":"pipes",…}`.
 *
 * Set-up: a scratch database `gantwin_bench_pipes_<pid>` on the server of `DATABASE_URL` (or the project-local
 * cluster), made the way the tests and `db:up` make one, dropped at the end; the local object store in a temporary
 * folder. Two networks:
 * 1. the demo networks (示例数据, server/lifelines/seed-network.ts) on the real county boundaries (twin
 *    `seedRegions`), as `npm start` seeds them — one build per (network, county);
 * 2. a synthetic ≈ 5 000 km water network: a 25 × 25 km street grid (100 streets each way, 250 m apart, 125 m
 *    segments: 39 800 pipes, 4 975 km, 30 000 nodes) at Ganzhou 章贡区 (360702), every 10th street a DN 800 main,
 *    every other 5th a DN 500 one, the rest DN 100–300.
 * Each build is the job's own function (`publishNetworkTiles`: build into a temp folder, publish whole, record the
 * row), timed wall-clock; peak RSS of this process is sampled every 50 ms.
 *
 * What the browser loads: a COMPUTED traversal, not a browser run. It replays CesiumJS's base traversal rules on the
 * published files: starting at the composed root (every build of the network, as a province inspector sees it), a
 * tile is requested when it is visible and its parent was refined; a tile is refined when its screen-space error
 * `geometricError × viewportHeight / (distance × 2 tan(fovy / 2))` exceeds 16 px (CesiumJS
 * `Cesium3DTileset.maximumScreenSpaceError` default), `distance` = camera to the tile's box (0 inside). Camera:
 * 1440 × 900 px, CesiumJS's default 60° field of view on the wider axis (fovy = 2 atan(tan 30° / 1.6) = 39.6°),
 * looking straight down (nadir) over the centre of the network's extent, at the height that fits the extent's
 * width ("city-wide"), and again at 1 500 m ("street"). Visibility: boxes intersecting the nadir view's ground
 * rectangle (±half-width/height around the centre), a simplification of the frustum test. Counted: every
 * tileset.json and GLB requested, and their bytes.
 *
 * Usage: `npm run bench:pipes` (needs `../shared/data/geo` for the demo roads and counties; SHARED_DATA_DIR).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { SILENT_LOGGER } from '@kernel/logger';
import { createDb, type Db } from '@server/db/client';
import { dropDatabase, ensureDatabaseServer } from '@server/db/local-cluster';
import { provisionDatabase } from '@server/db/provision';
import type { PipeNetwork } from '@server/db/schema/lifelines';
import { env } from '@server/env';
import { publishNetworkTiles } from '@server/lifelines/network-tiles/publish-network-tiles';
import { composedNetworkTileset } from '@server/lifelines/network-tiles/network-tile-response';
import { seedDemoNetwork } from '@server/lifelines/seed-network';
import { LocalObjectStore } from '@server/storage/local-store';
import { seedRegions } from '@server/twin/seed-regions';
import type { Actor } from '@server/api/actor';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOC_PATH = path.join(REPO_ROOT, 'docs/bench-pipes.md');
const SYNTHETIC_REGION = '360702';
const VIEWPORT = { width: 1440, height: 900 };
const FOV_WIDE_RAD = Math.PI / 3;
const FOVY_RAD = 2 * Math.atan(Math.tan(FOV_WIDE_RAD / 2) / (VIEWPORT.width / VIEWPORT.height));
const MAX_SSE_PX = 16;
const PROVINCE_INSPECTOR = { regionCode: '360000', role: 'inspector', mustChangePassword: false } as Actor;

let peakRssMb = 0;
const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 2 ** 20)), 50);

interface BuildFigure {
  network: PipeNetwork;
  regionCode: string;
  pipes: number;
  km: number;
  tiles: number;
  glbs: number;
  bytes: number;
  depth: number;
  seconds: number;
}

/** Builds and publishes every (network, region) with pipes matching `where`; returns one figure per build. */
async function buildAll(db: Db, store: LocalObjectStore, where: ReturnType<typeof sql>): Promise<BuildFigure[]> {
  const { rows } = await db.execute<{ network: PipeNetwork; region_code: string; km: number }>(sql`
    SELECT network, region_code, sum(length_m) / 1000 AS km FROM lifelines_pipes WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`);
  const figures: BuildFigure[] = [];
  for (const row of rows) {
    const started = performance.now();
    const output = await publishNetworkTiles(db, { network: row.network, regionCode: row.region_code }, { logger: SILENT_LOGGER, objectStore: store });
    if (output.status !== 'published') continue;
    figures.push({
      network: row.network,
      regionCode: row.region_code,
      pipes: output.pipeCount,
      km: Number(row.km),
      tiles: output.tileCount,
      glbs: output.contentCount,
      bytes: output.bytes,
      depth: output.depth,
      seconds: (performance.now() - started) / 1000,
    });
    console.error(`bench-pipes: ${row.network} ${row.region_code}: ${output.pipeCount} pipes → ${output.tileCount} tiles, ${(output.bytes / 1e6).toFixed(2)} MB in ${figures.at(-1)!.seconds.toFixed(2)} s`);
  }
  return figures;
}

/** Writes the synthetic 5 000 km street-grid water network (see the module doc). */
async function generateSynthetic(db: Db): Promise<void> {
  const lon0 = 114.8;
  const lat0 = 25.72;
  const dLat = 125 / 111_320;
  const dLon = 125 / (111_320 * Math.cos((lat0 * Math.PI) / 180));
  // Nodes on the 125 m lattice where a street runs (i or j even): 201 × 201 lattice, streets every 2 steps.
  await db.execute(sql`
    INSERT INTO lifelines_nodes (code, network, kind, geom, depth_m, region_code)
    SELECT 'SYN-N-' || i || '-' || j, 'water', CASE WHEN i % 2 = 0 AND j % 2 = 0 THEN 'tee' ELSE 'junction' END,
           ST_SetSRID(ST_MakePoint(${lon0}::float8 + i * ${dLon}::float8, ${lat0}::float8 + j * ${dLat}::float8, -1.45), 4326), 1.45, ${SYNTHETIC_REGION}
      FROM generate_series(0, 199) i, generate_series(0, 199) j WHERE i % 2 = 0 OR j % 2 = 0`);
  // East-west pipes along streets j even, north-south along i even; each 125 m; s = step along, t = street.
  const diameter = sql`CASE WHEN t % 20 = 0 THEN 800 WHEN t % 10 = 0 THEN 500 ELSE (ARRAY[100, 150, 200, 300])[1 + (s % 4)] END`;
  for (const [dir, from, to] of [
    ['E', sql`'SYN-N-' || g.s || '-' || g.t`, sql`'SYN-N-' || (g.s + 1) || '-' || g.t`],
    ['N', sql`'SYN-N-' || g.t || '-' || g.s`, sql`'SYN-N-' || g.t || '-' || (g.s + 1)`],
  ] as const) {
    await db.execute(sql`
      INSERT INTO lifelines_pipes (code, network, geom, from_node_id, to_node_id, diameter_mm, material, install_year, owner, pressure_class,
                                   cover_from_m, cover_to_m, length_m, region_code)
      SELECT 'SYN-P-' || ${dir} || '-' || g.s || '-' || g.t, 'water',
             ST_SetSRID(ST_MakeLine(ST_MakePoint(ST_X(a.geom), ST_Y(a.geom), -(1.2 + g.d / 2000.0)), ST_MakePoint(ST_X(b.geom), ST_Y(b.geom), -(1.2 + g.d / 2000.0))), 4326),
             a.id, b.id, g.d, 'ductile-iron', 2015, 'bench', '0.4MPa', 1.2, 1.2, 125, ${SYNTHETIC_REGION}
        FROM (SELECT s, t, ${diameter} AS d FROM generate_series(0, 198) s, generate_series(0, 198, 2) t) g
        JOIN lifelines_nodes a ON a.code = ${from}
        JOIN lifelines_nodes b ON b.code = ${to}`);
  }
}

interface TileNode {
  boundingVolume: { box?: number[]; region?: number[] };
  geometricError: number;
  content?: { uri: string };
  contents?: { uri: string }[];
  children?: TileNode[];
  transform?: number[];
}

type Vec3 = [number, number, number];

function geodeticToEcef(lonRad: number, latRad: number, h: number): Vec3 {
  const a = 6378137;
  const e2 = 0.00669437999014;
  const n = a / Math.sqrt(1 - e2 * Math.sin(latRad) ** 2);
  return [(n + h) * Math.cos(latRad) * Math.cos(lonRad), (n + h) * Math.cos(latRad) * Math.sin(lonRad), (n * (1 - e2) + h) * Math.sin(latRad)];
}

/** Camera → the distance to a tile and whether it lies in the view, for one nadir camera. */
interface NadirCamera {
  lonRad: number;
  latRad: number;
  heightM: number;
  /** Half the ground width / height seen, metres. */
  halfWidthM: number;
  halfHeightM: number;
}

/** Distance from the camera to an ENU-frame box (axis-aligned in its frame), and whether it overlaps the view. */
function boxMetrics(camera: NadirCamera, box: number[], transform: number[]): { distance: number; visible: boolean } {
  const cam = geodeticToEcef(camera.lonRad, camera.latRad, camera.heightM);
  const ground = geodeticToEcef(camera.lonRad, camera.latRad, 0);
  const local = (p: Vec3): Vec3 => {
    const d = [p[0] - transform[12], p[1] - transform[13], p[2] - transform[14]];
    return [transform[0] * d[0] + transform[1] * d[1] + transform[2] * d[2], transform[4] * d[0] + transform[5] * d[1] + transform[6] * d[2], transform[8] * d[0] + transform[9] * d[1] + transform[10] * d[2]];
  };
  const c = local(cam);
  const g = local(ground);
  const half = [box[3], box[7], box[11]];
  const delta = [0, 1, 2].map((i) => Math.max(0, Math.abs(c[i] - box[i]) - half[i]));
  const distance = Math.hypot(delta[0], delta[1], delta[2]);
  const visible = Math.abs(g[0] - box[0]) <= half[0] + camera.halfWidthM && Math.abs(g[1] - box[1]) <= half[1] + camera.halfHeightM;
  return { distance, visible };
}

/** Region volume → the same metrics, via its corners in ECEF (enough for the composed root's children). */
function regionMetrics(camera: NadirCamera, region: number[]): { distance: number; visible: boolean } {
  const [w, s, e, n, , maxH] = region;
  const lon = Math.min(Math.max(camera.lonRad, w), e);
  const lat = Math.min(Math.max(camera.latRad, s), n);
  const cam = geodeticToEcef(camera.lonRad, camera.latRad, camera.heightM);
  const near = geodeticToEcef(lon, lat, Math.min(camera.heightM, maxH));
  const distance = lon === camera.lonRad && lat === camera.latRad && camera.heightM <= maxH ? 0 : Math.hypot(cam[0] - near[0], cam[1] - near[1], cam[2] - near[2]);
  const mPerRad = 6_371_000;
  const visible =
    (e - camera.lonRad) * mPerRad * Math.cos(camera.latRad) >= -camera.halfWidthM &&
    (camera.lonRad - w) * mPerRad * Math.cos(camera.latRad) >= -camera.halfWidthM &&
    (n - camera.latRad) * mPerRad >= -camera.halfHeightM &&
    (camera.latRad - s) * mPerRad >= -camera.halfHeightM;
  return { distance, visible };
}

const sse = (geometricError: number, distance: number) => (geometricError * VIEWPORT.height) / (Math.max(distance, 1e-3) * 2 * Math.tan(FOVY_RAD / 2));

/** Replays the traversal (module doc) and counts requests and bytes. */
function traverse(camera: NadirCamera, root: { root: TileNode }, readFile: (uri: string) => Uint8Array): { requests: number; bytes: number; glbs: number } {
  let requests = 0;
  let bytes = 0;
  let glbs = 0;
  const request = (uri: string): Uint8Array => {
    const data = readFile(uri);
    requests++;
    bytes += data.byteLength;
    if (uri.endsWith('.glb')) glbs++;
    return data;
  };
  const visit = (tile: TileNode, base: string, transform: number[] | null): void => {
    const metrics = tile.boundingVolume.region ? regionMetrics(camera, tile.boundingVolume.region) : boxMetrics(camera, tile.boundingVolume.box!, transform!);
    if (!metrics.visible) return;
    for (const uri of [tile.content?.uri, ...(tile.contents ?? []).map((c) => c.uri)].filter((u): u is string => !!u)) {
      const data = request(`${base}${uri}`);
      if (uri.endsWith('tileset.json')) {
        const inner = JSON.parse(new TextDecoder().decode(data)) as { root: TileNode };
        visit(inner.root, `${base}${uri.slice(0, uri.lastIndexOf('/') + 1)}`, inner.root.transform ?? null);
      }
    }
    if (sse(tile.geometricError, metrics.distance) > MAX_SSE_PX) for (const child of tile.children ?? []) visit(child, base, transform);
  };
  visit(root.root, '', null);
  return { requests: requests + 1, bytes, glbs };
}

/** The nadir camera fitting the extent of every build of `network` (city-wide), or at `heightM` over its centre. */
async function cameraFor(db: Db, network: PipeNetwork, regionLike: string, heightM?: number): Promise<NadirCamera> {
  const { rows } = await db.execute<{ w: number; s: number; e: number; n: number }>(sql`
    SELECT min((bounding_region->>0)::float8) AS w, min((bounding_region->>1)::float8) AS s, max((bounding_region->>2)::float8) AS e, max((bounding_region->>3)::float8) AS n
      FROM lifelines_network_tilesets WHERE network = ${network} AND region_code LIKE ${regionLike}`);
  const { w, s, e, n } = rows[0];
  const latRad = (s + n) / 2;
  const widthM = (e - w) * 6_371_000 * Math.cos(latRad);
  const fitHeight = widthM / 2 / Math.tan(FOV_WIDE_RAD / 2);
  const h = heightM ?? fitHeight;
  const halfWidthM = h * Math.tan(FOV_WIDE_RAD / 2);
  return { lonRad: (w + e) / 2, latRad, heightM: h, halfWidthM, halfHeightM: halfWidthM / (VIEWPORT.width / VIEWPORT.height) };
}

interface ViewFigure {
  network: PipeNetwork;
  view: string;
  heightM: number;
  requests: number;
  glbs: number;
  bytes: number;
}

async function views(db: Db, store: LocalObjectStore, network: PipeNetwork, regionLike: string, label: string): Promise<ViewFigure[]> {
  const root = (await composedNetworkTileset(db, PROVINCE_INSPECTOR, network)) as { root: TileNode };
  // Keep only the builds of this data set (demo counties vs the synthetic region).
  const like = new RegExp(`^${regionLike.replace('%', '.*')}/`);
  root.root.children = (root.root.children ?? []).filter((child) => like.test(child.content!.uri));
  const { rows } = await db.execute<{ region_code: string; prefix: string }>(sql`SELECT region_code, prefix FROM lifelines_network_tilesets WHERE network = ${network}`);
  const prefixes = new Map(rows.map((r) => [r.region_code, r.prefix.slice(0, r.prefix.lastIndexOf('/'))]));
  const readFile = (uri: string) => {
    const [region, ...rest] = uri.split('/');
    return readFileSync(path.join(store.root, prefixes.get(region)!, ...rest));
  };
  const out: ViewFigure[] = [];
  for (const [view, heightM] of [[`${label} city-wide`, undefined], [`${label} street (1 500 m)`, 1500]] as const) {
    const camera = await cameraFor(db, network, regionLike, heightM);
    const result = traverse(camera, root, readFile);
    out.push({ network, view, heightM: Math.round(camera.heightM), ...result });
  }
  return out;
}

function reportOf(demo: BuildFigure[], synthetic: BuildFigure[], viewFigures: ViewFigure[], timings: Record<string, number>, machine: Record<string, string>): string {
  const mb = (b: number) => (b / 1e6).toFixed(2);
  const sum = (list: BuildFigure[], key: 'pipes' | 'km' | 'tiles' | 'glbs' | 'bytes' | 'seconds') => list.reduce((acc, f) => acc + f[key], 0);
  const byNetwork = (list: BuildFigure[]) =>
    [...new Set(list.map((f) => f.network))].map((network) => {
      const rows = list.filter((f) => f.network === network);
      return `| ${network} | ${rows.length} | ${sum(rows, 'pipes')} | ${sum(rows, 'km').toFixed(1)} | ${sum(rows, 'tiles')} | ${sum(rows, 'glbs')} | ${mb(sum(rows, 'bytes'))} | ${Math.max(...rows.map((r) => r.depth))} | ${sum(rows, 'seconds').toFixed(2)} |`;
    });
  return `# bench:pipes — lifelines network tiles (issue #11)

Generated by \`npm run bench:pipes\` (scripts/bench-pipes.ts) on ${machine.date}: ${machine.cpu}, ${machine.nproc} cores, ${machine.memory}, Node ${machine.node}.
Scratch database, local object store; each build is the job's own function (build into a temp folder, publish whole,
record the row). Builder defaults (server/lifelines/network-tiles/build-network-tiles.ts): leaves ≤ 500 pipes,
8-sided tubes; coarse tiles ≤ 1 000 mains (the catalogue's DN thresholds), 4-sided, ≥ cell width / 1 000 thick;
meshopt + 2 mm position grid.

## Build

Demo networks (示例数据 on the CityBrain roads, real county boundaries; seed ${timings.seedS.toFixed(1)} s), one build per network and county:

| network | builds | pipes | km | tiles | GLBs | MB | max depth | build s (sum) |
|---|---|---|---|---|---|---|---|---|
${byNetwork(demo).join('\n')}
| **all** | ${demo.length} | ${sum(demo, 'pipes')} | ${sum(demo, 'km').toFixed(1)} | ${sum(demo, 'tiles')} | ${sum(demo, 'glbs')} | ${mb(sum(demo, 'bytes'))} | | ${sum(demo, 'seconds').toFixed(2)} |

Synthetic 5 000 km water network (25 × 25 km street grid at Ganzhou, generated in ${timings.generateS.toFixed(1)} s), one build:

| network | builds | pipes | km | tiles | GLBs | MB | max depth | build s |
|---|---|---|---|---|---|---|---|---|
${byNetwork(synthetic).join('\n')}

Peak RSS of the bench process: ${Math.round(timings.peakRssMb)} MiB overall (the demo seed reads the whole road network),
${Math.round(timings.syntheticPeakRssMb)} MiB while the 5 000 km network was built (RSS, so it includes what the process kept of the
seed's heap: an upper bound of the builder's need). The builder holds one page of ≤ 1 000 pipes and one tile's
mesh at a time, whatever the network's size.

## What the browser loads

A computed traversal (not a browser run): CesiumJS's rules replayed on the published files — a visible tile is
requested once its parent is refined, refined while its screen-space error exceeds 16 px. Camera: ${VIEWPORT.width} × ${VIEWPORT.height} px,
60° field of view on the wide axis (fovy ${((FOVY_RAD * 180) / Math.PI).toFixed(1)}°), nadir over the centre of the network's extent;
"city-wide" = the height at which the extent's width fills the view; "street" = 1 500 m. Visibility = boxes meeting
the view's ground rectangle (a simplification of the frustum test). The composed root (a province inspector's) counts
as one request.

| view | network | camera height m | requests | GLBs | MB |
|---|---|---|---|---|---|
${viewFigures.map((v) => `| ${v.view} | ${v.network} | ${v.heightM} | ${v.requests} | ${v.glbs} | ${mb(v.bytes)} |`).join('\n')}

Before (GeoJSON tubes, server/lifelines/README.md): the water layer answered 7 916 features, 2.87 MB, for the
whole province at any zoom, storm and sewage cut at 8 000 features; smaller pipes were not drawn at all.
`;
}

async function main(): Promise<void> {
  const server = ensureDatabaseServer(env.DATABASE_URL, { port: env.LOCAL_PG_PORT });
  const databaseName = `gantwin_bench_pipes_${process.pid}`;
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'gantwin-bench-pipes-'));
  let pool: { end: () => Promise<void> } | undefined;
  try {
    const { appUrl } = await provisionDatabase(server.adminUrl, databaseName, {});
    const connection = createDb(appUrl, 2);
    pool = connection.pool;
    const db = connection.db;
    const store = new LocalObjectStore(path.join(workDir, 'storage'));
    await seedRegions(db, { sharedDataDir: env.SHARED_DATA_DIR });
    let started = performance.now();
    await seedDemoNetwork(db, env.SHARED_DATA_DIR);
    const seedS = (performance.now() - started) / 1000;
    const demo = await buildAll(db, store, sql`is_demo`);
    started = performance.now();
    await generateSynthetic(db);
    const generateS = (performance.now() - started) / 1000;
    const beforeSyntheticMb = peakRssMb;
    peakRssMb = 0;
    const synthetic = await buildAll(db, store, sql`region_code = ${SYNTHETIC_REGION}`);
    const syntheticPeakRssMb = peakRssMb;
    peakRssMb = Math.max(peakRssMb, beforeSyntheticMb);
    const viewFigures = [
      ...(await views(db, store, 'water', '3601%', 'demo (Nanchang)')),
      ...(await views(db, store, 'water', SYNTHETIC_REGION, 'synthetic 5 000 km')),
    ];
    for (const v of viewFigures) console.log(`${v.view.padEnd(34)} ${v.network} h=${v.heightM} m: ${v.requests} requests, ${v.glbs} GLBs, ${(v.bytes / 1e6).toFixed(2)} MB`);
    const machine = {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
      nproc: String(os.availableParallelism()),
      memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
      node: process.version,
      date: new Date().toISOString().slice(0, 10),
    };
    const summary = {
      bench: 'pipes',
      demoPipes: demo.reduce((a, f) => a + f.pipes, 0),
      demoBuildS: +demo.reduce((a, f) => a + f.seconds, 0).toFixed(2),
      demoTiles: demo.reduce((a, f) => a + f.tiles, 0),
      demoMb: +(demo.reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(2),
      syntheticKm: +synthetic.reduce((a, f) => a + f.km, 0).toFixed(1),
      syntheticPipes: synthetic.reduce((a, f) => a + f.pipes, 0),
      syntheticBuildS: +synthetic.reduce((a, f) => a + f.seconds, 0).toFixed(2),
      syntheticTiles: synthetic.reduce((a, f) => a + f.tiles, 0),
      syntheticMb: +(synthetic.reduce((a, f) => a + f.bytes, 0) / 1e6).toFixed(2),
      cityWideDemoWaterRequests: viewFigures[0].requests,
      cityWideDemoWaterMb: +(viewFigures[0].bytes / 1e6).toFixed(2),
      cityWideSyntheticRequests: viewFigures[2].requests,
      cityWideSyntheticMb: +(viewFigures[2].bytes / 1e6).toFixed(2),
      peakRssMb: Math.round(peakRssMb),
      syntheticBuildPeakRssMb: Math.round(syntheticPeakRssMb),
    };
    writeFileSync(DOC_PATH, `${reportOf(demo, synthetic, viewFigures, { seedS, generateS, peakRssMb, syntheticPeakRssMb }, machine)}\n${JSON.stringify(summary)}\n`);
    console.error(`bench-pipes: wrote ${path.relative(REPO_ROOT, DOC_PATH)}`);
    console.log(JSON.stringify(summary));
  } finally {
    clearInterval(sampler);
    await pool?.end();
    await dropDatabase(server.adminUrl, databaseName);
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
