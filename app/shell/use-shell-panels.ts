'use client';
/**
 * Which of the shell's collapsible panels are open (rules in viewer/core/shell-panels.ts: open on a desktop, one
 * bottom sheet at a time on a phone). A new selection closes them on a phone (the caller calls `closeAll`) so that
 * its own sheet shows; a change of layout (rotation, resize) returns to that layout's defaults.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { closeAllPanels, isPanelOpen, togglePanel, type PanelToggles } from '@viewer/core/shell-panels';

/** The panels' state and how to change it. */
export interface ShellPanels {
  isCompact: boolean;
  /** Whether panel `id` is open. */
  isOpen: (id: string) => boolean;
  /** Opens or closes panel `id` (on a phone, opening it closes the others). */
  toggle: (id: string) => void;
  /** Closes every panel (explicitly, in both layouts). */
  closeAll: () => void;
  /** Whether any panel is open. */
  isAnyOpen: boolean;
}

/**
 * The panels' state.
 *
 * @param ids - every panel id, in display order (a stable array)
 * @param isCompact - whether the page is laid out for a phone (use-compact-layout.ts)
 */
export function useShellPanels(ids: readonly string[], isCompact: boolean): ShellPanels {
  const [toggles, setToggles] = useState<PanelToggles>({});
  useEffect(() => setToggles({}), [isCompact]);
  const isOpen = useCallback((id: string) => isPanelOpen(toggles, id, isCompact), [toggles, isCompact]);
  const toggle = useCallback((id: string) => setToggles((current) => togglePanel(current, id, ids, isCompact)), [ids, isCompact]);
  const closeAll = useCallback(() => setToggles(closeAllPanels(ids)), [ids]);
  return useMemo(() => ({ isCompact, isOpen, toggle, closeAll, isAnyOpen: ids.some(isOpen) }), [isCompact, isOpen, toggle, closeAll, ids]);
}
