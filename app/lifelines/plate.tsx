import { LIFELINES_MESSAGES } from '@viewer/lifelines/messages';
import { defineClientPlate } from '../shell/client-plate';
import './lifelines.css';
import { PipeSelectionPanel } from './pipe-selection-panel';

/**
 * The app side of the `lifelines` plate (城市生命线) in the twin: the title of its layer group (one tube layer per
 * network, off by default; the pipes are drawn by the shared `tubes` layer kind) and the selection panel of a picked
 * pipe segment (its identity, and 关阀分析 for water pipes).
 */
export const LIFELINES_CLIENT_PLATE = defineClientPlate({
  slug: 'lifelines',
  title: { 'zh-CN': LIFELINES_MESSAGES['zh-CN']['plate.title'], en: LIFELINES_MESSAGES.en['plate.title'] },
  SelectionPanel: PipeSelectionPanel,
});
