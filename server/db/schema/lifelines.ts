import { sql } from 'drizzle-orm';
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { lineStringZ, pointZ } from '../columns/geo';

/**
 * Tables of the `lifelines` plate (市政管网 / 城市生命线): the nodes and pipe segments of the utility networks, with
 * their topology (every segment names the node at each end). Geometry is EPSG:4326 with a GiST index (STYLE rule
 * 20); heights are metres above the WGS84 ellipsoid as the twin draws them (the twin has no terrain, so ground ≈
 * 0 m and a pipe axis 1.5 m deep is at −1.5 m).
 */

/** Networks (管网): 供水 water supply, 雨水 storm, 污水 sewage, 燃气 gas, 热力 heat. */
export const PIPE_NETWORKS = ['water', 'storm', 'sewage', 'gas', 'heat'] as const;
export type PipeNetwork = (typeof PIPE_NETWORKS)[number];

/**
 * Node kinds (管点): 阀门 valve (closable: the boundary of a valve isolation), 检查井 manhole, 消火栓 hydrant,
 * 三通/四通 tee, 节点 junction (bend, end, change of diameter), 水源 source (plant, pumping station, gate station).
 */
export const NODE_KINDS = ['valve', 'manhole', 'hydrant', 'tee', 'junction', 'source'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(','));

/** One node of a network (管点): valve, manhole, hydrant, tee, junction or source. */
export const lifelinesNodes = pgTable(
  'lifelines_nodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Node code (管点编号), unique: `DEMO-W-N-000123` for the demo network, the source's code for imports. */
    code: text('code').notNull(),
    network: text('network').$type<PipeNetwork>().notNull(),
    kind: text('kind').$type<NodeKind>().notNull(),
    /** Lon/lat degrees; height = the node's pipe axis, metres above the WGS84 ellipsoid (≈ −depth, no terrain). */
    geom: pointZ('geom').notNull(),
    /** Depth of the pipe axis (or a manhole's invert) below the ground, metres, ≥ 0. */
    depthM: doublePrecision('depth_m').notNull(),
    /** 6-digit admin code of the county (or city) the node lies in (scope of who may see it). */
    regionCode: text('region_code').notNull(),
    /** Demonstration data (示例数据), labelled as such wherever it is shown. */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lifelines_nodes_code_uq').on(t.code),
    index('lifelines_nodes_network_kind_idx').on(t.network, t.kind),
    index('lifelines_nodes_region_idx').on(t.regionCode),
    index('lifelines_nodes_geom_gist').using('gist', t.geom),
    check('lifelines_nodes_network_ck', sql`${t.network} IN (${inList(PIPE_NETWORKS)})`),
    check('lifelines_nodes_kind_ck', sql`${t.kind} IN (${inList(NODE_KINDS)})`),
    check('lifelines_nodes_depth_ck', sql`${t.depthM} >= 0 AND ${t.depthM} < 100`),
  ],
);

/** One pipe segment (管段) between two nodes of the same network. */
export const lifelinesPipes = pgTable(
  'lifelines_pipes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Segment code (管段编号), unique: `DEMO-W-P-000123` for the demo network, the source's code for imports. */
    code: text('code').notNull(),
    network: text('network').$type<PipeNetwork>().notNull(),
    /**
     * The pipe axis: lon/lat degrees, Z = metres above the WGS84 ellipsoid as the twin draws it (ground ≈ 0 m, so
     * Z = −(cover + diameter / 2)). First position at `fromNodeId`, last at `toNodeId`.
     */
    geom: lineStringZ('geom').notNull(),
    fromNodeId: uuid('from_node_id')
      .notNull()
      .references(() => lifelinesNodes.id, { onDelete: 'restrict' }),
    toNodeId: uuid('to_node_id')
      .notNull()
      .references(() => lifelinesNodes.id, { onDelete: 'restrict' }),
    /** Nominal diameter (DN), millimetres, > 0. */
    diameterMm: integer('diameter_mm').notNull(),
    /** Material (管材): `ductile-iron` 球墨铸铁, `pe` 聚乙烯, `steel` 钢, `concrete` 钢筋混凝土, `hdpe` … */
    material: text('material').notNull(),
    /** Year laid (敷设年份), null = unknown. */
    installYear: integer('install_year'),
    /** Owner / operator (权属单位). */
    owner: text('owner').notNull(),
    /** Pressure class (压力级制): water `0.4MPa`…, gas `中压A` …, `gravity` for drainage, '' unknown. */
    pressureClass: text('pressure_class').notNull().default(''),
    /** Depth of cover (覆土深度) to the pipe crown at the from / to end, metres, ≥ 0. */
    coverFromM: doublePrecision('cover_from_m').notNull(),
    coverToM: doublePrecision('cover_to_m').notNull(),
    /** Horizontal length on the ellipsoid, metres, > 0. */
    lengthM: doublePrecision('length_m').notNull(),
    /** 6-digit admin code of the county (or city) holding the segment's midpoint (scope of who may see it). */
    regionCode: text('region_code').notNull(),
    /** Demonstration data (示例数据), labelled as such wherever it is shown. */
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('lifelines_pipes_code_uq').on(t.code),
    index('lifelines_pipes_network_diameter_idx').on(t.network, t.diameterMm),
    index('lifelines_pipes_from_idx').on(t.fromNodeId),
    index('lifelines_pipes_to_idx').on(t.toNodeId),
    index('lifelines_pipes_region_idx').on(t.regionCode),
    index('lifelines_pipes_geom_gist').using('gist', t.geom),
    check('lifelines_pipes_network_ck', sql`${t.network} IN (${inList(PIPE_NETWORKS)})`),
    check('lifelines_pipes_diameter_ck', sql`${t.diameterMm} > 0 AND ${t.diameterMm} <= 10000`),
    check('lifelines_pipes_cover_ck', sql`${t.coverFromM} >= 0 AND ${t.coverToM} >= 0 AND ${t.coverFromM} < 100 AND ${t.coverToM} < 100`),
    check('lifelines_pipes_length_ck', sql`${t.lengthM} > 0`),
    check('lifelines_pipes_year_ck', sql`${t.installYear} IS NULL OR (${t.installYear} >= 1850 AND ${t.installYear} <= 2100)`),
    check('lifelines_pipes_ends_ck', sql`${t.fromNodeId} <> ${t.toNodeId}`),
  ],
);

/**
 * The published 3D Tiles build of one network in one region (server/lifelines/network-tiles/): the object-store
 * version prefix readers resolve through (published whole, server/storage/publish-manifest.ts), and what the
 * caller-composed root tileset needs to reference it (bounding region, geometric error). One row per
 * (network, region); a rebuild replaces the row in one statement, so web servers switch versions atomically.
 */
export const lifelinesNetworkTilesets = pgTable(
  'lifelines_network_tilesets',
  {
    network: text('network').$type<PipeNetwork>().notNull(),
    /** 6-digit admin code of the pipes' `region_code` (scope of who may read the tiles). */
    regionCode: text('region_code').notNull(),
    /** Object-store version prefix, `lifelines/networks/<network>/<region>/<publishId>`. */
    prefix: text('prefix').notNull(),
    /**
     * 3D Tiles `region` bounding volume of the whole build: [west, south, east, north] radians, [min, max] height
     * metres above the WGS84 ellipsoid.
     */
    boundingRegion: jsonb('bounding_region').$type<number[]>().notNull(),
    /** Geometric error of the build's root tileset, metres. */
    geometricError: doublePrecision('geometric_error').notNull(),
    pipeCount: integer('pipe_count').notNull(),
    tileCount: integer('tile_count').notNull(),
    /** Bytes of tileset.json + GLBs. */
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.network, t.regionCode] }),
    check('lifelines_network_tilesets_network_ck', sql`${t.network} IN (${inList(PIPE_NETWORKS)})`),
  ],
);
