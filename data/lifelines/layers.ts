import type { LayerDefinition } from '@kernel/layer-kinds';
import type { PipeNetwork } from '@server/db/schema/lifelines';

/**
 * Catalogue layers of the `lifelines` plate: one 3D Tiles layer per network (kind `external-tileset`: pipes as tubes
 * at their real depth and diameter, built from PostGIS by server/lifelines/network-tiles/), served region-scoped by
 * `/tiles/lifelines/<network>/tileset.json`. Picking reads the tiles' `id` property (the segment uuid), so a picked
 * pipe selects `{plate: 'lifelines', layerId, featureId}` as the GeoJSON tubes did. Off by default.
 *
 * Palette: the colour conventions of Chinese utility survey maps (CJJ 61-2017 城市地下管线探测技术规程, table of
 * pipeline colours: 给水 blue, 排水 brown/雨水 and 污水 told apart here by cyan and brown, 燃气 yellow/pink, 热力
 * orange/red), as commonly used in municipal GIS; the exact RGB values are ours.
 */

/** Colour of each network (CSS hex). */
export const NETWORK_COLOURS: Record<PipeNetwork, string> = {
  water: '#1e6fff',
  storm: '#19c3d4',
  sewage: '#8b5a2b',
  gas: '#f2c200',
  heat: '#e0362c',
};

/**
 * The mains of each network, millimetres: the smallest diameter the coarse (far-away) network tiles draw
 * (server/lifelines/network-tiles/build-network-tiles.ts); the leaves hold every pipe.
 */
export const LAYER_MIN_DIAMETER_MM: Record<PipeNetwork, number> = { water: 400, storm: 800, sewage: 500, gas: 250, heat: 300 };

const TITLES: Record<PipeNetwork, [string, string]> = {
  water: ['供水管网', 'Water supply mains'],
  storm: ['雨水管网', 'Storm drains'],
  sewage: ['污水管网', 'Sewers'],
  gas: ['燃气管网', 'Gas mains'],
  heat: ['热力管网', 'District heating'],
};

/** Layer id of a network's layer (`lifelines-water-pipes`). */
export const pipeLayerId = (network: PipeNetwork): string => `lifelines-${network}-pipes`;

/** URL of a network's root tileset, composed per caller (server/lifelines/network-tiles/network-tile-response.ts). */
export const networkTilesetUrl = (network: PipeNetwork): string => `/tiles/lifelines/${network}/tileset.json`;

/** The five network layers. */
export const LIFELINES_LAYERS: readonly LayerDefinition<'external-tileset'>[] = (Object.keys(TITLES) as PipeNetwork[]).map((network, i) => ({
  id: pipeLayerId(network),
  plate: 'lifelines',
  title: TITLES[network][0],
  titleEn: TITLES[network][1],
  kind: 'external-tileset',
  cimLevel: 2,
  source: 'GanTwin lifelines plate: imported networks of the caller’s region; the central-Nanchang networks are demo data (示例数据) laid along the CityBrain road network',
  url: networkTilesetUrl(network),
  // Off by default: private data that most accounts may not read; inspectors switch on the networks they work on.
  defaultVisible: false,
  style: { stroke: NETWORK_COLOURS[network] },
  options: { maximumScreenSpaceErrorPx: 16 },
  sortOrder: 400 + i,
}));
