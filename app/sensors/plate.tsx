import { SENSORS_MESSAGES } from '@viewer/sensors/messages';
import { defineClientPlate } from '../shell/client-plate';

/**
 * The app side of the `sensors` plate (物联感知 + 告警) in the twin: for now only the title of its layer group; the
 * sensor layer, alarm list and charts come with the plate's UI.
 */
export const SENSORS_CLIENT_PLATE = defineClientPlate({
  slug: 'sensors',
  title: { 'zh-CN': SENSORS_MESSAGES['zh-CN']['plate.title'], en: SENSORS_MESSAGES.en['plate.title'] },
});
