import type { PlateSearch, SearchResult } from '@server/host/plate-search';
import { listPublicVillages } from './public-list';

/** Layer and feature a village result selects in the twin (the `villages-points` layer, feature id = code). */
export const VILLAGES_POINTS_LAYER_ID = 'villages-points';

/**
 * The `villages` plate's part of the header search: published villages whose name, pinyin or initials match
 * (./public-list.ts rules), the same for every caller (published documents only). Choosing one selects the village
 * on the twin's `villages-points` layer (its panel links to the page) and flies to it.
 */
export const searchVillages: PlateSearch = async (db, _actor, query, limit) => {
  const { items } = await listPublicVillages(db, { q: query.slice(0, 40), limit, offset: 0 });
  return items.map(
    (village): SearchResult => ({
      kind: 'village',
      id: village.code,
      title: { 'zh-CN': village.nameZh, en: village.nameEn ?? village.nameZh },
      subtitle: {
        'zh-CN': `传统村落 · ${village.city}${village.county}${village.isPositionVerified ? '' : ' · 位置待核实'}`,
        en: `Traditional village · ${village.county}, ${village.city}${village.isPositionVerified ? '' : ' · position unverified'}`,
      },
      action: {
        type: 'select',
        selection: { plate: 'villages', layerId: VILLAGES_POINTS_LAYER_ID, featureId: village.code },
        point: { lonDeg: village.position[0], latDeg: village.position[1], heightEllipsoidalM: 0, radiusM: village.isPositionVerified ? 400 : 3000 },
      },
    }),
  );
};
