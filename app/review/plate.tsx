import { REVIEW_MESSAGES } from '@viewer/review/messages';
import { defineClientPlate } from '../shell/client-plate';

/**
 * The app side of the `review` plate (BIM 报建审查) in the twin: the title of its layer group (the parcels with their
 * planning conditions, for signed-in accounts of the parcel's region). Its work pages are under `/review`.
 */
export const REVIEW_CLIENT_PLATE = defineClientPlate({
  slug: 'review',
  title: { 'zh-CN': REVIEW_MESSAGES['zh-CN']['plate.title'], en: REVIEW_MESSAGES.en['plate.title'] },
});
