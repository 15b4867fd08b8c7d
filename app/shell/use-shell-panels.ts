'use client';
/**
 * Which of the shell's collapsible panels are open. On a desktop or tablet every panel starts open and each one
 * toggles on its own. On a phone ({@link useIsCompactLayout}) they start closed and open one at a time as a
 * bottom sheet; a new selection closes them so that its own sheet shows. A change of layout (rotation, resize)
 * returns to that layout's defaults.
 */
import { useCallback, useEffect, useState } from 'react';

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
 * @param ids - every panel id, in display order
 * @param isCompact - whether the page is laid out for a phone
 */
export function useShellPanels(ids: readonly string[], isCompact: boolean): ShellPanels {
  const [explicit, setExplicit] = useState<Readonly<Record<string, boolean>>>({});
  useEffect(() => setExplicit({}), [isCompact]);
  const isOpen = useCallback((id: string) => explicit[id] ?? !isCompact, [explicit, isCompact]);
  const toggle = useCallback(
    (id: string) =>
      setExplicit((current) => {
        const next = !(current[id] ?? !isCompact);
        if (!isCompact || !next) return { ...current, [id]: next };
        return Object.fromEntries(ids.map((other) => [other, other === id]));
      }),
    [ids, isCompact],
  );
  const closeAll = useCallback(() => setExplicit(Object.fromEntries(ids.map((id) => [id, false]))), [ids]);
  return { isCompact, isOpen, toggle, closeAll, isAnyOpen: ids.some(isOpen) };
}
