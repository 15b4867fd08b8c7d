/**
 * Open/closed state of the shell's collapsible panels (the twin's dock, BIM inspection's columns), engine-free.
 *
 * Rules: a panel the user has not toggled is open on a desktop or tablet and closed on a phone (`isCompact`). On a
 * desktop each panel toggles on its own; on a phone opening one closes the others (one bottom sheet at a time),
 * and closing one leaves the rest closed.
 */

/** Panels the user has opened (`true`) or closed (`false`); a panel not listed follows the layout's default. */
export type PanelToggles = Readonly<Record<string, boolean>>;

/** Whether panel `id` is open. */
export function isPanelOpen(toggles: PanelToggles, id: string, isCompact: boolean): boolean {
  return toggles[id] ?? !isCompact;
}

/**
 * The toggles after the user toggles panel `id`.
 *
 * @param ids - every panel id of the page
 * @returns new toggles (the input is left alone)
 */
export function togglePanel(toggles: PanelToggles, id: string, ids: readonly string[], isCompact: boolean): PanelToggles {
  const isOpening = !isPanelOpen(toggles, id, isCompact);
  if (!isCompact || !isOpening) return { ...toggles, [id]: isOpening };
  return Object.fromEntries(ids.map((other) => [other, other === id]));
}

/** The toggles with every panel closed. */
export function closeAllPanels(ids: readonly string[]): PanelToggles {
  return Object.fromEntries(ids.map((id) => [id, false]));
}
