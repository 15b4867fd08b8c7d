import { LIFELINES_LAYERS } from '@data/lifelines/layers';
import { definePlate } from '@server/host/server-plate';
import { lifelinesRouter } from './router';
import { seedDemoNetwork } from './seed-network';

/**
 * The `lifelines` plate (市政管网 / 城市生命线): utility networks (water, storm, sewage, gas, heat) with their
 * topology, drawn as 3D Tiles of tubes at their real depth and diameter (./network-tiles/); valve isolation (关阀分析) for a burst segment; the
 * demo networks of central Nanchang (示例数据). Inspectors are its main users.
 */
export const LIFELINES_PLATE = definePlate({
  slug: 'lifelines',
  router: lifelinesRouter,
  layers: LIFELINES_LAYERS,
  jobs: async () => [(await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './network-tiles/build-network-tiles-job')).BUILD_NETWORK_TILES_JOB],
  async seed(db, ctx) {
    const started = performance.now();
    const result = await seedDemoNetwork(db, ctx.sharedDataDir);
    const km = Object.entries(result.kmByNetwork).map(([network, value]) => `${network}=${value}`).join(' ');
    // The network tiles of every (network, region) that has none or older than its pipes: built by the worker.
    const { enqueueNetworkTilesBuild } = await import(/* turbopackIgnore: true */ /* webpackIgnore: true */ './network-tiles/build-network-tiles-job');
    const queued = await enqueueNetworkTilesBuild(db);
    return `demo networks ${result.action} (nodes=${result.nodes}, pipes=${result.pipes}, km ${km}) in ${Math.round(performance.now() - started)} ms; network tile builds queued=${queued.length}`;
  },
});
