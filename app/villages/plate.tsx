import { VILLAGES_SCENE_MESSAGES } from '@viewer/villages/scene-messages';
import { defineClientPlate } from '../shell/client-plate';
import { VillageSelectionPanel } from './village-selection-panel';

/**
 * The app side of the `villages` plate (传统村落数字博物馆) in the twin: the title of its layer group (villages as core
 * `points`, boundaries as `geojson`, points of interest as `points`, historic buildings as an `external-tileset`) and
 * the selection panel of a picked village, building or point of interest, with the guided tour and its recorder.
 */
export const VILLAGES_CLIENT_PLATE = defineClientPlate({
  slug: 'villages',
  title: { 'zh-CN': VILLAGES_SCENE_MESSAGES['zh-CN']['plate.title'], en: VILLAGES_SCENE_MESSAGES.en['plate.title'] },
  SelectionPanel: VillageSelectionPanel,
});
