import { describe, expect, it } from 'vitest';
import { closeAllPanels, isPanelOpen, togglePanel } from './shell-panels';

const IDS = ['layers', 'twin', 'sites'];

describe('shell panels', () => {
  it('start open on a desktop and closed on a phone', () => {
    expect(IDS.map((id) => isPanelOpen({}, id, false))).toEqual([true, true, true]);
    expect(IDS.map((id) => isPanelOpen({}, id, true))).toEqual([false, false, false]);
  });

  it('toggle one at a time on a desktop, the others keep their state', () => {
    const closed = togglePanel({}, 'layers', IDS, false);
    expect(IDS.map((id) => isPanelOpen(closed, id, false))).toEqual([false, true, true]);
    expect(IDS.map((id) => isPanelOpen(togglePanel(closed, 'twin', IDS, false), id, false))).toEqual([false, false, true]);
    expect(isPanelOpen(togglePanel(closed, 'layers', IDS, false), 'layers', false)).toBe(true);
  });

  it('open as one sheet at a time on a phone: opening one closes the others, closing leaves all closed', () => {
    const layers = togglePanel({}, 'layers', IDS, true);
    expect(IDS.map((id) => isPanelOpen(layers, id, true))).toEqual([true, false, false]);
    const models = togglePanel(layers, 'twin', IDS, true);
    expect(IDS.map((id) => isPanelOpen(models, id, true))).toEqual([false, true, false]);
    const none = togglePanel(models, 'twin', IDS, true);
    expect(IDS.map((id) => isPanelOpen(none, id, true))).toEqual([false, false, false]);
  });

  it('closeAllPanels closes every panel in both layouts', () => {
    expect(IDS.map((id) => isPanelOpen(closeAllPanels(IDS), id, false))).toEqual([false, false, false]);
  });
});
