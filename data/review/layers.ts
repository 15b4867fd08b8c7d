import type { LayerDefinition } from '@kernel/layer-kinds';

/**
 * Catalogue layers of the `review` plate: the parcels (地块) with their planning conditions, drawn on the city twin
 * for signed-in accounts of the parcel's region (anonymous visitors get an empty collection).
 */
export const REVIEW_LAYERS: readonly LayerDefinition[] = [
  {
    id: 'review-parcels',
    plate: 'review',
    title: '报建地块（规划条件）',
    titleEn: 'Parcels (planning conditions)',
    kind: 'geojson',
    cimLevel: 2,
    source: 'GanTwin review plate: parcels drawn or imported by planners; the Honggutan parcels are demo data (示例数据)',
    url: '/api/geo/review-parcels',
    defaultVisible: true,
    style: { stroke: '#ff8c42', fill: 'rgba(255, 140, 66, 0.08)', width: 2 },
    options: null,
    sortOrder: 300,
  },
];
