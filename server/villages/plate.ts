import { VILLAGES_LAYERS } from '@data/villages/layers';
import { definePlate } from '@server/host/server-plate';
import { VILLAGES_GEO_LAYERS } from './geo-layer-sources';
import { villagesRouter } from './router';

/**
 * The `villages` plate (传统村落数字博物馆): village pages from published documents, and in the twin the villages as
 * markers, boundaries, points of interest and historic-building blocks (./scene-tiles/, built on publish by the job
 * `villages.build-scene-tiles`), with recorded guided tours. Scene branch stand-in (the lead's plate adds the seed).
 */
export const VILLAGES_PLATE = definePlate({
  slug: 'villages',
  router: villagesRouter,
  layers: VILLAGES_LAYERS,
  geoLayers: VILLAGES_GEO_LAYERS,
  jobs: async () => [(await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './scene-tiles/build-scene-tiles-job')).BUILD_SCENE_TILES_JOB],
});
