import type { LayerDefinition } from '@kernel/layer-kinds';

/**
 * Catalogue layers of the `villages` plate (传统村落数字博物馆), all public and built from the villages' published
 * documents only (server/villages/geo-layer-sources.ts, server/villages/scene-tiles/): the villages as markers, their
 * boundaries, their points of interest, and their historic buildings as 3D blocks (footprints extruded to their
 * eave heights, `/tiles/villages/tileset.json`). Off by default; a village link (viewer/villages/village-scene-href.ts)
 * opens the twin with the village selected, and its panel switches them on.
 */

/** Layer ids of the plate. */
export const VILLAGES_LAYER_IDS = {
  points: 'villages-points',
  boundaries: 'villages-boundaries',
  pois: 'villages-pois',
  buildings: 'villages-buildings',
} as const;

/** URL of the composed root tileset of every published village (server/villages/scene-tiles/scene-tile-response.ts). */
export const VILLAGES_TILESET_URL = '/tiles/villages/tileset.json';

/**
 * Colours of the scene blocks (CSS hex): whitewashed walls and grey tiled roofs, as the vernacular houses of
 * Jiangxi (赣派/徽派: 粉墙黛瓦) are commonly described; the exact RGB values are ours.
 */
export const SCENE_COLOURS = { wall: '#ece6d8', roof: '#454b55' } as const;

/** Marker colour of a village (a verified position) and of one placed at its county's label point (位置待核实). */
export const VILLAGE_MARKER_COLOURS = { verified: '#c2410c', unverified: '#9ca3af' } as const;

/** The four layers. */
export const VILLAGES_LAYERS: readonly LayerDefinition[] = [
  {
    id: VILLAGES_LAYER_IDS.points,
    plate: 'villages',
    title: '传统村落',
    titleEn: 'Traditional villages',
    kind: 'points',
    cimLevel: 2,
    source: 'GanTwin villages plate: published village pages (中国传统村落名录 batches; positions not yet surveyed sit at their county’s label point, 位置待核实); demo pages are sample content (示例内容)',
    url: `/api/geo/${VILLAGES_LAYER_IDS.points}`,
    defaultVisible: false,
    style: { stroke: VILLAGE_MARKER_COLOURS.verified },
    options: {
      clusterPixelRange: 40,
      labelProperty: 'name',
      colourProperty: 'positionState',
      colours: { verified: VILLAGE_MARKER_COLOURS.verified, unverified: VILLAGE_MARKER_COLOURS.unverified },
    },
    sortOrder: 600,
  },
  {
    id: VILLAGES_LAYER_IDS.boundaries,
    plate: 'villages',
    title: '传统村落范围',
    titleEn: 'Traditional village boundaries',
    kind: 'geojson',
    cimLevel: 2,
    source: 'GanTwin villages plate: boundaries (村域 or protected core area) drawn by curators, as published',
    url: `/api/geo/${VILLAGES_LAYER_IDS.boundaries}`,
    defaultVisible: false,
    style: { stroke: '#f59e0b', fill: 'rgba(245, 158, 11, 0.12)', width: 2 },
    options: null,
    sortOrder: 610,
  },
  {
    id: VILLAGES_LAYER_IDS.pois,
    plate: 'villages',
    title: '村落兴趣点',
    titleEn: 'Village points of interest',
    kind: 'points',
    cimLevel: 2,
    source: 'GanTwin villages plate: points of interest (古井, 古树, 码头 …) of published villages',
    url: `/api/geo/${VILLAGES_LAYER_IDS.pois}`,
    defaultVisible: false,
    style: { stroke: '#0e7490' },
    options: { clusterPixelRange: 24, labelProperty: 'name' },
    sortOrder: 620,
  },
  {
    id: VILLAGES_LAYER_IDS.buildings,
    plate: 'villages',
    title: '传统建筑（体块）',
    titleEn: 'Historic buildings (blocks)',
    kind: 'external-tileset',
    cimLevel: 3,
    source: 'GanTwin villages plate: footprints of published historic buildings extruded to their eave heights (6 m when unknown) with a gable or flat roof; ground at the WGS84 ellipsoid (h = 0)',
    url: VILLAGES_TILESET_URL,
    defaultVisible: false,
    style: null,
    options: { maximumScreenSpaceErrorPx: 16 },
    sortOrder: 630,
  },
];
