import { LIFELINES_MESSAGES } from '@viewer/lifelines/messages';
import { defineClientPlate } from '../shell/client-plate';

/**
 * The app side of the `lifelines` plate (城市生命线) in the twin: the title of its layer group (one tube layer per
 * network, water shown by default; the pipes are drawn by the shared `tubes` layer kind).
 */
export const LIFELINES_CLIENT_PLATE = defineClientPlate({
  slug: 'lifelines',
  title: { 'zh-CN': LIFELINES_MESSAGES['zh-CN']['plate.title'], en: LIFELINES_MESSAGES.en['plate.title'] },
});
