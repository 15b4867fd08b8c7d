import type { NodeKind, PipeNetwork } from '@server/db/schema/lifelines';

/**
 * How the `lifelines` plate's import (server/lifelines/import-features.ts) reads the attributes of surveyed pipe and
 * node features (城市地下管线探测成果: GeoJSON or Shapefile .dbf). Attribute names are matched case-insensitively,
 * the form's mapping first, then these defaults: the pinyin initials common in Chinese pipeline survey tables, then
 * the plate's own English names.
 *
 * Notes:
 * - Depth convention of survey tables (城市地下管线探测 practice, not a checked clause): pressure pipes (water, gas,
 *   heat) are measured to the pipe crown (管顶), gravity drainage (storm, sewage) to the invert (管内底). An imported
 *   depth is therefore read as the cover to the crown for pressure networks, and as the invert depth for drainage
 *   (cover = depth − DN, wall thickness ignored). The form may override with `depthTo=crown|invert`.
 * - Invert elevations (管底高程) need the ground elevation (地面高程) at the same end: invert depth = ground − invert.
 */

/** Pipe attributes an import reads. */
export const PIPE_IMPORT_FIELDS = [
  'code', 'network', 'diameterMm', 'material', 'installYear', 'owner', 'pressureClass',
  'depthFromM', 'depthToM', 'depthM', 'groundFromM', 'invertFromM', 'groundToM', 'invertToM',
] as const;
export type PipeImportField = (typeof PIPE_IMPORT_FIELDS)[number];

/** Node attributes an import reads (Point features). */
export const NODE_IMPORT_FIELDS = ['code', 'network', 'kind', 'depthM'] as const;
export type NodeImportField = (typeof NODE_IMPORT_FIELDS)[number];

/** Default attribute names per pipe field, first match wins. */
export const PIPE_ATTRIBUTE_NAMES: Readonly<Record<PipeImportField, readonly string[]>> = {
  code: ['GXBH', 'BH', 'code'],
  network: ['GXLB', 'GXLX', 'network'],
  diameterMm: ['GJ', 'DN', 'diameterMm'],
  material: ['CZ', 'GC', 'material'],
  installYear: ['MSNF', 'JSNF', 'installYear'],
  owner: ['QSDW', 'owner'],
  pressureClass: ['YLDJ', 'YL', 'pressureClass'],
  depthFromM: ['QDMS', 'depthFromM', 'coverFromM'],
  depthToM: ['ZDMS', 'depthToM', 'coverToM'],
  depthM: ['MS', 'depthM'],
  groundFromM: ['QDDMGC', 'groundFromM'],
  invertFromM: ['QDGDGC', 'invertFromM'],
  groundToM: ['ZDDMGC', 'groundToM'],
  invertToM: ['ZDGDGC', 'invertToM'],
};

/** Default attribute names per node field. */
export const NODE_ATTRIBUTE_NAMES: Readonly<Record<NodeImportField, readonly string[]>> = {
  code: ['WTDH', 'GDBH', 'BH', 'code'],
  network: ['GXLB', 'GXLX', 'network'],
  kind: ['FSW', 'TZ', 'kind'],
  depthM: ['MS', 'JS', 'depthM'],
};

/** Words of the network attribute (lower-cased) → network. */
export const NETWORK_WORDS: Readonly<Record<string, PipeNetwork>> = {
  water: 'water', '给水': 'water', '供水': 'water', js: 'water', gs: 'water',
  storm: 'storm', '雨水': 'storm', ys: 'storm',
  sewage: 'sewage', '污水': 'sewage', ws: 'sewage',
  gas: 'gas', '燃气': 'gas', '天然气': 'gas', rq: 'gas',
  heat: 'heat', '热力': 'heat', '供热': 'heat', rl: 'heat',
};

/** Words of the node-kind attribute (lower-cased) → kind; anything else is a junction. */
export const NODE_KIND_WORDS: Readonly<Record<string, NodeKind>> = {
  valve: 'valve', '阀门': 'valve', '阀门井': 'valve', '闸阀': 'valve',
  manhole: 'manhole', '检查井': 'manhole', '窨井': 'manhole', '雨水井': 'manhole', '污水井': 'manhole',
  hydrant: 'hydrant', '消火栓': 'hydrant', '消防栓': 'hydrant',
  tee: 'tee', '三通': 'tee', '四通': 'tee',
  junction: 'junction', '节点': 'junction', '变径': 'junction', '弯头': 'junction', '直线点': 'junction',
  source: 'source', '水源': 'source', '泵站': 'source', '调压站': 'source',
};

/** Networks whose survey depth is measured to the invert (gravity drainage); the others to the crown. */
export const INVERT_DEPTH_NETWORKS: readonly PipeNetwork[] = ['storm', 'sewage'];

/**
 * Service distance of valve isolation's affected buildings (停水影响建筑): a building whose footprint lies within this
 * many metres of an isolated segment is taken as served by it. An assumption, not a standard: house service
 * connections (入户管) in Chinese city blocks run from the street main to the building wall, rarely over 30 m; no
 * service-connection table exists to do better (server/lifelines/isolation-service.ts).
 */
export const AFFECTED_BUILDING_SERVICE_DISTANCE_M = 30;
