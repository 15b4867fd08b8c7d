import type { LayerDefinition } from '@kernel/layer-kinds';
import type { PipeNetwork } from '@server/db/schema/lifelines';

/**
 * Catalogue layers of the `lifelines` plate: one `tubes` layer per network (pipes at their real depth and
 * diameter), served region-scoped by `/api/geo/<id>` (server/lifelines/geo-layer-sources.ts). Only water is shown by
 * default.
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
 * Smallest diameter each network layer draws, millimetres (the mains: keeps one answer bounded, see
 * geo-layer-sources.ts); smaller pipes come through `lifelines.pipes.inBbox` when zoomed in.
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

/** The five network layers. */
export const LIFELINES_LAYERS: readonly LayerDefinition<'tubes'>[] = (Object.keys(TITLES) as PipeNetwork[]).map((network, i) => ({
  id: pipeLayerId(network),
  plate: 'lifelines',
  title: `${TITLES[network][0]}（DN≥${LAYER_MIN_DIAMETER_MM[network]}）`,
  titleEn: `${TITLES[network][1]} (DN ≥ ${LAYER_MIN_DIAMETER_MM[network]})`,
  kind: 'tubes',
  cimLevel: 2,
  source: 'GanTwin lifelines plate: imported networks of the caller’s region; the central-Nanchang networks are demo data (示例数据) laid along the CityBrain road network',
  url: `/api/geo/${pipeLayerId(network)}`,
  // Off by default: thousands of tubes are a heavy first paint of the twin for every signed-in account; inspectors
  // switch on the networks they work on (a level-of-detail scheme, network tiles, is the next step of issue #11).
  defaultVisible: false,
  style: { stroke: NETWORK_COLOURS[network] },
  options: { diameterProperty: 'diameterMm', defaultDiameterMm: 300 },
  sortOrder: 400 + i,
}));
