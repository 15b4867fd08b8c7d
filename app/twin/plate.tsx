import { TWIN_MESSAGES } from '@viewer/twin/messages';
import { defineClientPlate } from '../shell/client-plate';
import './catalogue.css';
import { ModelsPanel } from './models-panel';
import { SelectionPanel } from './selection-panel';

/**
 * The app side of the `twin` plate (城市底座): its layer group title, the model list under the layer panel, and the
 * selection panel for model elements and boundary / road features. Its layers use the core kinds only.
 */
export const TWIN_CLIENT_PLATE = defineClientPlate({
  slug: 'twin',
  title: { 'zh-CN': TWIN_MESSAGES['zh-CN']['plate.title'], en: TWIN_MESSAGES.en['plate.title'] },
  SidePanel: ModelsPanel,
  sidePanelTitle: { 'zh-CN': TWIN_MESSAGES['zh-CN']['models.title'], en: TWIN_MESSAGES.en['models.title'] },
  SelectionPanel,
});
