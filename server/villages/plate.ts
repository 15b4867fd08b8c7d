import { definePlate } from '@server/host/server-plate';
import { villagesRouter } from './router';
import { seedDemoVillages } from './seed-demo-villages';
import { seedVillageRegister } from './seed-register';

/**
 * The `villages` plate (传统村落数字博物馆): the village register (统计用区划代码 2023), curated village entries with
 * drafts and a published public document each, the public pages `/villages` and `/villages/<code>`, media, panoramas
 * and the 3D village scene. Seeds the register and the demo villages (示例内容).
 */
export const VILLAGES_PLATE = definePlate({
  slug: 'villages',
  router: villagesRouter,
  async seed(db, ctx) {
    const register = await seedVillageRegister(db, ctx.sharedDataDir);
    const villages = await seedDemoVillages(db);
    return `village register rows written=${register}, demo villages inserted=${villages}`;
  },
});
