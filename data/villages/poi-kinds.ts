/** Kinds of points of interest of a village scene; slugs stable, labels zh/en. */
export const POI_KINDS = {
  well: { zh: '古井', en: 'Old well' },
  tree: { zh: '古树', en: 'Old tree' },
  pier: { zh: '码头', en: 'Landing' },
  viewpoint: { zh: '观景点', en: 'Viewpoint' },
  lane: { zh: '古巷', en: 'Old lane' },
  pond: { zh: '水塘', en: 'Pond' },
  entrance: { zh: '村口', en: 'Village entrance' },
  visitor: { zh: '游客服务', en: 'Visitor services' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type PoiKind = keyof typeof POI_KINDS;
export const POI_KIND_SLUGS = Object.keys(POI_KINDS) as PoiKind[];
