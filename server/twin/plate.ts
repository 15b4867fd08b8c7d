import { TWIN_LAYERS } from '@data/twin/layers';
import { definePlate } from '@server/host/server-plate';
import { catalogueGeoSource } from './catalogue/catalogue-geo-source';
import { TWIN_GEO_LAYERS } from './geo-layer-sources';
import { twinRouter } from './router';
import { seedRegions } from './seed-regions';
import { searchTwin } from './search-service';
import { seedRoads } from './seed-roads';

/**
 * The `twin` plate (城市底座, the city base): converted IFC models and their elements, the layer catalogue,
 * administrative regions and the Nanchang road network. It is the example of a plate: router, job, GeoJSON
 * sources, catalogue layers and seed, all declared here and listed with one line in server/plates.ts.
 */
export const TWIN_PLATE = definePlate({
  slug: 'twin',
  router: twinRouter,
  // Lazy and hidden from the web bundler: only the worker loads the tiler.
  jobs: async () => (await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './jobs')).TWIN_JOBS,
  geoLayers: TWIN_GEO_LAYERS,
  // Uploaded vector layers of the resource catalogue (资源目录), made at run time.
  runtimeGeoLayer: catalogueGeoSource,
  layers: TWIN_LAYERS,
  search: searchTwin,
  async seed(db, ctx) {
    const regions = await seedRegions(db, { sharedDataDir: ctx.sharedDataDir });
    const roadCount = await seedRoads(db, { sharedDataDir: ctx.sharedDataDir });
    return `regions province=${regions.province} city=${regions.city} county=${regions.county}, road segments=${roadCount}`;
  },
});
