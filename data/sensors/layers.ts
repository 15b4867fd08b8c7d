import type { LayerDefinition } from '@kernel/layer-kinds';

/**
 * Catalogue layers of the `sensors` plate: the sensors (监测点) as clustered markers with their last value and state
 * (`normal`, `alarm-1`…`alarm-3` from the open alarm, `offline`), for inspectors, officers and admins of the
 * sensor's region (anyone else gets an empty collection); off by default, switched on in the layer panel.
 */
export const SENSORS_LAYERS: readonly LayerDefinition[] = [
  {
    id: 'sensors-devices',
    plate: 'sensors',
    title: '物联感知设备（监测点）',
    titleEn: 'Sensors (monitoring points)',
    kind: 'points',
    cimLevel: 3,
    source: 'GanTwin sensors plate: registered sensors and their last readings; the central Nanchang sensors are demo data (示例数据)',
    url: '/api/geo/sensors-devices',
    defaultVisible: false,
    style: { stroke: '#2f9e44', fill: '#2f9e44', width: 1 },
    // Marker colour by state (the alarm level colours of the alarms panel; grey = offline).
    options: {
      clusterPixelRange: 40,
      labelProperty: 'name',
      colourProperty: 'state',
      colours: { normal: '#2f9e44', 'alarm-1': '#f0c419', 'alarm-2': '#f08c00', 'alarm-3': '#e03131', offline: '#868e96' },
    },
    sortOrder: 400,
  },
  {
    id: 'sensors-heat-water-level',
    plate: 'sensors',
    title: '雨水井水位热力图',
    titleEn: 'Manhole water level heat map',
    kind: 'heatmap',
    cimLevel: 3,
    source: 'GanTwin sensors plate: last readings of the manhole water-level sensors (distance of the water below the cover), Gaussian-weighted; demo data in central Nanchang (示例数据)',
    url: '/api/geo/sensors-heat-water-level',
    defaultVisible: false,
    style: null,
    // Water 1.5 m or more below the cover is cool (blue), 0.2 m (the level-3 threshold, alarm-rules.ts) is hot (red).
    options: { valueProperty: 'lastValue', low: 1.5, high: 0.2, radiusM: 150 },
    sortOrder: 410,
  },
];
