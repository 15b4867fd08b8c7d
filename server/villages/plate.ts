import { VILLAGES_LAYERS } from '@data/villages/layers';
import { definePlate } from '@server/host/server-plate';
import { VILLAGES_GEO_LAYERS } from './geo-layer-sources';
import { villagesRouter } from './router';
import { searchVillages } from './search-villages';
import { seedDemoImagery } from './seed-demo-imagery';
import { seedDemoVillages } from './seed-demo-villages';
import { seedVillageRegister } from './seed-register';

/**
 * The `villages` plate (传统村落数字博物馆): the village register (统计用区划代码 2023), curated village entries with
 * drafts and one published public document each (./public-village.ts), the public pages `/villages` and
 * `/villages/<code>`, media and panoramas, and in the twin the villages as markers, boundaries, points of interest
 * and historic-building blocks (./scene-tiles/, built on publish by the job `villages.build-scene-tiles`) with
 * recorded guided tours. Seeds the register and the demo villages (示例内容).
 */
export const VILLAGES_PLATE = definePlate({
  slug: 'villages',
  router: villagesRouter,
  search: searchVillages,
  layers: VILLAGES_LAYERS,
  geoLayers: VILLAGES_GEO_LAYERS,
  jobs: async () => [(await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './scene-tiles/build-scene-tiles-job')).BUILD_SCENE_TILES_JOB],
  async seed(db, ctx) {
    const register = await seedVillageRegister(db, ctx.sharedDataDir);
    const villages = await seedDemoVillages(db, { imagery: seedDemoImagery });
    return `village register rows written=${register}, demo villages inserted=${villages}`;
  },
});
