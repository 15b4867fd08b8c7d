import { HEATMAP_LAYER_KIND } from '@viewer/sensors/heatmap-kind';
import { SENSORS_MESSAGES } from '@viewer/sensors/messages';
import { defineClientPlate } from '../shell/client-plate';
import { AlarmsPanel } from './alarms-panel';
import { SensorSelectionPanel } from './sensor-selection-panel';
import './sensors.css';

/**
 * The app side of the `sensors` plate (物联感知 + 告警) in the twin: the title of its layer group (the
 * `sensors-devices` layer is a core `points` layer), the alarm panel (告警) under the layer panel, and the panel of a
 * picked sensor with its chart.
 */
export const SENSORS_CLIENT_PLATE = defineClientPlate({
  slug: 'sensors',
  title: { 'zh-CN': SENSORS_MESSAGES['zh-CN']['plate.title'], en: SENSORS_MESSAGES.en['plate.title'] },
  layerKinds: [HEATMAP_LAYER_KIND],
  SidePanel: AlarmsPanel,
  SelectionPanel: SensorSelectionPanel,
  sidePanelTitle: { 'zh-CN': SENSORS_MESSAGES['zh-CN']['alarms.title'], en: SENSORS_MESSAGES.en['alarms.title'] },
});
